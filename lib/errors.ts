import { isProviderError, type ProviderErrorKind } from "@/lib/providers/errors";

// One error type for the app's own refusals, mapped once to HTTP statuses and to messages a user can act on.

export type AppErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "invalid"
  | "not_found"
  | "conflict"
  | "rule"
  | "rate_limited"
  | "cloud_credentials"
  | "cloud_permission"
  | "throttled"
  | "unreachable"
  | "upstream"
  | "internal";

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  invalid: 400,
  not_found: 404,
  conflict: 409,
  rule: 422,
  /** Over a rate limit; retryAfterSeconds says when to come back (the Retry-After header). */
  rate_limited: 429,
  /** The account's cloud credentials were refused; the code (not the status) tells it from a signed-out member. */
  cloud_credentials: 401,
  /** The account's identity lacks a role or policy at the cloud. */
  cloud_permission: 403,
  /** The cloud is throttling the account; retryAfterSeconds says when to come back. */
  throttled: 429,
  /** The cloud did not answer (network, TLS, outage, timeout). */
  unreachable: 503,
  /** A cloud refused the request itself; the message is the provider's, written for the user. */
  upstream: 502,
  internal: 500,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Field name → message, for inline form errors. */
  readonly fieldErrors: Record<string, string>;
  /** For rate_limited and throttled refusals: when the caller may try again. */
  readonly retryAfterSeconds?: number;

  constructor(code: AppErrorCode, message: string, fieldErrors: Record<string, string> = {}, retryAfterSeconds?: number) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export type ActionResult<T = undefined> =
  | { ok: true; message: string; data: T }
  | {
      ok: false;
      code: AppErrorCode;
      error: string;
      fieldErrors: Record<string, string>;
      /** What the form sent (secrets left out), so it can show the input again instead of losing it. */
      values: Record<string, string>;
    };

const CODE_OF_KIND: Record<ProviderErrorKind, AppErrorCode> = {
  bad_credentials: "cloud_credentials",
  permission_denied: "cloud_permission",
  not_found: "not_found",
  throttled: "throttled",
  unreachable: "unreachable",
  invalid_request: "upstream",
};

/** When a throttling cloud did not say how long to wait (its messages then say "in a minute"). */
const DEFAULT_THROTTLE_SECONDS = 60;

/**
 * A cloud's failure → the user's error, each kind with its own status; `lead` says what was being done
 * ("Lab did not start nightly"). The provider's message already names what to fix. Anything that is not
 * a cloud failure is returned as it is, so a bug stays a 500 and is logged, not blamed on the cloud.
 */
export function toAppError(error: unknown, lead?: string): unknown {
  if (!isProviderError(error)) return error;
  const message = lead ? `${lead}: ${error.message}` : error.message;
  const retryAfter = error.kind === "throttled" ? (error.retryAfterSeconds ?? DEFAULT_THROTTLE_SECONDS) : undefined;
  return new AppError(CODE_OF_KIND[error.kind], message, {}, retryAfter);
}
