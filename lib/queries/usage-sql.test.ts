import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { accountsUsage } = await import("./usage");
const { FREE_TIERS } = await import("@/lib/usage/free-tiers");
const { refreshRollups } = await import("@/lib/catalog/rollups");
const { addRun, NO_USAGE, runUsage, utcMonth } = await import("@/lib/usage/compute");

// The usage screen sums in SQL; lib/usage/compute.ts is the rule it must follow. Random runs across the
// month's edges, with odd durations and allocations, on clouds with different billing steps (1 s, 100 ms).

const now = new Date("2026-11-20T08:13:27.391Z");
const clouds = ["azure", "gcp", "aws"] as const;
const runs: { accountId: string; cloud: (typeof clouds)[number]; startedAt: Date | null; endedAt: Date | null; milliVcpu: number | null; memoryMiB: number | null }[] = [];

/** A fixed-seed generator (mulberry32), so a failure reproduces. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  const next = random(8);
  for (const cloud of clouds) {
    const account = await db().cloudAccount.create({ data: { cloud, name: cloud, settings: {} } });
    const job = await db().job.create({ data: { accountId: account.id, providerId: "etl", name: "etl" } });
    const data = [];
    for (let i = 0; i < 300; i++) {
      // starts from mid-October to a little after `now`; durations from a few ms to three days
      const start = Date.UTC(2026, 9, 15) + Math.floor(next() * 37 * 86400e3);
      const running = next() < 0.1;
      const startedAt = next() < 0.03 ? null : new Date(start);
      const endedAt = running || !startedAt ? null : new Date(start + Math.floor(next() ** 4 * 3 * 86400e3) + 1);
      const allocation = { milliVcpu: next() < 0.15 ? null : 1 + Math.floor(next() * 4000), memoryMiB: next() < 0.15 ? null : 1 + Math.floor(next() * 8192) };
      runs.push({ accountId: account.id, cloud, startedAt, endedAt, ...allocation });
      data.push({
        accountId: account.id, jobId: job.id, providerId: `run-${i}`, status: running ? ("running" as const) : ("succeeded" as const), providerStatus: "x",
        triggeredBy: "trigger" as const, startedAt, endedAt, ...allocation,
      });
    }
    await db().execution.createMany({ data });
    // What every writer of executions does in its transaction (lib/catalog/rollups.ts).
    await refreshRollups(db(), data);
  }
}, 120_000);

describe("usage summed in SQL", () => {
  it("equals lib/usage/compute.ts run by run, for each cloud's billing step", async () => {
    const { start } = utcMonth(now);
    const { accounts } = await accountsUsage(now);
    for (const cloud of clouds) {
      let totals = NO_USAGE;
      for (const run of runs.filter((r) => r.cloud === cloud)) {
        const usage = runUsage(run, start, now, FREE_TIERS[cloud]?.roundingMs ?? 1000);
        if (usage) totals = addRun(totals, usage);
      }
      const account = accounts.find((a) => a.cloud === cloud)!;
      expect(totals.runs).toBeGreaterThan(100);
      expect(totals.vcpu.unknownRuns).toBeGreaterThan(0);
      expect({ runs: account.runs, vcpu: [account.vcpuSeconds.used, account.vcpuSeconds.unknownRuns], gib: [account.gibSeconds.used, account.gibSeconds.unknownRuns] }, cloud).toEqual({
        runs: totals.runs,
        vcpu: [totals.vcpu.milliSeconds / 1000, totals.vcpu.unknownRuns],
        gib: [totals.gib.milliSeconds / 1000, totals.gib.unknownRuns],
      });
    }
  });
});
