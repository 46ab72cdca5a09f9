import { describe, expect, it } from "vitest";
import { useSimulatedCatalog } from "./simulated-catalog";

// Log reads go through the signed-in member and count against their log-read limit, in Postgres, before
// any call to the cloud: a member over the limit gets a message with the wait, and the cloud is not asked.
// Lines served from the log cache ask the cloud nothing and count nothing.

const catalog = await useSimulatedCatalog();
const { db } = await import("@/lib/db/client");
const { syncAccount } = await import("@/lib/sync/sync-account");
const { readLogView } = await import("@/lib/queries/logs");
const { RATE_LIMITS } = await import("@/lib/rate-limit/limits");

const reader = { id: "reader-1", email: "reader@lab.test", role: "viewer" as const };

function logQueries() {
  return catalog.sim.requests().filter((r) => r.service === "loganalytics");
}

describe("log reads per member", () => {
  it("reads the cloud up to the limit, then says how long to wait and asks the cloud nothing", async () => {
    await syncAccount(catalog.accountId);
    const job = await db().job.findFirstOrThrow({ where: { accountId: catalog.accountId, name: "nightly-etl" } });
    const { limit, windowSeconds } = RATE_LIMITS.logRead;
    // Every read below must fall in one window: with less than 20 s of this one left, wait for the next.
    const windowMs = windowSeconds * 1000;
    const left = windowMs - (Date.now() % windowMs);
    if (left < 20_000) await new Promise((r) => setTimeout(r, left + 50));

    const first = await readLogView(reader, { job: job.id, batch: "no1" });
    expect(first.state).toBe("ok");
    expect(logQueries().length).toBeGreaterThan(0);
    // The rest of the allowance, counted exactly as a read counts it.
    const { hitRateLimit, waitInWords } = await import("@/lib/rate-limit/hit");
    for (let i = 1; i < limit; i++) expect((await hitRateLimit("logRead", reader.id)).allowed).toBe(true);

    // The same lines again come from the log cache: nothing is counted, the cloud is not asked.
    const before = logQueries().length;
    expect((await readLogView(reader, { job: job.id, batch: "no1" })).state).toBe("ok");
    expect(logQueries().length).toBe(before);
    const limited = await readLogView(reader, { job: job.id, batch: "no1", contains: "processed" });
    if (limited.state !== "rate_limited") throw new Error(`expected rate_limited, got ${limited.state}`);
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(windowSeconds);
    expect(limited).toEqual({
      state: "rate_limited",
      title: "nightly-etl · batch no1",
      retryAfterSeconds: limited.retryAfterSeconds,
      // 60 s left of the window (a slow machine reaches this line in the window's first second) is "1 min".
      message: `Too many log reads in a short time. Try again in ${waitInWords(limited.retryAfterSeconds)}.`,
    });
    expect(logQueries().length).toBe(before);

    // Another member's allowance is their own.
    const other = await readLogView({ ...reader, id: "reader-2" }, { job: job.id, batch: "no1", contains: "processed" });
    expect(other.state).toBe("ok");
    expect(logQueries().length).toBeGreaterThan(before);
  }, 120_000);

  it("counts only reads that would reach the cloud", async () => {
    const member = { ...reader, id: "chooser" };
    for (let i = 0; i < RATE_LIMITS.logRead.limit + 5; i++) expect(await readLogView(member, {})).toEqual({ state: "choose" });
    const job = await db().job.findFirstOrThrow({ where: { accountId: catalog.accountId, name: "nightly-etl" } });
    expect((await readLogView(member, { job: job.id, batch: "no1" })).state).toBe("ok");
  });
});
