import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";
import { ProviderError } from "@/lib/providers/errors";
import type { LogLine, Page } from "@/lib/providers/types";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { LOG_CACHE_LIMITS, logCacheKey, logFreshnessMs, readLogsThroughCache, sweepLogCache } = await import("./cache");

let accountId: string;

beforeAll(async () => {
  accountId = (await db().cloudAccount.create({ data: { cloud: "azure", name: "lab", settings: {} } })).id;
});

const line = (second: number, message: string, stream: LogLine["stream"] = "stdout"): LogLine => ({
  at: new Date(Date.UTC(2026, 10, 30, 12, 0, second)),
  executionProviderId: "etl-abc1234",
  stream,
  message,
});

/** A cloud read that counts its calls and takes a while, as a real one does. */
function countingRead(lines: () => LogLine[], delayMs = 150) {
  const counter = { calls: 0 };
  const read = async (): Promise<Page<LogLine>> => {
    counter.calls += 1;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return { items: lines(), cursor: null };
  };
  return { counter, read };
}

function clock(start: Date) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

describe("the Postgres log cache", () => {
  it("serves ten concurrent readers of one running execution with one cloud read per interval", async () => {
    const request = { accountId, executions: ["etl-abc1234"], filter: { limit: 500 }, cursor: null };
    const written = [line(1, "Starting etl")];
    const { counter, read } = countingRead(() => [...written]);
    const time = clock(new Date());
    const interval = logFreshnessMs({ status: "running", endedAt: null });
    const readers = () => Promise.all(Array.from({ length: 10 }, () => readLogsThroughCache(request, { maxAgeMs: interval, read, now: time.now })));

    const first = await readers();
    expect(counter.calls).toBe(1);
    for (const page of first) expect(page.items.map((l) => l.message)).toEqual(["Starting etl"]);

    written.push(line(2, "processed 10 of 20"));
    time.advance(interval - 1);
    await readers();
    expect(counter.calls).toBe(1); // still fresh: nobody asks the cloud

    time.advance(2);
    const second = await readers();
    expect(counter.calls).toBe(2);
    // Each reader got either the new lines (after the refresh) or the previous entry while it was being refreshed.
    for (const page of second) {
      expect(page.stale === null ? page.items.map((l) => l.message) : page.stale).toEqual(page.stale === null ? ["Starting etl", "processed 10 of 20"] : "refreshing");
    }
    const after = await readLogsThroughCache(request, { maxAgeMs: interval, read, now: time.now });
    expect(after).toEqual({ items: [line(1, "Starting etl"), line(2, "processed 10 of 20")], cursor: null, fetchedAt: time.now(), stale: null });
    expect(counter.calls).toBe(2);
  });

  it("keys entries by account, executions, filter and cursor", () => {
    const base = { accountId, executions: ["a"], filter: { contains: "x" }, cursor: null };
    const keys = new Set([
      logCacheKey(base),
      logCacheKey({ ...base, accountId: "other" }),
      logCacheKey({ ...base, executions: ["b"] }),
      logCacheKey({ ...base, filter: { contains: "y" } }),
      logCacheKey({ ...base, cursor: "2026-11-30T12:00:00.000Z" }),
    ]);
    expect(keys.size).toBe(5);
    expect(logCacheKey({ ...base })).toBe(logCacheKey(base));
  });

  it("serves the cached lines with their age when the cloud throttles, and the error when nothing is cached", async () => {
    const request = { accountId, executions: ["etl-throttled"], filter: {}, cursor: null };
    const time = clock(new Date());
    const cached = await readLogsThroughCache(request, { maxAgeMs: 5000, read: async () => ({ items: [line(1, "hello")], cursor: null }), now: time.now });
    const fetchedAt = cached.fetchedAt;
    time.advance(42_000);
    const throttled = new ProviderError("throttled", "Azure Log Analytics is throttling this account; try again in 30 s.", { retryAfterSeconds: 30 });
    const page = await readLogsThroughCache(request, { maxAgeMs: 5000, read: () => Promise.reject(throttled), now: time.now });
    expect(page).toEqual({ items: [line(1, "hello")], cursor: null, fetchedAt, stale: "throttled", staleReason: throttled.message });
    expect(time.now().getTime() - page.fetchedAt.getTime()).toBe(42_000);

    await expect(
      readLogsThroughCache({ ...request, executions: ["etl-never-read"] }, { maxAgeMs: 5000, read: () => Promise.reject(throttled), now: time.now }),
    ).rejects.toBe(throttled);
  });

  it("keeps entries bounded: lines past the limit are dropped and long lines are cut", async () => {
    const request = { accountId, executions: ["etl-chatty"], filter: {}, cursor: null };
    const many = Array.from({ length: LOG_CACHE_LIMITS.maxLines + 10 }, (_, i) => line(i % 60, `line ${i}`));
    many[0] = line(0, "x".repeat(LOG_CACHE_LIMITS.maxLineChars + 5));
    const page = await readLogsThroughCache(request, { maxAgeMs: 5000, read: async () => ({ items: many, cursor: "next" }) });
    expect(page.items).toHaveLength(LOG_CACHE_LIMITS.maxLines);
    expect(page.items[0]!.message).toBe(`${"x".repeat(LOG_CACHE_LIMITS.maxLineChars)}…`);
    expect(page.cursor).toBe("next");
  });

  it("sweeps entries older than the expiry and keeps younger ones", async () => {
    const now = new Date();
    const read = async () => ({ items: [line(1, "old")], cursor: null });
    await readLogsThroughCache({ accountId, executions: ["old-run"], filter: {}, cursor: null }, { maxAgeMs: 1, read, now: () => new Date(now.getTime() - LOG_CACHE_LIMITS.expiryMs - 1) });
    await readLogsThroughCache({ accountId, executions: ["young-run"], filter: {}, cursor: null }, { maxAgeMs: 1, read, now: () => new Date(now.getTime() - LOG_CACHE_LIMITS.expiryMs + 60_000) });
    const before = await db().logCacheEntry.count();
    expect(await sweepLogCache(now)).toBe(1);
    expect(await db().logCacheEntry.count()).toBe(before - 1);
    const keys = (await db().logCacheEntry.findMany({ select: { key: true } })).map((e) => e.key);
    expect(keys).toContain(logCacheKey({ accountId, executions: ["young-run"], filter: {}, cursor: null }));
    expect(keys).not.toContain(logCacheKey({ accountId, executions: ["old-run"], filter: {}, cursor: null }));
  });

  it("keeps ended runs' entries longer than running ones'", () => {
    const now = new Date("2026-11-30T12:00:00Z");
    expect(logFreshnessMs({ status: "running", endedAt: null }, now)).toBe(3_000);
    expect(logFreshnessMs({ status: "succeeded", endedAt: new Date("2026-11-30T11:58:00Z") }, now)).toBe(30_000);
    expect(logFreshnessMs({ status: "failed", endedAt: new Date("2026-11-30T10:00:00Z") }, now)).toBe(3_600_000);
  });
});
