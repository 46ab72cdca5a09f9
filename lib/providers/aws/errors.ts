import { ProviderError } from "../errors";
import { fromHttpResponse, networkError, parseRetryAfter, sanitizeUpstreamText, type FixHints } from "../http-errors";

// AWS failures → ProviderError kinds, with messages a lab member can act on. The SDK raises a
// ServiceException named after the error code (AWS JSON protocols put it in the body's __type), with
// the HTTP status in $metadata; the credential providers raise CredentialsProviderError. The neutral
// part (statuses, Retry-After, network codes) is ../http-errors.ts.

/** Codes AWS uses for throttling, whatever the status (JSON 1.1 services answer 400 for them). */
const THROTTLING = new Set(["ThrottlingException", "Throttling", "TooManyRequestsException", "ThrottledException", "RequestLimitExceeded", "LimitExceededException", "RequestThrottled", "RequestThrottledException"]);

/**
 * Codes saying the keys are wrong, unknown or expired (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html,
 * "Common Errors": InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken; JSON services say
 * UnrecognizedClientException and InvalidSignatureException).
 */
const CREDENTIALS: Record<string, string> = {
  UnrecognizedClientException: "AWS does not know this access key ID. Check the access key ID (and that it is not deleted or inactive)",
  InvalidClientTokenId: "AWS does not know this access key ID. Check the access key ID (and that it is not deleted or inactive)",
  InvalidSignatureException: "the secret access key does not match the access key ID. Paste the secret access key again",
  SignatureDoesNotMatch: "the secret access key does not match the access key ID. Paste the secret access key again",
  ExpiredTokenException: "the session token has expired. Enter fresh temporary credentials, or a long-term access key or a role to assume",
  ExpiredToken: "the session token has expired. Enter fresh temporary credentials, or a long-term access key or a role to assume",
  InvalidToken: "the session token is not valid. Enter the session token that came with this access key",
  IncompleteSignature: "the request signature was incomplete. Check the access key ID and secret",
};

const DENIED = new Set(["AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "AccessDeniedError"]);
const NOT_FOUND = /NotFound|^ResourceNotFoundException$|^NoSuchEntity/;

interface SdkError {
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

function isSdkError(error: unknown): error is SdkError {
  return error instanceof Error && typeof (error as { $metadata?: unknown }).$metadata === "object";
}

function hints(action: string): FixHints {
  return {
    credentials: "Check the account's access key ID and secret access key (or its role ARN and external id).",
    permission: `Allow ${action} to the account's IAM identity (docs/aws.md has the policy), then try again.`,
    notFound: "Check the account's regions, clusters and names.",
  };
}

/**
 * An error from an AWS call → ProviderError. `service` names who was called, `action` the IAM action
 * (e.g. "ecs:ListTasks") a refusal is about. Anything that is not a cloud or network failure (a bug,
 * say) is rethrown as it is.
 */
export function toProviderError(error: unknown, service: string, action: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof Error && error.name === "AssumeRoleFailure") {
    const sts = toProviderError(error.cause, "AWS STS", "sts:AssumeRole");
    if (sts.kind !== "permission_denied") return sts;
    return new ProviderError(
      "bad_credentials",
      `AWS STS would not let this account's identity assume its role (${sts.providerCode ?? "AccessDenied"}): sts:AssumeRole was refused. Check the role ARN and the external id, and that the role's trust policy names this identity and requires that external id.`,
      { providerCode: sts.providerCode, cause: error },
    );
  }
  if (error instanceof Error && error.name === "CredentialsProviderError") {
    return new ProviderError(
      "bad_credentials",
      "This account uses the host's default AWS credentials, but none were found here (environment, shared config files, container or instance role). Enter an access key, or run Batchdeck with an AWS identity.",
      { providerCode: "NoCredentials", cause: error },
    );
  }
  if (isSdkError(error)) {
    const status = error.$metadata?.httpStatusCode;
    const code = error.name;
    const headers = error.$response?.headers ?? {};
    const header = (name: string) => headers[name] ?? headers[name.toLowerCase()];
    if (THROTTLING.has(code)) {
      const retryAfterSeconds = parseRetryAfter(header("retry-after"));
      const wait = retryAfterSeconds !== null ? ` Try again in ${retryAfterSeconds} s.` : " Try again in a minute.";
      return new ProviderError("throttled", `${service} is throttling this account (${code}).${wait}`, { providerCode: code, retryAfterSeconds, cause: error });
    }
    const fix = CREDENTIALS[code];
    if (fix) return new ProviderError("bad_credentials", `${service} did not accept this account's credentials (${code}): ${fix}.`, { providerCode: code, cause: error });
    if (DENIED.has(code) || status === 403) {
      return new ProviderError("permission_denied", `${service} refused ${action} (${code}): the account's IAM identity is not allowed to perform ${action}. ${hints(action).permission}`, {
        providerCode: code,
        cause: error,
      });
    }
    if (NOT_FOUND.test(code)) {
      return new ProviderError("not_found", `${service} could not find it (${code}): ${sanitizeUpstreamText(error.message)}. ${hints(action).notFound}`, { providerCode: code, cause: error });
    }
    if (status !== undefined) return fromHttpResponse(service, { status, header, code, message: error.message }, hints(action), error);
  }
  if (error instanceof Error && error.name === "AbortError") {
    return new ProviderError("unreachable", `The call to ${service} was cancelled before it answered. Try again.`, { providerCode: "Aborted", cause: error });
  }
  const network = networkError(service, error);
  if (network) return network;
  throw error;
}
