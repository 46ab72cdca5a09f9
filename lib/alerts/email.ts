import nodemailer from "nodemailer";
import type { AlertSmtp } from "@/lib/env";
import type { ReceiverAnswer } from "./post";

// Email alerts through the SMTP server of SMTP_URL. smtps:// is TLS from the first byte; smtp:// must
// upgrade with STARTTLS unless the server is on this machine, so a password never crosses a network in
// clear text.

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export async function sendAlertEmail(smtp: AlertSmtp, to: readonly string[], message: { subject: string; text: string }, timeoutMs: number): Promise<ReceiverAnswer> {
  const url = new URL(smtp.url);
  const transport = nodemailer.createTransport({
    url: smtp.url,
    requireTLS: url.protocol === "smtp:" && !LOOPBACK.has(url.hostname),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    const info = await transport.sendMail({ from: smtp.from, to: [...to], subject: message.subject, text: message.text });
    return { ok: true, status: null, detail: `The mail server accepted it for ${info.accepted.length} recipient(s): ${info.response}` };
  } catch (error) {
    const e = error as Error & { responseCode?: number; code?: string };
    return { ok: false, status: null, detail: `The mail server refused it: ${e.responseCode ? `${e.responseCode} ` : ""}${e.code ?? ""} ${e.message}`.replace(/\s+/g, " ").trim() };
  } finally {
    transport.close();
  }
}
