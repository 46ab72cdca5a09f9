import { createHash, timingSafeEqual } from "node:crypto";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import type { SimRequest } from "../core/http";
import type { AuthFailure } from "./errors";
import type { AwsState, Principal } from "./model";

// Signature Version 4, verified the only way a server can: recompute the signature over the request
// as received with the secret the simulator issued for the key, and compare. Nothing the client claims
// is trusted: the payload hash is computed from the body, the session token must be the one issued
// with the key, and the date must be within 5 minutes of now
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html).
// The date is checked against the REAL clock, since SDKs sign with it; a temporary key's expiry is
// checked against the simulated clock (it was issued on it).

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const SKEW_MS = 5 * 60_000;

export type AuthResult = { ok: true; principal: Principal } | { ok: false; failure: AuthFailure; detail?: string };

/** The access key id a request names, for the fault and log scope (before any check). */
export function accessKeyOf(req: SimRequest): string | null {
  const header = req.headers.authorization;
  return typeof header === "string" ? (/Credential=([^/,\s]+)\//.exec(header)?.[1] ?? null) : null;
}

export async function verifySigV4(state: AwsState, req: SimRequest, signingName: string, simNowMs: number): Promise<AuthResult> {
  const header = req.headers.authorization;
  if (typeof header !== "string") return { ok: false, failure: "missing" };
  const m = AUTH.exec(header.trim());
  if (!m) return { ok: false, failure: "badSignature" };
  const [, keyId, shortDate, region, service, signedList, signature] = m as unknown as [string, string, string, string, string, string, string];
  const principal = state.principals.get(keyId);
  if (!principal) return { ok: false, failure: "unknownKey" };
  const sentToken = req.headers["x-amz-security-token"];
  if ((principal.sessionToken ?? undefined) !== (typeof sentToken === "string" ? sentToken : undefined)) return { ok: false, failure: "unknownKey" };

  const amzDate = req.headers["x-amz-date"];
  const signedAt = typeof amzDate === "string" ? parseAmzDate(amzDate) : null;
  if (signedAt === null || !amzDate!.toString().startsWith(shortDate) || service !== signingName) return { ok: false, failure: "badSignature" };
  const realNow = Date.now();
  if (Math.abs(realNow - signedAt.getTime()) > SKEW_MS) {
    // AWS's own text, e.g. "Signature expired: 20261130T120000Z is now earlier than 20261130T131500Z (20261130T132000Z - 5 min.)"
    const late = signedAt.getTime() < realNow;
    const bound = formatAmzDate(late ? realNow - SKEW_MS : realNow + SKEW_MS);
    const detail = late
      ? `Signature expired: ${amzDate} is now earlier than ${bound} (${formatAmzDate(realNow)} - 5 min.)`
      : `Signature not yet current: ${amzDate} is still later than ${bound} (${formatAmzDate(realNow)} + 5 min.)`;
    return { ok: false, failure: "skew", detail };
  }

  const signed = signedList.split(";");
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = req.headers[name];
    if (value === undefined) return { ok: false, failure: "badSignature" };
    headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  // Our own hash of the body, whatever the header said.
  if ("x-amz-content-sha256" in headers) headers["x-amz-content-sha256"] = createHash("sha256").update(req.rawBody).digest("hex");
  const signer = new SignatureV4({
    service: signingName,
    region,
    sha256: Hash.bind(null, "sha256"),
    credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey, sessionToken: principal.sessionToken },
  });
  // The path as received (still percent-encoded, as the client signed it) below the service's prefix.
  const path = new URL(req.baseUrl).pathname + req.path;
  const recomputed = await signer.sign(
    { method: req.method, protocol: "https:", hostname: headers.host ?? "", path, query: req.query, headers, body: req.rawBody === "" ? undefined : req.rawBody },
    { signingDate: signedAt, signableHeaders: new Set(signed) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(recomputed.headers.authorization))?.[1] ?? "";
  const expectedList = /SignedHeaders=([^,]+),/.exec(String(recomputed.headers.authorization))?.[1] ?? "";
  if (expectedList !== signedList || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return { ok: false, failure: "badSignature" };
  if (principal.expiresMs !== undefined && principal.expiresMs <= simNowMs) return { ok: false, failure: "expiredToken" };
  return { ok: true, principal };
}

function parseAmzDate(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}
