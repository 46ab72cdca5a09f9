import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { RATE_LIMITS, type RateLimitName } from "./limits";

export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the window resets; 0 when allowed. */
  retryAfterSeconds: number;
  count: number;
}

/** Windows older than this are deleted now and then; no limit is longer than an hour. */
const KEEP_MS = 24 * 3600 * 1000;

/**
 * Counts one request against `name` for `subject` (an email, an address, a member id) in a fixed window,
 * in one atomic statement: concurrent requests on several app servers each get their own count.
 */
export async function hitRateLimit(name: RateLimitName, subject: string, now = new Date()): Promise<RateLimitDecision> {
  const { limit, windowSeconds } = RATE_LIMITS[name];
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const key = `${name}:${subject.toLowerCase()}`;
  const [row] = await db().$queryRaw<{ count: number }[]>`
    insert into rate_limits (key, window_start, count) values (${key}, ${windowStart}, 1)
    on conflict (key, window_start) do update set count = rate_limits.count + 1
    returning count`;
  // About one call in a hundred sweeps expired windows, so the table stays small without a timer.
  if (Math.random() < 0.01) await db().rateLimit.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - KEEP_MS) } } });
  const count = Number(row!.count);
  const allowed = count <= limit;
  const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed, retryAfterSeconds, count };
}

/** A wait in words: seconds under a minute, whole minutes (rounded up) from one minute on. */
export function waitInWords(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

/** The 429 refusal for a request over `name`'s limit: what was limited, and when to come back. */
export function rateLimitedError(name: RateLimitName, wait: number): AppError {
  return new AppError("rate_limited", `${RATE_LIMITS[name].what}. Try again in ${waitInWords(wait)}.`, {}, wait);
}

/** Throws AppError "rate_limited" (429, Retry-After) when `subject` is over `name`'s limit. */
export async function enforceRateLimit(name: RateLimitName, subject: string, now = new Date()): Promise<void> {
  const decision = await hitRateLimit(name, subject, now);
  if (!decision.allowed) throw rateLimitedError(name, decision.retryAfterSeconds);
}
