import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";
import type { ProviderExecution } from "@/lib/providers/types";
import type { SavedJobs } from "@/lib/sync/save-jobs";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { saveExecutions } = await import("@/lib/sync/save-executions");
const { repriceAll } = await import("@/lib/usage/reprice");
const { recomputedCosts, rollupCosts, storedCosts } = await import("@/test/support/cost-oracle");
const { monthlyOf, storedMonthlyRollups, storedRollups } = await import("@/test/support/rollups-oracle");

// executions.cost_micros and job_daily_rollups.cost_micros as the sync keeps them, on a real Postgres:
// hand-computed figures for the cases that matter, then random pages checked against the TypeScript rule.

interface Account {
  id: string;
  saved: SavedJobs;
}

async function account(cloud: "azure" | "aws" | "gcp", name: string, billingGroup: string | null, region: string | null, cpuArchitecture: string | null = null): Promise<Account> {
  const created = await db().cloudAccount.create({ data: { cloud, name, settings: {}, billingGroup } });
  const saved: SavedJobs = { jobs: new Map(), triggers: new Map(), needsFullListing: false };
  for (const job of ["etl", "train"]) {
    const row = await db().job.create({ data: { accountId: created.id, providerId: job, name: `${name}-${job}`, region, cpuArchitecture } });
    saved.jobs.set(job, { id: row.id, batchEnvName: null });
  }
  return { id: created.id, saved };
}

function run(providerId: string, start: string, seconds: number | null, milliVcpu: number | null, memoryMiB: number | null, job = "etl"): ProviderExecution {
  const startedAt = new Date(start);
  return {
    providerId, jobProviderId: job, status: seconds === null ? "running" : "succeeded", providerStatus: "x", startedAt,
    endedAt: seconds === null ? null : new Date(startedAt.getTime() + seconds * 1000), exitCode: null, image: "lab/job:1", milliVcpu, memoryMiB,
    env: {}, overrides: null, triggeredBy: "trigger", triggerProviderId: null, requestKey: null,
  };
}

async function costOf(accountId: string, providerId: string): Promise<bigint | null> {
  return (await db().execution.findUniqueOrThrow({ where: { accountId_providerId: { accountId, providerId } } })).costMicros;
}

async function rowVersions(): Promise<string[]> {
  const rows = await db().$queryRaw<{ v: string }[]>`SELECT id || ':' || xmin::text AS v FROM executions UNION ALL SELECT job_id || day::text || ':' || xmin::text FROM job_daily_rollups ORDER BY 1`;
  return rows.map((r) => r.v);
}

