import { isIP } from "node:net";
import { lookup } from "node:dns/promises";
import { receiverAddressProblem } from "./receiver-address";

// The rules a webhook URL must meet before it is saved, and again before each delivery (lib/alerts/post.ts
// checks the address it connects to). A webhook URL is a secret: it is shown only as its host and last
// characters (urlHint).

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Why this URL cannot receive alerts, from its text alone; null when it may. */
export function webhookUrlProblem(value: string, loopbackAllowed: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter the webhook's full URL, starting with https://.";
  }
  if (url.username || url.password) return "The webhook URL must not contain a user name or password.";
  const loopback = LOOPBACK_NAMES.has(url.hostname);
  // Plain http only to this machine in demo mode and tests: elsewhere the URL (a secret) and the alert
  // would cross the network in clear text.
  if (url.protocol === "https:" || (url.protocol === "http:" && loopback && loopbackAllowed)) {
    const literal = url.hostname.replace(/^\[|\]$/g, "");
    return isIP(literal) ? receiverAddressProblem(literal, loopbackAllowed) : null;
  }
  return "The webhook URL must use https:// (it carries the alert, and the URL itself is a secret).";
}

/** Why this URL cannot receive alerts, resolving its host name: every address it resolves to must be public. */
export async function resolvedWebhookUrlProblem(value: string, loopbackAllowed: boolean): Promise<string | null> {
  const problem = webhookUrlProblem(value, loopbackAllowed);
  if (problem) return problem;
  const host = new URL(value).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return null;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true });
  } catch {
    return `${host} does not resolve: check the webhook URL.`;
  }
  for (const { address } of addresses) {
    const refused = receiverAddressProblem(address, loopbackAllowed);
    if (refused) return `${host} resolves to ${refused}`;
  }
  return null;
}

/** What the page shows of a webhook URL: its host and last four characters, never the token in between. */
export function urlHint(value: string): string {
  const url = new URL(value);
  return `${url.host} …${value.slice(-4)}`;
}
