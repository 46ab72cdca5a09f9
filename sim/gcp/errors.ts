import { json, type SimResponse } from "../core/http";

// Google's error shapes. The APIs answer google.rpc.Status inside "error" with the HTTP code, the canonical
// status name and typed details (https://cloud.google.com/apis/design/errors#http_mapping); the OAuth token
// endpoint answers RFC 6749 §5.2 JSON ({error, error_description}).

export type GoogleStatus = "INVALID_ARGUMENT" | "UNAUTHENTICATED" | "PERMISSION_DENIED" | "NOT_FOUND" | "FAILED_PRECONDITION" | "RESOURCE_EXHAUSTED" | "UNIMPLEMENTED" | "INTERNAL" | "UNAVAILABLE" | "DEADLINE_EXCEEDED";

const HTTP_OF: Record<GoogleStatus, number> = {
  INVALID_ARGUMENT: 400, FAILED_PRECONDITION: 400, UNAUTHENTICATED: 401, PERMISSION_DENIED: 403, NOT_FOUND: 404,
  RESOURCE_EXHAUSTED: 429, UNIMPLEMENTED: 501, INTERNAL: 500, UNAVAILABLE: 503, DEADLINE_EXCEEDED: 504,
};

export function googleError(status: GoogleStatus, message: string, details: unknown[] = [], headers?: Record<string, string>): SimResponse {
  return json(HTTP_OF[status], { error: { code: HTTP_OF[status], message, status, details } }, headers);
}

/** The answer of every Google API to a missing, expired or foreign credential. */
export function unauthenticated(): SimResponse {
  return googleError(
    "UNAUTHENTICATED",
    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
    [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "ACCESS_TOKEN_TYPE_UNSUPPORTED", domain: "googleapis.com", metadata: {} }],
    { "www-authenticate": 'Bearer realm="https://accounts.google.com/"' },
  );
}

export function notFound(message: string): SimResponse {
  return googleError("NOT_FOUND", message);
}

export function invalidArgument(message: string): SimResponse {
  return googleError("INVALID_ARGUMENT", message);
}

/** 429 with google.rpc.RetryInfo, as quota errors carry it (https://cloud.google.com/apis/design/errors#retryinfo). */
export function resourceExhausted(message: string, retryAfterSeconds: number, quota: Record<string, string>): SimResponse {
  return googleError(
    "RESOURCE_EXHAUSTED",
    message,
    [
      { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "RATE_LIMIT_EXCEEDED", domain: "googleapis.com", metadata: quota },
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${retryAfterSeconds}s` },
    ],
    { "retry-after": String(retryAfterSeconds) },
  );
}

export function oauthError(status: number, error: string, description: string): SimResponse {
  return json(status, { error, error_description: description });
}
