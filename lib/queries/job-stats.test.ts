import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { jobsTable, DEFAULT_JOBS_QUERY } = await import("./jobs-table");
const { refreshRollups } = await import("@/lib/catalog/rollups");
const { bucketOf, medianMs } = await import("@/lib/catalog/duration-buckets");

const viewer = { id: "viewer-1", email: "viewer@lab.test", role: "viewer" as const };
const now = new Date("2026-11-30T12:00:00Z");

beforeAll(async () => {
  const lab = await db().cloudAccount.create({ data: { cloud: "azure", name: "lab", settings: {} } });
  const etl = await db().job.create({ data: { accountId: lab.id, providerId: "etl", name: "etl" } });
  await db().job.create({ data: { accountId: lab.id, providerId: "idle", name: "idle" } });
  const run = (id: string, status: "succeeded" | "failed" | "stopped" | "running", start: string, seconds: number | null) => ({
    accountId: lab.id, jobId: etl.id, providerId: id, status, providerStatus: status, triggeredBy: "trigger" as const,
    startedAt: new Date(start), endedAt: seconds === null ? null : new Date(new Date(start).getTime() + seconds * 1000),
  });
  const data = [
    run("a", "succeeded", "2026-11-29T01:00:00Z", 10),
    run("b", "succeeded", "2026-11-20T01:00:00Z", 20),
    run("c", "succeeded", "2026-11-01T00:00:00Z", 3600), // the first of the 30 days
    run("d", "failed", "2026-11-28T01:00:00Z", 5),
    run("e", "stopped", "2026-11-27T01:00:00Z", 7200),
    run("f", "running", "2026-11-30T11:00:00Z", null),
    run("old", "failed", "2026-10-31T23:59:59Z", 30), // the day before the 30: not counted
  ];
  await db().execution.createMany({ data });
  await refreshRollups(db(), data);
});

describe("jobs screen: the last 30 days from the rollups", () => {
  it("gives each job its success rate and median duration over the last 30 UTC days", async () => {
    const jobs = (await jobsTable(viewer, DEFAULT_JOBS_QUERY, now)).jobs;
    expect(jobs.map((j) => ({ name: j.name, recent: j.recent }))).toEqual([
      // Success: 3 of the 4 that succeeded or failed; the stopped run is no verdict on the job. Median of 10 s,
      // 20 s and 1 h: 20 s, read back as the middle of its bucket (2^(17/4) s to 2^(18/4) s).
      { name: "etl", recent: { runs: 6, succeeded: 3, failed: 1, stopped: 1, successRate: 0.75, medianMs: 20_749 } },
      { name: "idle", recent: null },
    ]);
  });
});

describe("duration buckets", () => {
  it("start a bucket every quarter doubling from 1 s, and read the median back within 9 %", () => {
    expect([999, 1000, 1188, 1189, 1414, 2000, 3_600_000, 1e12].map(bucketOf)).toEqual([0, 1, 1, 2, 3, 5, 48, 96]);
    expect(medianMs(new Map())).toBeNull();
    expect(medianMs(new Map([[0, 3]]))).toBe(500);
    // 2^(1/8) - 1 is 9.05 %; a millisecond more for the thresholds and the estimate being whole milliseconds.
    for (const ms of [1000, 1188, 1189, 1500, 20_000, 3_600_000, 86_400_000]) {
      const estimate = medianMs(new Map([[bucketOf(ms), 1]]))!;
      expect(Math.abs(estimate - ms), `${ms} ms read back as ${estimate}`).toBeLessThanOrEqual(ms * (2 ** (1 / 8) - 1) + 1);
    }
  });
});
