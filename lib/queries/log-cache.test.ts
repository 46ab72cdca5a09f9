import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";
import { ProviderError } from "@/lib/providers/errors";
import type { LogLine, Page } from "@/lib/providers/types";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { LOG_CACHE_INTERVAL_MS, freshLogPage, logCacheKey, readThroughLogCache } = await import("./log-cache");

// The log cache on a real Postgres: concurrent readers of one scope cost one cloud read per interval,
// and a throttled refresh serves the last copy with the cloud's words.

let accountId: string;
const line: LogLine = { at: new Date("2026-11-22T03:00:05.001Z"), executionProviderId: "e1", stream: "stdout", message: "importing batch no2" };

beforeAll(async () => {
  accountId = (await db().cloudAccount.create({ data: { cloud: "gcp", name: "lab", settings: {} } })).id;
});

describe("log cache", () => {
  it("ten concurrent readers of one scope make one cloud read; a new interval makes the next", async () => {
    const key = logCacheKey({ executions: ["e1"], cursor: null });
    let reads = 0;
    const read = async (): Promise<Page<LogLine>> => {
      reads++;
      await new Promise((r) => setTimeout(r, 100));
      return { items: [line], cursor: "next" };
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => readThroughLogCache(accountId, key, read)));
    expect(reads).toBe(1);
    expect(results.map((r) => r.page)).toEqual(Array.from({ length: 10 }, () => ({ items: [line], cursor: "next" })));
    expect(await freshLogPage(accountId, key)).toEqual({ page: { items: [line], cursor: "next" }, fetchedAt: results[0]!.fetchedAt, stale: null });

    await db().logCacheEntry.updateMany({ where: { accountId, key }, data: { fetchedAt: new Date(Date.now() - LOG_CACHE_INTERVAL_MS - 1) } });
    expect(await freshLogPage(accountId, key)).toBeNull();
    await readThroughLogCache(accountId, key, read);
    expect(reads).toBe(2);
  }, 20_000);

  it("a throttled refresh serves the last lines with why they are old; with nothing cached it fails", async () => {
    const key = logCacheKey({ executions: ["e2"], contains: "batch", cursor: null });
    await readThroughLogCache(accountId, key, async () => ({ items: [line], cursor: null }));
    const fetchedAt = new Date(Date.now() - 60_000);
    await db().logCacheEntry.updateMany({ where: { accountId, key }, data: { fetchedAt } });
    const throttled = new ProviderError("throttled", "Cloud Logging is throttling this account (RATE_LIMIT_EXCEEDED). Try again in 37 s.", { retryAfterSeconds: 37 });
    const served = await readThroughLogCache(accountId, key, () => Promise.reject(throttled));
    expect(served).toEqual({ page: { items: [line], cursor: null }, fetchedAt, stale: throttled.message });
    const other = logCacheKey({ executions: ["e3"], cursor: null });
    await expect(readThroughLogCache(accountId, other, () => Promise.reject(throttled))).rejects.toBe(throttled);
  });

  it("keys differ by scope, filter and page", () => {
    const base = { executions: ["e1", "e2"], cursor: null };
    const keys = new Set([logCacheKey(base), logCacheKey({ ...base, executions: ["e1"] }), logCacheKey({ ...base, contains: "x" }), logCacheKey({ ...base, since: new Date(0) }), logCacheKey({ ...base, cursor: "p2" })]);
    expect(keys.size).toBe(5);
  });
});
