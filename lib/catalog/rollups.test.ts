import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";
import type { ProviderExecution } from "@/lib/providers/types";
import type { SavedJobs } from "@/lib/sync/save-jobs";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveExecutions } = await import("@/lib/sync/save-executions");
const { monthlyOf, recomputedRollups, storedMonthlyRollups, storedRollups } = await import("@/test/support/rollups-oracle");

// The rollups the sync keeps equal a recomputation from raw executions, page after page of random new
// runs, runs that changed (ended, failed, restarted elsewhere in time), and old runs arriving late,
// across month boundaries, on clouds with different billing steps.

/** A fixed-seed generator (mulberry32), so a failure reproduces. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(42);
const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
const accounts: { id: string; saved: SavedJobs; jobs: string[]; runs: ProviderExecution[] }[] = [];
const ENDED = ["succeeded", "failed", "stopped", "unknown"] as const;

beforeAll(async () => {
  for (const cloud of ["azure", "gcp"] as const) {
    const account = await db().cloudAccount.create({ data: { cloud, name: cloud, settings: {} } });
    const saved: SavedJobs = { jobs: new Map(), triggers: new Map(), needsFullListing: false };
    for (const name of ["etl", "train", "report"]) {
      const job = await db().job.create({ data: { accountId: account.id, providerId: name, name } });
      saved.jobs.set(name, { id: job.id, batchEnvName: null });
    }
    accounts.push({ id: account.id, saved, jobs: [...saved.jobs.keys()], runs: [] });
  }
});

/** A run starting within `days` days before 2026-12-02, lasting ms to days, ended or not. */
function newRun(jobs: string[], serial: number, days: number): ProviderExecution {
  const startedAt = new Date(Date.UTC(2026, 11, 2) - Math.floor(next() * days * 86400e3));
  return withEnd({
    providerId: `run-${serial}`, jobProviderId: pick(jobs), status: "running", providerStatus: "Running", startedAt, endedAt: null, exitCode: null,
    image: "lab/job:1", milliVcpu: next() < 0.15 ? null : 250 * (1 + Math.floor(next() * 8)), memoryMiB: next() < 0.15 ? null : 512 * (1 + Math.floor(next() * 8)),
    env: {}, overrides: null, triggeredBy: "trigger", triggerProviderId: null, requestKey: null,
  });
}

function withEnd(run: ProviderExecution): ProviderExecution {
  if (next() < 0.2) return { ...run, status: "running", endedAt: null };
  const endedAt = new Date(run.startedAt!.getTime() + 1 + Math.floor(next() ** 5 * 3 * 86400e3));
  return { ...run, status: pick(ENDED), endedAt };
}

describe("job daily rollups kept by the sync", () => {
  it("equal a recomputation from raw executions after random inserts, updates and late old runs", { timeout: 120_000 }, async () => {
    let serial = 0;
    for (let round = 0; round < 12; round++) {
      for (const account of accounts) {
        const page: ProviderExecution[] = [];
        for (let i = 0; i < 25; i++) page.push(newRun(account.jobs, serial++, 40)); // recent runs, many across Dec 1
        for (let i = 0; i < 3; i++) page.push(newRun(account.jobs, serial++, 400)); // a late-arriving old run
        for (const old of account.runs.filter(() => next() < 0.15)) {
          // A run that changed: it ended (or its end moved), its status changed, or the cloud corrected its start.
          const moved = next() < 0.2 ? { startedAt: new Date(old.startedAt!.getTime() - Math.floor(next() * 40 * 86400e3)) } : {};
          page.push(withEnd({ ...old, ...moved }));
        }
        const written = await saveExecutions(account.id, account.saved, page);
        expect(written.inserted).toBeGreaterThan(0);
        const latest = new Map([...account.runs, ...page].map((r) => [r.providerId, r]));
        account.runs = [...latest.values()];
      }
      const recomputed = await recomputedRollups();
      expect(await storedRollups()).toEqual(recomputed);
      expect(await storedMonthlyRollups()).toEqual(monthlyOf(recomputed));
    }
    const stored = await storedRollups();
    // The case that matters was exercised: usage rolled up on a 1st for runs from the month before.
    expect(stored.some((r) => r.day === "2026-12-01" && r.usageRuns > r.runs)).toBe(true);
    expect(stored.some((r) => r.durationBuckets.length > 40)).toBe(true);
  });

  it("empties a day whose runs all moved away", async () => {
    const account = accounts[0]!;
    const run = { ...newRun(account.jobs, 99_999, 1), startedAt: new Date("2025-03-03T10:00:00Z"), endedAt: new Date("2025-03-03T10:05:00Z"), status: "succeeded" as const };
    await saveExecutions(account.id, account.saved, [run]);
    expect((await storedRollups()).filter((r) => r.day === "2025-03-03")).toHaveLength(1);
    await saveExecutions(account.id, account.saved, [{ ...run, startedAt: new Date("2025-03-04T10:00:00Z"), endedAt: new Date("2025-03-04T10:05:00Z") }]);
    expect((await storedRollups()).filter((r) => r.day === "2025-03-03")).toEqual([]);
    expect(await storedRollups()).toEqual(await recomputedRollups());
    // The month's row went with its last day; the next month's has the run.
    expect((await storedMonthlyRollups()).filter((r) => r.month === "2025-03-01")).toEqual([
      { jobId: account.saved.jobs.get(run.jobProviderId)!.id, month: "2025-03-01", accountId: account.id, days: 1, runs: 1, costMicros: 0 },
    ]);
  });
});
