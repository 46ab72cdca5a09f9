// One error type for the app's own refusals, mapped once to HTTP statuses and to messages a user can act on.

export type AppErrorCode = "unauthenticated" | "forbidden" | "invalid" | "not_found" | "conflict" | "rule" | "rate_limited" | "upstream" | "internal";

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  invalid: 400,
  not_found: 404,
  conflict: 409,
  rule: 422,
  /** Over a rate limit; retryAfterSeconds says when to come back (the Retry-After header). */
  rate_limited: 429,
  /** A cloud refused or failed; the message is the provider's, written for the user. */
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
