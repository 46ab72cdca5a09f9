import { DEFAULT_CALL_TIMEOUT_MS } from "./types";
import { ProviderError } from "./errors";

// One per-call deadline for every cloud call. The cloud call receives an AbortSignal so the SDK stops
// the socket, and the race makes sure the caller hears back at the deadline even if an SDK ignores the
// signal (a hung TLS handshake, a token request with its own retries).

export function callTimeoutMs(account: { timeoutMs?: number }): number {
  const ms = account.timeoutMs;
  return ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_CALL_TIMEOUT_MS;
}

/** "5 s", "1.5 s", "120 s": how the deadline reads in an error message. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

export class DeadlineExceeded extends ProviderError {
  constructor(service: string, ms: number) {
    super(
      "unreachable",
      `${service} did not answer within ${formatSeconds(ms)}. Check the account's endpoints and the network, then try again.`,
      { providerCode: "Timeout" },
    );
  }
}

/**
 * Runs `call` with a signal that aborts after `ms`; rejects with `unreachable` at the deadline.
 * `service` names who failed to answer, in the user's words ("Azure Resource Manager").
 */
export async function withTimeout<T>(
  service: string,
  ms: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DeadlineExceeded(service, ms));
    }, ms);
  });
  try {
    return await Promise.race([call(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A change whose request may have reached the cloud but whose answer never came (deadline, reset
 * connection). It must not be reported as failed: the caller marks the action in doubt and the sync
 * settles it from what the cloud lists.
 */
export class OutcomeUnknown extends ProviderError {
  constructor(message: string, cause: unknown) {
    super("unreachable", message, { providerCode: "OutcomeUnknown", cause });
  }
}

export function isOutcomeUnknown(error: unknown): error is OutcomeUnknown {
  return error instanceof ProviderError && error.providerCode === "OutcomeUnknown";
}

/**
 * Failures after which a request may have been delivered. Refused connections, unknown hosts, TLS and
 * token failures never sent it; an HTTP answer, even a 5xx, is the cloud's word on it.
 */
const MAYBE_DELIVERED = new Set(["Timeout", "Aborted", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ECONNABORTED", "UND_ERR_SOCKET", "NetworkError", "RequestSendError"]);

export function mayHaveBeenDelivered(error: unknown): boolean {
  return error instanceof ProviderError && error.kind === "unreachable" && error.providerCode !== null && MAYBE_DELIVERED.has(error.providerCode);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts (a poll between two calls under one deadline). */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
