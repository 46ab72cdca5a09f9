import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { isProviderError } from "@/lib/providers/errors";
import type { LogLine, Page } from "@/lib/providers/types";

// Log reads through Postgres (table log_cache). A cloud's log API has a small quota (Cloud Logging: about
// 60 reads a minute per project, https://cloud.google.com/logging/quotas#api-limits), so one page of one
// scope is read from the cloud at most once per interval whoever asks, on whichever app server: readers
// queue on a transaction-scoped advisory lock for the key, and those behind the first find its fresh
// copy. When the cloud throttles, the last copy is served with its age instead of an error.

/** How long a page read from the cloud is served to everyone before the next read. */
export const LOG_CACHE_INTERVAL_MS = 10_000;
/** Long enough for a waiting reader to get behind one cloud read (its deadline, a token, some polling). */
const LOCK_WAIT_MS = 30_000;
/** Copies older than this are dropped when the account's cache is written: they would only ever be served stale. */
const KEEP_MS = 24 * 3600_000;

export interface CachedLogPage {
  page: Page<LogLine>;
  fetchedAt: Date;
  /** Why these lines are older than the interval (the cloud throttled the refresh); null when fresh. */
  stale: string | null;
}

type StoredLine = Omit<LogLine, "at"> & { at: string };

/** The cache key: what was asked (the executions, the filter, the page), never who asked. */
export function logCacheKey(parts: { executions: string[]; contains?: string; since?: Date; cursor: string | null }): string {
  const canonical = JSON.stringify([parts.executions, parts.contains ?? null, parts.since?.toISOString() ?? null, parts.cursor]);
  return createHash("sha256").update(canonical).digest("hex");
}

function fromRow(row: { lines: unknown; nextCursor: string | null; fetchedAt: Date }, stale: string | null): CachedLogPage {
  const items = (row.lines as StoredLine[]).map((l) => ({ ...l, at: new Date(l.at) }));
  return { page: { items, cursor: row.nextCursor }, fetchedAt: row.fetchedAt, stale };
}

const isFresh = (fetchedAt: Date, now: number) => now - fetchedAt.getTime() < LOG_CACHE_INTERVAL_MS;

/** The cached page when it is fresh; null when the next reader must go to the cloud. */
export async function freshLogPage(accountId: string, key: string): Promise<CachedLogPage | null> {
  const row = await db().logCacheEntry.findUnique({ where: { accountId_key: { accountId, key } } });
  return row && isFresh(row.fetchedAt, Date.now()) ? fromRow(row, null) : null;
}

/**
 * The page for `key`: fresh from the cache, or read with `read` by the one reader holding the key's lock
 * and stored for the others. A throttled read serves the last copy, however old, with the cloud's words.
 */
export async function readThroughLogCache(accountId: string, key: string, read: () => Promise<Page<LogLine>>): Promise<CachedLogPage> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('batchdeck.log-cache'), hashtext(${`${accountId}:${key}`}))`;
      const row = await tx.logCacheEntry.findUnique({ where: { accountId_key: { accountId, key } } });
      if (row && isFresh(row.fetchedAt, Date.now())) return fromRow(row, null);
      let page: Page<LogLine>;
      try {
        page = await read();
      } catch (error) {
        if (row && isProviderError(error) && error.kind === "throttled") return fromRow(row, error.message);
        throw error;
      }
      const lines: StoredLine[] = page.items.map((l) => ({ ...l, at: l.at.toISOString() }));
      await tx.logCacheEntry.deleteMany({ where: { accountId, fetchedAt: { lt: new Date(Date.now() - KEEP_MS) } } });
      const saved = await tx.logCacheEntry.upsert({
        where: { accountId_key: { accountId, key } },
        create: { accountId, key, lines, nextCursor: page.cursor, fetchedAt: new Date() },
        update: { lines, nextCursor: page.cursor, fetchedAt: new Date() },
      });
      return { page, fetchedAt: saved.fetchedAt, stale: null };
    },
    { maxWait: LOCK_WAIT_MS, timeout: LOCK_WAIT_MS },
  );
}
