// Typed provider failures. Each kind carries a message a user can act on; adapters map SDK errors
// onto these in their own errors.ts and nothing outside lib/providers sees an SDK error.

export type ProviderErrorKind =
  | "bad_credentials"
  | "permission_denied"
  | "not_found"
  | "throttled"
  | "unreachable"
  | "invalid_request";

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  /** Seconds to wait before retrying; set for "throttled" when the cloud said so. */
  readonly retryAfterSeconds: number | null;
  /** The cloud's own error code, for the logs and the account page. */
  readonly providerCode: string | null;

  constructor(
    kind: ProviderErrorKind,
    message: string,
    options: { retryAfterSeconds?: number | null; providerCode?: string | null; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "ProviderError";
    this.kind = kind;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    this.providerCode = options.providerCode ?? null;
  }
}

export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderError;
}
