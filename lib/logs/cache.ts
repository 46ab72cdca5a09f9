import { createHash } from "node:crypto";
import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isProviderError } from "@/lib/providers/errors";
import type { LogFilter, LogLine, Page } from "@/lib/providers/types";

// Log reads go through Postgres so that many viewers cost one cloud read per interval, whichever app
// instance they reach: the clouds' log APIs have their own quotas (Google: about 60 reads a minute per
// project), far below what ten people tailing one run would ask. Cloud-neutral: callers pass the read.
//
//   const page = await readLogsThroughCache({ accountId, executions, filter, cursor }, { maxAgeMs, read });
//
// - A fresh entry (fetched less than `maxAgeMs` ago) is served from Postgres.
// - Otherwise ONE caller refreshes it: it holds a transaction-level advisory lock on (account, key)
//   while it reads the cloud, on whichever instance it runs. Callers that find the lock taken serve the
//   stale entry when there is one (`stale: "refreshing"`), else wait for the refresher's entry.
// - A `throttled` answer (the cloud's 429, or the member's own log-read limit) serves the stale entry
//   with its age (`stale: "throttled"`); with nothing cached the error goes up.
// - Entries are bounded (MAX_LINES lines of at most MAX_LINE_CHARS characters) and swept after EXPIRY_MS.

export const LOG_CACHE_LIMITS = {
  /** Lines kept per entry: more than any page a screen asks for. */
  maxLines: 5_000,
  /** A longer line is cut here (with "…"): one run printing a megabyte per line must not bloat the table. */
  maxLineChars: 8_000,
  /** Entries not refreshed for this long are deleted by the sweep; they are older than any freshness. */
  expiryMs: 6 * 3600_000,
  /** How long a caller waits for another instance's refresh when nothing is cached yet. */
  waitMs: 15_000,
} as const;

/**
 * A running execution's lines are read from the cloud at most this often, whoever watches: short enough
 * that a tail shows a new line within about five seconds (with the page's poll), long enough that ten
 * viewers of one run cost 20 cloud reads a minute, not 10 × that.
 */
export const RUNNING_FRESHNESS_MS = 3_000;

/** How long an entry is served without asking the cloud again: short while a run writes, long after. */
export function logFreshnessMs(execution: { status: string; endedAt: Date | null }, now = new Date()): number {
  if (execution.status === "running" || execution.status === "queued" || !execution.endedAt) return RUNNING_FRESHNESS_MS;
  // Log services ingest with a delay (typically 20 s to a few minutes, e.g. Azure Monitor's "Log data
  // ingestion time" page), so a run that just ended may still gain lines for a while.
  return now.getTime() - execution.endedAt.getTime() < 10 * 60_000 ? 30_000 : 3600_000;
}

export interface LogCacheRequest {
  accountId: string;
  /** Provider ids of the executions whose lines are read, in the order the provider is asked. */
  executions: string[];
  filter: LogFilter;
  cursor: string | null;
}

export interface CachedLogPage extends Page<LogLine> {
  /** When the cloud was read for these lines. */
  fetchedAt: Date;
  /** null: fresh. "refreshing": another caller is reading the cloud now. "throttled": the cloud (or the member's limit) said wait. */
  stale: null | "refreshing" | "throttled";
  /** With "throttled": why, in the user's words. */
  staleReason?: string;
}

export interface LogCacheOptions {
  maxAgeMs: number;
  /** The cloud read, called by at most one caller per key at a time across every instance. */
  read: () => Promise<Page<LogLine>>;
  now?: () => Date;
}

/** The entry's key: a hash, so the table's unique index stays small whatever the filter holds. */
export function logCacheKey(request: LogCacheRequest): string {
  const { since, until, contains, limit } = request.filter;
  const material = JSON.stringify([request.accountId, request.executions, since?.toISOString() ?? null, until?.toISOString() ?? null, contains ?? null, limit ?? null, request.cursor]);
  return createHash("sha256").update(material).digest("hex");
}

const storedLines = z.array(z.object({ at: z.string(), executionProviderId: z.string(), stream: z.enum(["stdout", "stderr", "system"]), message: z.string() }));

interface Entry {
  lines: Prisma.JsonValue;
  nextCursor: string | null;
  fetchedAt: Date;
}

