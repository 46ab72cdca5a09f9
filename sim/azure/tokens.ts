import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Access tokens the simulated Entra ID issues and ARM / Log Analytics accept. Real Entra signs RS256
// with keys published at jwks_uri; clients never verify access tokens themselves (they are opaque to
// them), so an HMAC key private to this process is enough. Expiry uses the REAL clock (see clock.ts).

export interface AccessTokenClaims {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  oid: string;
  sub: string;
  iat: number;
  nbf: number;
  exp: number;
  ver: "1.0";
}

export type TokenCheck =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; reason: "malformed" | "signature" | "expired" };

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

export class TokenIssuer {
  private readonly key = randomBytes(32);

  issue(claims: Omit<AccessTokenClaims, "iat" | "nbf" | "exp" | "ver">, lifetimeSeconds: number): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: "JWT", alg: "HS256", kid: "sim" }));
    const body = b64url(JSON.stringify({ ...claims, iat: now, nbf: now - 300, exp: now + lifetimeSeconds, ver: "1.0" }));
    return `${header}.${body}.${this.sign(`${header}.${body}`)}`;
  }

  verify(token: string): TokenCheck {
    const parts = token.split(".");
    if (parts.length !== 3) return { ok: false, reason: "malformed" };
    const [header, body, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${body}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "signature" };
    let claims: AccessTokenClaims;
    try {
      claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as AccessTokenClaims;
    } catch {
      return { ok: false, reason: "malformed" };
    }
    if (claims.exp * 1000 <= Date.now()) return { ok: false, reason: "expired" };
    return { ok: true, claims };
  }

  private sign(input: string): string {
    return createHmac("sha256", this.key).update(input).digest("base64url");
  }
}

/** "Bearer <token>" -> token; anything else -> null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== "string") return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1]! : null;
}

/** The resource a token is for, as ARM/Log Analytics compare it: no trailing slash, lower case. */
export function normalizeAudience(aud: string): string {
  return aud.replace(/\/+$/, "").toLowerCase();
}
