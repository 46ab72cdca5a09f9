import { openCredentials, sealCredentials, type SealedCredentials } from "@/lib/catalog/credentials";
import { keyringFromEnv } from "@/lib/catalog/keyring";
import { alertSmtp, serverEnv } from "@/lib/env";
import type { AlertChannel } from "@/lib/db/generated/client";
import type { AlertFormat } from "@/lib/db/generated/enums";
import { emailMessage, webhookBody, alertLinks, type FailedRun } from "./message";
import { postJson, type ReceiverAnswer } from "./post";
import { sendAlertEmail } from "./email";
import { loopbackReceiversAllowed } from "./receiver-address";

// Sending one alert to one channel, whatever its kind. Webhook URLs are sealed with the cloud credentials'
// AES-GCM and keyring (lib/catalog/credentials.ts), under their own purpose bound to the channel's id.

/** How long a receiver may take to answer one alert. */
export const DEFAULT_ALERT_TIMEOUT_MS = 10_000;

export function sealWebhookUrl(channelId: string, url: string): SealedCredentials {
  return sealCredentials({ url }, { purpose: "alert-webhook", id: channelId }, keyringFromEnv().current);
}

function openWebhookUrl(channel: Pick<AlertChannel, "id" | "urlCipher" | "urlKeyId">): string {
  if (!channel.urlCipher || !channel.urlKeyId) throw new Error("This channel has no webhook URL: delete it and add it again.");
  const { credentials } = openCredentials({ cipher: new Uint8Array(channel.urlCipher), keyId: channel.urlKeyId }, { purpose: "alert-webhook", id: channel.id }, keyringFromEnv());
  return (credentials as { url: string }).url;
}

export type ChannelTarget = Pick<AlertChannel, "id" | "kind" | "format" | "urlCipher" | "urlKeyId" | "recipients">;

export async function sendToChannel(channel: ChannelTarget, run: FailedRun, timeoutMs: number = DEFAULT_ALERT_TIMEOUT_MS): Promise<ReceiverAnswer> {
  const links = alertLinks(serverEnv().NEXTAUTH_URL, run.executionId);
  return sendMessage(channel, { webhook: (format) => webhookBody(format, run, links), email: () => emailMessage(run, links) }, timeoutMs);
}

/** Any alert, as each kind of channel takes it: a webhook body per format, or an email. */
export interface ChannelMessage {
  webhook: (format: AlertFormat) => unknown;
  email: () => { subject: string; text: string };
}

export async function sendMessage(channel: ChannelTarget, message: ChannelMessage, timeoutMs: number = DEFAULT_ALERT_TIMEOUT_MS): Promise<ReceiverAnswer> {
  if (channel.kind === "email") {
    const smtp = alertSmtp();
    if (!smtp) return { ok: false, status: null, detail: "Email is not configured on this server (SMTP_URL and ALERTS_FROM): ask whoever runs Batchdeck." };
    return sendAlertEmail(smtp, channel.recipients, message.email(), timeoutMs);
  }
  let url: string;
  try {
    url = openWebhookUrl(channel);
  } catch (error) {
    return { ok: false, status: null, detail: (error as Error).message };
  }
  return postJson(url, message.webhook(channel.format ?? "generic"), { timeoutMs, loopbackAllowed: loopbackReceiversAllowed() });
}