function pageOf(entry: Entry, stale: CachedLogPage["stale"], staleReason?: string): CachedLogPage {
  const items = storedLines.parse(entry.lines).map((l) => ({ ...l, at: new Date(l.at) }));
  return { items, cursor: entry.nextCursor, fetchedAt: entry.fetchedAt, stale, ...(staleReason ? { staleReason } : {}) };
}

function bounded(lines: LogLine[]): Prisma.InputJsonValue {
  return lines.slice(0, LOG_CACHE_LIMITS.maxLines).map((l) => ({
    at: l.at.toISOString(),
    executionProviderId: l.executionProviderId,
    stream: l.stream,
    message: l.message.length > LOG_CACHE_LIMITS.maxLineChars ? `${l.message.slice(0, LOG_CACHE_LIMITS.maxLineChars)}…` : l.message,
  }));
}

function isThrottle(error: unknown): error is Error {
  return (isProviderError(error) && error.kind === "throttled") || (error instanceof AppError && error.code === "rate_limited");
}

async function find(accountId: string, key: string): Promise<Entry | null> {
  return db().logCacheEntry.findUnique({ where: { accountId_key: { accountId, key } }, select: { lines: true, nextCursor: true, fetchedAt: true } });
}

type Refresh = { kind: "busy" } | { kind: "done"; page: CachedLogPage };

/**
 * Reads the cloud under the key's advisory lock, unless another caller holds it ("busy") or refreshed
 * the entry while this one waited for its turn. The transaction lasts as long as the cloud read, which
 * the provider bounds with its own timeout.
 */
async function refresh(request: LogCacheRequest, key: string, options: LogCacheOptions): Promise<Refresh> {
  const now = options.now ?? (() => new Date());
  return db().$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext('batchdeck.log-cache'), hashtext(${`${request.accountId}:${key}`})) AS locked`;
      if (!lock?.locked) return { kind: "busy" as const };
      const entry = await tx.logCacheEntry.findUnique({ where: { accountId_key: { accountId: request.accountId, key } }, select: { lines: true, nextCursor: true, fetchedAt: true } });
      if (entry && now().getTime() - entry.fetchedAt.getTime() < options.maxAgeMs) return { kind: "done" as const, page: pageOf(entry, null) };
      let page: Page<LogLine>;
      try {
        page = await options.read();
      } catch (error) {
        if (entry && isThrottle(error)) return { kind: "done" as const, page: pageOf(entry, "throttled", error.message) };
        throw error;
      }
      const fetchedAt = now();
      const data = { lines: bounded(page.items), nextCursor: page.cursor, fetchedAt };
      const saved = await tx.logCacheEntry.upsert({
        where: { accountId_key: { accountId: request.accountId, key } },
        create: { accountId: request.accountId, key, ...data },
        update: data,
        select: { lines: true, nextCursor: true, fetchedAt: true },
      });
      return { kind: "done" as const, page: pageOf(saved, null) };
    },
    // The default 5 s would end the transaction under a slow cloud read; the provider's own timeout
    // (and its retries) bounds the read well inside this.
    { timeout: 60_000, maxWait: 10_000 },
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One page of log lines, served from Postgres when fresh enough, read from the cloud by one caller otherwise. */
export async function readLogsThroughCache(request: LogCacheRequest, options: LogCacheOptions): Promise<CachedLogPage> {
  const now = options.now ?? (() => new Date());
  const key = logCacheKey(request);
  const deadline = Date.now() + LOG_CACHE_LIMITS.waitMs;
  for (;;) {
    const entry = await find(request.accountId, key);
    if (entry && now().getTime() - entry.fetchedAt.getTime() < options.maxAgeMs) return pageOf(entry, null);
    const outcome = await refresh(request, key, options);
    if (outcome.kind === "done") {
      // Now and then, on a write, so the table stays small without a timer.
      if (Math.random() < 0.02) await sweepLogCache(now());
      return outcome.page;
    }
    if (entry) return pageOf(entry, "refreshing");
    if (Date.now() > deadline) throw new AppError("unreachable", "The logs are taking too long to read from the cloud. Try again in a minute.");
    await sleep(100);
  }
}

/** Deletes entries not refreshed for LOG_CACHE_LIMITS.expiryMs; returns how many. */
export async function sweepLogCache(now = new Date()): Promise<number> {
  const { count } = await db().logCacheEntry.deleteMany({ where: { fetchedAt: { lt: new Date(now.getTime() - LOG_CACHE_LIMITS.expiryMs) } } });
  return count;
}
