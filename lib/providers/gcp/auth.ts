import { createHash, createSign } from "node:crypto";
import { GoogleAuth, OAuth2Client } from "google-auth-library";
import { ProviderError } from "../errors";
import { networkError, sanitizeUpstreamText } from "../http-errors";
import { withTimeout } from "../timeout";
import { tokenUriProblem } from "./endpoints";
import { parseServiceAccountKey, type GcpCredentials, type ServiceAccountKey } from "./settings";

// Access tokens for a Google Cloud account. A service-account key signs a JWT and trades it at the key's
// own token_uri (OAuth 2.0 JWT bearer grant, https://developers.google.com/identity/protocols/oauth2/service-account#httprest);
// google-auth-library's JWT client always posts to oauth2.googleapis.com, so the exchange is ours: it
// honours a checked token_uri (the simulator's in demo mode and tests) and words Google's refusals.
// No key: the host's application default credentials (https://cloud.google.com/docs/authentication/application-default-credentials).

const SCOPE = "https://www.googleapis.com/auth/cloud-platform";
const TOKEN_ENDPOINT = "Google's OAuth token endpoint";

/** What the Google clients accept as `authClient`: something that signs requests (gax calls its fetch). */
export type GcpAuth = OAuth2Client | GoogleAuth;

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

/** The signed assertion: RS256 over header.claims with the key's private key, valid for an hour. */
export function signAssertion(key: ServiceAccountKey, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: key.private_key_id }));
  const claims = base64url(JSON.stringify({ iss: key.client_email, scope: SCOPE, aud: key.token_uri, iat, exp: iat + 3600 }));
  const signature = createSign("RSA-SHA256").update(`${header}.${claims}`).sign(key.private_key);
  return `${header}.${claims}.${base64url(signature)}`;
}

/** Google's token errors (RFC 6749 §5.2): invalid_grant covers a deleted or disabled key, a wrong signature, a bad clock. */
function refusal(key: ServiceAccountKey, status: number, body: { error?: unknown; error_description?: unknown }): ProviderError {
  const code = typeof body.error === "string" ? body.error : `HTTP${status}`;
  const said = typeof body.error_description === "string" ? sanitizeUpstreamText(body.error_description) : "";
  if (status === 429) {
    return new ProviderError("throttled", `${TOKEN_ENDPOINT} is throttling this account's token requests. Try again in a minute.`, { providerCode: code, retryAfterSeconds: 60 });
  }
  if (status >= 500) {
    return new ProviderError("unreachable", `${TOKEN_ENDPOINT} failed to answer (HTTP ${status}). Try again later.`, { providerCode: code });
  }
  return new ProviderError(
    "bad_credentials",
    `Google refused the service-account key of ${key.client_email} (key ${key.private_key_id}): ${code}${said ? `, ${said}` : ""}. The key may have been deleted or disabled, or the service account removed: create a new JSON key (IAM → Service accounts → Keys) and paste it into the account.`,
    { providerCode: code },
  );
}

/** Trades a signed JWT for an access token at the key's token_uri, under the call deadline. */
export async function fetchAccessToken(key: ServiceAccountKey, timeoutMs: number): Promise<{ access_token: string; expiry_date: number }> {
  const problem = tokenUriProblem(key.token_uri);
  if (problem) throw new ProviderError("invalid_request", `${problem} Paste a key downloaded from Google; nothing was sent.`, { providerCode: "EndpointNotAllowed" });
  return withTimeout(TOKEN_ENDPOINT, timeoutMs, async (signal) => {
    let response: Response;
    try {
      response = await fetch(key.token_uri, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: signAssertion(key) }),
        signal,
      });
    } catch (error) {
      throw networkError(TOKEN_ENDPOINT, error) ?? error;
    }
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown };
    if (!response.ok) throw refusal(key, response.status, body);
    if (typeof body.access_token !== "string") {
      throw new ProviderError("unreachable", `${TOKEN_ENDPOINT} answered without an access token. Try again later.`, { providerCode: "NoAccessToken" });
    }
    const seconds = typeof body.expires_in === "number" ? body.expires_in : 3600;
    return { access_token: body.access_token, expiry_date: Date.now() + seconds * 1000 };
  });
}

/**
 * Access tokens by key, so providers built per request (a page load, a sync) reuse one until it is about
 * to expire instead of signing in every time. A deleted key's token stops working at Google, which
 * answers 401: the next provider then asks for a new one and hears that the key is gone.
 */
const tokens = new Map<string, { access_token: string; expiry_date: number }>();
const REFRESH_BEFORE_MS = 5 * 60_000;

/** Token requests under way, so the clients an account calls at once (jobs, schedules, services) share one. */
const pending = new Map<string, Promise<{ access_token: string; expiry_date: number }>>();

/** A token is shared only by the same whole key: a pasted key with a known id but another private key gets none. */
function tokenId(key: ServiceAccountKey): string {
  return createHash("sha256").update(JSON.stringify([key.token_uri, key.client_email, key.private_key_id, key.private_key])).digest("hex");
}

function cachedAccessToken(key: ServiceAccountKey, timeoutMs: number): Promise<{ access_token: string; expiry_date: number }> {
  const id = tokenId(key);
  const cached = tokens.get(id);
  if (cached && cached.expiry_date - REFRESH_BEFORE_MS > Date.now()) return Promise.resolve(cached);
  const running = pending.get(id);
  if (running) return running;
  const request = fetchAccessToken(key, timeoutMs)
    .then((fresh) => {
      tokens.set(id, fresh);
      return fresh;
    })
    .finally(() => pending.delete(id));
  pending.set(id, request);
  return request;
}

/** Forgets the token of a key Google stopped accepting, so the next call signs in again. */
export function forgetAccessToken(key: ServiceAccountKey): void {
  tokens.delete(tokenId(key));
}

/** The signer every Google client of one account shares, so one token serves them all until it expires. */
export function createGcpAuth(credentials: GcpCredentials | null, timeoutMs: number): GcpAuth {
  if (credentials === null) return new GoogleAuth({ scopes: [SCOPE] });
  const key = parseServiceAccountKey(credentials.serviceAccountKey);
  const client = new OAuth2Client();
  client.refreshHandler = () => cachedAccessToken(key, timeoutMs);
  return client;
}
