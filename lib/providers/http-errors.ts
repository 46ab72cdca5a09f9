import { ProviderError } from "./errors";

// Cloud-neutral failure mapping: an HTTP error answer or a network failure → a ProviderError kind.
// Each adapter adds its own wording of what to fix (its credentials, its roles) and its SDK's errors.

export interface HttpFailure {
  status: number;
  /** Header lookup (fetch Headers or the SDK's HttpHeaders both fit). */
  header(name: string): string | undefined;
  code: string | null;
  message: string | null;
}

/** Longest piece of a cloud's own wording we repeat to a user. */
const MAX_UPSTREAM_TEXT = 200;

/**
 * A cloud's error text made fit to show: tags and control characters removed, whitespace collapsed,
 * cut to `max` characters. Only the cloud's error code/message fields ever pass through here, never
 * a whole body, but those fields are still the cloud's (or an impostor's) words.
 */
export function sanitizeUpstreamText(text: string, max = MAX_UPSTREAM_TEXT): string {
  const plain = text
    .replace(/<[^>]*>?/g, " ")
    .replace(/[\u0000-\u001f\u007f-\u009f<>]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/** An error code is an identifier (ResourceNotFound, AADSTS7000215); anything else is dropped. */
function safeCode(code: string | null): string | null {
  return code !== null && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : null;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
]);
const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** Walks `cause` chains (fetch wraps the socket error; the SDK wraps fetch/http errors). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

export function networkError(service: string, error: unknown): ProviderError | null {
  const codes = errorCodes(error);
  const tls = codes.find((c) => TLS_CODES.has(c));
  if (tls) {
    return new ProviderError(
      "unreachable",
      `${service}'s TLS certificate is not trusted (${tls}). For a private endpoint or the simulator, start Batchdeck with NODE_EXTRA_CA_CERTS pointing at its certificate.`,
      { providerCode: tls, cause: error },
    );
  }
  const net = codes.find((c) => NETWORK_CODES.has(c));
  if (net || (error instanceof TypeError && error.message === "fetch failed")) {
    return new ProviderError(
      "unreachable",
      `Could not reach ${service} (${net ?? "network error"}). Check the account's endpoints and this server's network, then try again.`,
      { providerCode: net ?? "NetworkError", cause: error },
    );
  }
  return null;
}

/** What the user should fix for each refusal, in the cloud's own words (its credential fields, its roles). */
export interface FixHints {
  /** After a 401, e.g. "Check the tenant, client id and secret." */
  credentials: string;
  /** After a 403: which role or policy grants it. */
  permission: string;
  /** After a 404: which settings name the missing thing. */
  notFound: string;
}

/** Maps an HTTP error answer to a kind. `service` is who answered, in the user's words. */
export function fromHttpResponse(service: string, failure: HttpFailure, hints: FixHints, cause?: unknown): ProviderError {
  const { status } = failure;
  const code = safeCode(failure.code);
  const message = failure.message ? sanitizeUpstreamText(failure.message) : "";
  const said = message ? `: ${message}` : "";
  const tag = code ? ` (${code})` : "";
  const opts = { providerCode: code ?? `HTTP${status}`, cause };
  if (status === 401) {
    return new ProviderError("bad_credentials", `${service} did not accept this account's credentials${tag}${said}. ${hints.credentials}`, opts);
  }
  if (status === 403) {
    return new ProviderError(
      "permission_denied",
      `${service} refused the request${tag}${said}. ${hints.permission}`,
      opts,
    );
  }
  if (status === 404) {
    return new ProviderError("not_found", `${service} could not find it${tag}${said}. ${hints.notFound}`, opts);
  }
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(failure.header("retry-after"));
    const wait = retryAfterSeconds !== null ? ` Try again in ${retryAfterSeconds} s.` : " Try again in a minute.";
    return new ProviderError("throttled", `${service} is throttling this account${tag}.${wait}`, { ...opts, retryAfterSeconds });
  }
  if (status >= 500 || status === 408) {
    return new ProviderError("unreachable", `${service} failed to answer (HTTP ${status}${tag})${said}. It is probably a temporary outage; try again later.`, opts);
  }
  return new ProviderError("invalid_request", `${service} rejected the request (HTTP ${status}${tag})${said}.`, opts);
}