describe("run costs stored by the sync (Cloud Run: 240,000 vCPU-s free per billing account, 18 µ$ per vCPU-s beyond)", () => {
  let a: Account;
  let b: Account;
  let solo: Account;
  beforeAll(async () => {
    a = await account("gcp", "project-a", "lab", "us-central1");
    b = await account("gcp", "project-b", "lab", "us-central1");
    solo = await account("gcp", "project-solo", null, "us-central1");
  });

  it("shares the grant across two projects of one billing group, and re-prices the followers of a late older run", async () => {
    // A1: 4 vCPU for 60,000 s = the whole 240,000 vCPU-s grant (60,000 GiB-s of 450,000).
    await saveExecutions(a.id, a.saved, [run("a1", "2026-11-02T00:00:00Z", 60_000, 4000, 1024)]);
    // B1, project B: 100 vCPU-s, all beyond the group's grant: 1,800 µ$. The same run in a project on its own: free.
    await saveExecutions(b.id, b.saved, [run("b1", "2026-11-03T00:00:00Z", 100, 1000, 512)]);
    await saveExecutions(solo.id, solo.saved, [run("s1", "2026-11-03T00:00:00Z", 100, 1000, 512)]);
    expect([await costOf(a.id, "a1"), await costOf(b.id, "b1"), await costOf(solo.id, "s1")]).toEqual([0n, 1800n, 0n]);

    // A0 arrives late, older than both: 1,000 vCPU-s. A1 now pays 1,000 × 18 = 18,000 µ$; B1 still 1,800.
    await saveExecutions(a.id, a.saved, [run("a0", "2026-11-01T00:00:00Z", 1000, 1000, 512)]);
    expect([await costOf(a.id, "a0"), await costOf(a.id, "a1"), await costOf(b.id, "b1")]).toEqual([0n, 18_000n, 1800n]);
  });

  it("splits a run across the month boundary: November's part pays, December's is free; running and unknown runs cost null", async () => {
    // A2: 1 vCPU from Nov 30 23:00 to Dec 1 01:00: 3,600 s in November beyond the grant (64,800 µ$), 3,600 s free in December.
    await saveExecutions(a.id, a.saved, [run("a2", "2026-11-30T23:00:00Z", 7200, 1000, 1024, "train"), run("a3", "2026-12-01T02:00:00Z", null, 1000, 1024), run("a4", "2026-12-01T03:00:00Z", 60, null, 1024)]);
    expect([await costOf(a.id, "a2"), await costOf(a.id, "a3"), await costOf(a.id, "a4")]).toEqual([64_800n, null, null]);
    const train = a.saved.jobs.get("train")!.id;
    const day = await db().jobDailyRollup.findUniqueOrThrow({ where: { jobId_day: { jobId: train, day: new Date("2026-11-30") } } });
    expect(day.costMicros).toBe(64_800n);
    expect(await storedCosts()).toEqual(await recomputedCosts());
  });

  it("a re-sync of unchanged runs rewrites no row; a billing group change re-prices on demand", async () => {
    const before = await rowVersions();
    expect(await saveExecutions(a.id, a.saved, [run("a0", "2026-11-01T00:00:00Z", 1000, 1000, 512), run("a1", "2026-11-02T00:00:00Z", 60_000, 4000, 1024)])).toEqual({ inserted: 0, updated: 0, listed: 2 });
    expect(await rowVersions()).toEqual(before);
    expect(await db().$transaction((tx) => repriceAll(tx))).toBe(0);
    expect(await rowVersions()).toEqual(before);

    await db().cloudAccount.update({ where: { id: b.id }, data: { billingGroup: null } });
    await db().$transaction((tx) => repriceAll(tx));
    expect(await costOf(b.id, "b1")).toBe(0n);
    expect(await storedCosts()).toEqual(await recomputedCosts());
  });
});

/** A fixed-seed generator (mulberry32), so a failure reproduces. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("costs after random pages", () => {
  it("equal the TypeScript rule for every run, each job-day's cost the sum of its runs', each job-month's of its days'", { timeout: 120_000 }, async () => {
    const next = random(7);
    const accounts = [
      await account("azure", "sub-1", "shared-sub", "eastus"),
      await account("azure", "sub-1-again", "shared-sub", "westeurope"),
      await account("aws", "aws-arm", null, "eu-west-1", "ARM64"),
      await account("aws", "aws-x86", null, null),
      await account("gcp", "gcp-tier2", null, "europe-west3"),
    ];
    const seen = new Map<string, ProviderExecution[]>();
    let serial = 0;
    for (let round = 0; round < 6; round++) {
      for (const acc of accounts) {
        const page: ProviderExecution[] = [];
        for (let i = 0; i < 20; i++) {
          const start = new Date(Date.UTC(2026, 11, 2) - Math.floor(next() * (next() < 0.1 ? 400 : 40) * 86400e3)).toISOString();
          const seconds = next() < 0.15 ? null : Math.floor(next() ** 4 * 3 * 86400) + next();
          page.push(run(`r${serial++}`, start, seconds, next() < 0.1 ? null : 250 * (1 + Math.floor(next() * 16)), 512 * (1 + Math.floor(next() * 8)), next() < 0.5 ? "etl" : "train"));
        }
        for (const old of (seen.get(acc.id) ?? []).filter(() => next() < 0.15)) page.push({ ...old, endedAt: new Date(old.startedAt!.getTime() + Math.floor(next() * 86400e3)), status: "succeeded" });
        await saveExecutions(acc.id, acc.saved, page);
        seen.set(acc.id, [...(seen.get(acc.id) ?? []).filter((r) => !page.some((p) => p.providerId === r.providerId)), ...page]);
      }
      expect(await storedCosts()).toEqual(await recomputedCosts());
      const rollups = await rollupCosts();
      expect(rollups.stored).toEqual(rollups.fromRuns);
      expect(await storedMonthlyRollups()).toEqual(monthlyOf(await storedRollups()));
    }
    // The cases that matter were exercised: runs beyond the grant, and priced runs on every cloud.
    const priced = await db().execution.groupBy({ by: ["accountId"], where: { costMicros: { gt: 0 }, accountId: { in: accounts.map((a) => a.id) } }, _count: true });
    expect(priced.length).toBe(accounts.length);
  });
});
