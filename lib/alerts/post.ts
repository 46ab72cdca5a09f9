import http from "node:http";
import https from "node:https";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { webhookUrlProblem } from "./webhook-url";
import { receiverAddressProblem } from "./receiver-address";

// One POST of an alert. node:http rather than fetch, because its `lookup` hook lets us check the very
// address the socket connects to (see receiver-address.ts), and it never follows a redirect.

/** What the receiver said, in words a member can act on; never its body. */
export interface ReceiverAnswer {
  ok: boolean;
  /** The HTTP status, when the receiver answered. */
  status: number | null;
  detail: string;
}

export interface PostOptions {
  timeoutMs: number;
  loopbackAllowed: boolean;
}

class RefusedAddress extends Error {}

function checkedLookup(loopbackAllowed: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 4);
      const refused = addresses.map((a) => receiverAddressProblem(a.address, loopbackAllowed)).find(Boolean);
      if (refused) return callback(new RefusedAddress(`${hostname} resolves to ${refused}`), "", 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

export function postJson(url: string, body: unknown, options: PostOptions): Promise<ReceiverAnswer> {
  const problem = webhookUrlProblem(url, options.loopbackAllowed);
  if (problem) return Promise.resolve({ ok: false, status: null, detail: problem });
  const payload = Buffer.from(JSON.stringify(body), "utf8");
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: ReceiverAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": payload.length, "user-agent": "Batchdeck-Alerts/1" },
        lookup: checkedLookup(options.loopbackAllowed),
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // The body is read (so the connection ends cleanly) but never shown: it is the receiver's, not ours.
        response.resume();
        response.on("end", () => {
          const ok = status >= 200 && status < 300;
          settle({ ok, status, detail: ok ? `The receiver answered ${status}.` : `The receiver answered ${status}${status >= 300 && status < 400 ? " (a redirect, not followed: enter the final URL)" : ""}.` });
        });
        response.on("error", (error) => settle({ ok: false, status, detail: `The receiver's answer broke off: ${error.message}.` }));
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      settle({ ok: false, status: null, detail: `The receiver did not answer within ${options.timeoutMs / 1000} s.` });
    }, options.timeoutMs);
    request.on("error", (error) => {
      const detail = error instanceof RefusedAddress ? error.message : `Could not reach ${target.host}: ${(error as NodeJS.ErrnoException).code ?? error.message}.`;
      settle({ ok: false, status: null, detail });
    });
    request.end(payload);
  });
}
