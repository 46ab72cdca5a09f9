import { generateKeyPairSync, randomBytes, verify, type KeyObject } from "node:crypto";

// Service-account keys and the credentials they yield. Google checks two kinds of bearer: an OAuth access
// token from the token endpoint (JWT-bearer grant, RFC 7523), and a self-signed JWT sent straight to the API
// (https://developers.google.com/identity/protocols/oauth2/service-account#jwt-auth) — the Google client
// libraries send the latter for a service-account key (google-auth-library JWT with useJWTAccessWithScope),
// so both are honoured here. Expiry is checked on the REAL clock (sim/core/clock.ts explains why).

export interface ServiceAccountKeyJson {
  type: "service_account";
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: "googleapis.com";
}

interface IssuedKey {
  keyId: string;
  projectId: string;
  email: string;
  publicKey: KeyObject;
  revoked: boolean;
}

export interface Principal {
  projectId: string;
  email: string;
}

/** A JWT's parts once its RS256 signature checked out against a key this simulator issued. */
export interface VerifiedJwt {
  key: IssuedKey;
  claims: Record<string, unknown>;
}

export type JwtProblem = "malformed" | "unknown_key" | "revoked_key" | "bad_signature" | "expired" | "not_yet_valid";

const ACCESS_TOKEN_SECONDS = 3600;
/** Google refuses assertions whose lifetime exceeds an hour (https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests). */
const MAX_ASSERTION_SECONDS = 3600;
const CLOCK_SKEW_SECONDS = 300;

export class GcpKeys {
  private readonly keys = new Map<string, IssuedKey>();
  private readonly tokens = new Map<string, { principal: Principal; keyId: string; expiresAtMs: number }>();

  /** A new RSA key pair for the project's service account, as the JSON key file Google hands out. */
  issue(projectId: string, email: string, clientId: string, tokenUri: string): ServiceAccountKeyJson {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyId = randomBytes(20).toString("hex");
    this.keys.set(keyId, { keyId, projectId, email, publicKey, revoked: false });
    return {
      type: "service_account",
      project_id: projectId,
      private_key_id: keyId,
      private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      client_email: email,
      client_id: clientId,
      auth_uri: "https://accounts.google.com/o/oauth2/auth",
      token_uri: tokenUri,
      auth_provider_x509_cert_url: "https://www.googleapis.com/oauth2/v1/certs",
      client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(email)}`,
      universe_domain: "googleapis.com",
    };
  }

  /** Revoking a key also ends the access tokens it obtained, as deleting a key does on Google. */
  revoke(keyId: string): void {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`no key ${keyId}`);
    key.revoked = true;
  }

  /** Checks an RS256 JWT signed by one of the keys issued here (header `kid`, else any key of `iss`). */
  verifyJwt(token: string, nowSeconds = Math.floor(Date.now() / 1000)): VerifiedJwt | JwtProblem {
    const parts = token.split(".");
    if (parts.length !== 3) return "malformed";
    const [headerText, payloadText, signature] = parts as [string, string, string];
    const header = decodeJson(headerText);
    const claims = decodeJson(payloadText);
    if (!header || !claims || header.alg !== "RS256") return "malformed";
    const candidates = typeof header.kid === "string" ? [this.keys.get(header.kid)].filter((k) => k !== undefined) : [...this.keys.values()].filter((k) => k.email === claims.iss);
    const key = candidates.find((k) => verify("RSA-SHA256", Buffer.from(`${headerText}.${payloadText}`), k.publicKey, Buffer.from(signature, "base64url")));
    if (!key) return candidates.length === 0 ? "unknown_key" : "bad_signature";
    if (key.revoked) return "revoked_key";
    const exp = claims.exp;
    const iat = claims.iat;
    if (typeof exp !== "number" || typeof iat !== "number") return "malformed";
    if (exp + CLOCK_SKEW_SECONDS < nowSeconds) return "expired";
    if (iat - CLOCK_SKEW_SECONDS > nowSeconds || exp - iat > MAX_ASSERTION_SECONDS) return "not_yet_valid";
    return { key, claims };
  }

  grant(key: VerifiedJwt["key"]): { access_token: string; expires_in: number; token_type: "Bearer" } {
    const token = `ya29.sim-${randomBytes(24).toString("base64url")}`;
    this.tokens.set(token, { principal: { projectId: key.projectId, email: key.email }, keyId: key.keyId, expiresAtMs: Date.now() + ACCESS_TOKEN_SECONDS * 1000 });
    return { access_token: token, expires_in: ACCESS_TOKEN_SECONDS, token_type: "Bearer" };
  }

  /** Test knob: the access token expires now (a client holding it gets 401 on its next call). */
  expireToken(token: string): void {
    const entry = this.tokens.get(token);
    if (entry) entry.expiresAtMs = 0;
  }

  /**
   * Who an `Authorization` header speaks for, or null: an access token issued here and not expired, or a
   * self-signed JWT whose `aud` is an API URL or whose `scope` is set (both forms the libraries send).
   */
  authenticate(authorization: string | undefined): Principal | null {
    const match = /^Bearer (\S+)$/i.exec(authorization ?? "");
    if (!match) return null;
    const bearer = match[1] as string;
    const issued = this.tokens.get(bearer);
    if (issued) {
      const key = this.keys.get(issued.keyId);
      return issued.expiresAtMs > Date.now() && key && !key.revoked ? issued.principal : null;
    }
    const jwt = this.verifyJwt(bearer);
    if (typeof jwt === "string") return null;
    if (jwt.claims.iss !== jwt.key.email || (typeof jwt.claims.aud !== "string" && typeof jwt.claims.scope !== "string")) return null;
    return { projectId: jwt.key.projectId, email: jwt.key.email };
  }

}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
