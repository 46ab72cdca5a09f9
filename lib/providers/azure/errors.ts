import { isRestError } from "@azure/core-rest-pipeline";
import { ProviderError } from "../errors";
import { fromHttpResponse as fromHttpAnswer, networkError, sanitizeUpstreamText, type FixHints, type HttpFailure } from "../http-errors";

// Azure failures → ProviderError kinds, with messages a lab member can act on. Three sources:
// - RestError from the ARM SDK pipeline (statusCode, ARM error body `{ error: { code, message } }`);
// - @azure/identity errors while getting a token (AuthenticationError carries the Entra ID answer);
// - plain HTTP answers from our own fetch calls (Log Analytics query, Service Bus send), via fromHttpResponse.
// The cloud-neutral part (statuses, Retry-After, network codes) is ../http-errors.ts.

const AZURE_HINTS: FixHints = {
  credentials: "Check the tenant, client id and secret.",
  permission: 'Give the service principal a role that allows it on the resource group (e.g. "Container Apps Jobs Operator" or Contributor), then try again.',
  notFound: "Check the subscription, resource group and names in the account settings.",
};

/** An HTTP error answer from an Azure service, with what to fix in an Azure account. */
export function fromHttpResponse(service: string, failure: HttpFailure, cause?: unknown): ProviderError {
  return fromHttpAnswer(service, failure, AZURE_HINTS, cause);
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
