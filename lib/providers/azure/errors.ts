import { isRestError } from "@azure/core-rest-pipeline";
import { ProviderError } from "../errors";

// Azure failures → ProviderError kinds, with messages a lab member can act on. Three sources:
// - RestError from the ARM SDK pipeline (statusCode, ARM error body `{ error: { code, message } }`);
// - @azure/identity errors while getting a token (AuthenticationError carries the Entra ID answer);
// - plain HTTP answers from our own fetch calls (Log Analytics query, Service Bus send), via fromHttpResponse.

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

function networkError(service: string, error: unknown): ProviderError | null {
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

/** Maps an HTTP error answer to a kind. `service` is who answered, e.g. "Azure Resource Manager". */
export function fromHttpResponse(service: string, failure: HttpFailure, cause?: unknown): ProviderError {
  const { status } = failure;
  const code = safeCode(failure.code);
  const message = failure.message ? sanitizeUpstreamText(failure.message) : "";
  const said = message ? `: ${message}` : "";
  const tag = code ? ` (${code})` : "";
  const opts = { providerCode: code ?? `HTTP${status}`, cause };
  if (status === 401) {
    return new ProviderError("bad_credentials", `${service} did not accept this account's credentials${tag}${said}. Check the tenant, client id and secret.`, opts);
  }
  if (status === 403) {
    return new ProviderError(
      "permission_denied",
      `${service} refused the request${tag}${said}. Give the service principal a role that allows it on the resource group (e.g. "Container Apps Jobs Operator" or Contributor), then try again.`,
      opts,
    );
  }
  if (status === 404) {
    return new ProviderError("not_found", `${service} could not find it${tag}${said}. Check the subscription, resource group and names in the account settings.`, opts);
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

/** Entra ID error codes (learn.microsoft.com: "Microsoft Entra authentication and authorization error codes"). */
function entraMessage(description: string): string {
  if (/AADSTS7000215/.test(description)) return "the client secret is wrong. Paste the secret's value (not its id) again";
  if (/AADSTS7000222/.test(description)) return "the client secret has expired. Create a new secret for the app registration";
  if (/AADSTS700016/.test(description)) return "no application with this client id exists in the tenant. Check the client id";
  if (/AADSTS90002|AADSTS900023/.test(description)) return "the tenant id is wrong or unknown. Check the tenant id";
  return "check the tenant id, client id and client secret";
}

function fromIdentityError(error: Error): ProviderError | null {
  if (error.name === "CredentialUnavailableError" && /endpoints_resolution_error|network|ECONNREFUSED|ENOTFOUND|timed? ?out/i.test(error.message)) {
    // MSAL could not fetch the authority's metadata: the sign-in endpoint is down or wrong.
    return (
      networkError("the Microsoft Entra ID sign-in endpoint", error) ??
      new ProviderError(
        "unreachable",
        "Could not reach the Microsoft Entra ID sign-in endpoint (authority host) to get a token. Check the account's authority host and this server's network.",
        { providerCode: "AuthorityUnreachable", cause: error },
      )
    );
  }
  if (error.name === "CredentialUnavailableError" && !/ManagedIdentity/i.test(error.message)) {
    return new ProviderError("bad_credentials", `Could not get a token with this account's credentials: ${sanitizeUpstreamText(error.message)}`, {
      providerCode: "CredentialUnavailable",
      cause: error,
    });
  }
  if (error.name === "CredentialUnavailableError") {
    return new ProviderError(
      "bad_credentials",
      "This account uses the host's managed identity, but none is available here. Add a service principal (client id and secret) to the account, or run Batchdeck on Azure with a managed identity.",
      { providerCode: "ManagedIdentityUnavailable", cause: error },
    );
  }
  // The ARM pipeline's bearer policy re-throws MSAL failures as AuthenticationRequiredError; the Entra
  // answer (invalid_client, AADSTS code) is in its message.
  const identityNames = ["AuthenticationError", "AggregateAuthenticationError", "AuthenticationRequiredError"];
  if (identityNames.includes(error.name) || /AADSTS\d+/.test(error.message)) {
    const network = networkError("the Microsoft Entra ID sign-in endpoint", error);
    if (network) return network;
    const statusCode = (error as { statusCode?: number }).statusCode;
    const response = (error as { errorResponse?: { error?: string; errorDescription?: string } }).errorResponse;
    const description = response?.errorDescription ?? error.message;
    if (statusCode !== undefined && (statusCode >= 500 || statusCode === 0)) {
      return new ProviderError("unreachable", `Microsoft Entra ID failed to issue a token (HTTP ${statusCode}). Try again later.`, {
        providerCode: response?.error ?? `HTTP${statusCode}`,
        cause: error,
      });
    }
    const code = /AADSTS\d+/.exec(description)?.[0] ?? response?.error ?? "AuthenticationFailed";
    return new ProviderError("bad_credentials", `Microsoft Entra ID refused to sign in (${code}): ${entraMessage(description)}.`, {
      providerCode: code,
      cause: error,
    });
  }
  return null;
}

/** ARM's error body: `{ "error": { "code", "message" } }` (DefaultErrorResponse in CommonDefinitions.json). */
function armErrorBody(error: { code?: string; message: string; response?: { bodyAsText?: string | null } }): { code: string | null; message: string | null } {
  const code = typeof error.code === "string" && error.code !== "" && !/^[A-Z_]+_ERROR$/.test(error.code) ? error.code : null;
  // The SDK puts the whole response body in the message when the body is not an ARM error object
  // (an HTML page, say): repeat the message only when it is the `error.message` field of one.
  const fromErrorObject = code !== null && error.message !== error.response?.bodyAsText && !/occurred in deserializing/.test(error.message);
  return { code, message: fromErrorObject ? error.message || null : null };
}

/**
 * An error from an Azure call → ProviderError. `service` names who was being called. Anything that is
 * not a cloud or network failure (a bug, say) is rethrown as it is: calling it "unreachable" would send
 * the user to check a cloud that did nothing wrong.
 */
export function toProviderError(error: unknown, service = "Azure Resource Manager"): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof Error) {
    const identity = fromIdentityError(error);
    if (identity) return identity;
  }
  if (isRestError(error)) {
    // A RestError with no status never got an answer (REQUEST_SEND_ERROR): the network failed.
    if (error.statusCode === undefined) {
      return networkError(service, error) ?? new ProviderError("unreachable", `Could not reach ${service}: ${sanitizeUpstreamText(error.message)}`, { providerCode: error.code ?? "RequestSendError", cause: error });
    }
    const body = armErrorBody(error);
    const headers = error.response?.headers;
    return fromHttpResponse(
      service,
      { status: error.statusCode, header: (name) => headers?.get(name), code: body.code, message: body.message },
      error,
    );
  }
  if (error instanceof Error && error.name === "AbortError") {
    return new ProviderError("unreachable", `The call to ${service} was cancelled before it answered. Try again.`, { providerCode: "Aborted", cause: error });
  }
  const network = networkError(service, error);
  if (network) return network;
  throw error;
}
