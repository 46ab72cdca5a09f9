import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";
import { loadJobHistoryFilters } from "@/app/(app)/jobs/[id]/search-params";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { refreshRollups } = await import("@/lib/catalog/rollups");
const { jobExists, jobPage, CHART_RUNS } = await import("./job-page");
const { EXECUTIONS_PAGE_SIZE } = await import("./executions");
const { bucketOf, medianMs: bucketMedian } = await import("@/lib/catalog/duration-buckets");

const viewer = { id: "viewer-1", email: "viewer@lab.test", role: "viewer" as const };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Real time: the history's time range is read against the database's clock.
const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms);

let etlId: string;
let goneId: string;
let removedAccountJobId: string;
let adminId: string;

beforeAll(async () => {
  const lab = await db().cloudAccount.create({ data: { cloud: "azure", name: "lab", settings: {} } });
  const old = await db().cloudAccount.create({ data: { cloud: "azure", name: "old", settings: {}, deletedAt: ago(DAY) } });
  const etl = await db().job.create({ data: { accountId: lab.id, providerId: "etl", name: "etl", image: "lab.azurecr.io/etl:2.0.2", region: "westeurope" } });
  const other = await db().job.create({ data: { accountId: lab.id, providerId: "other", name: "other" } });
  etlId = etl.id;
  goneId = (await db().job.create({ data: { accountId: lab.id, providerId: "gone", name: "gone", goneAt: ago(HOUR) } })).id;
  removedAccountJobId = (await db().job.create({ data: { accountId: old.id, providerId: "etl", name: "etl" } })).id;
  await db().trigger.createMany({
    data: [
      { id: "t-event", jobId: etl.id, providerId: "etl#event", kind: "event", expression: "Service Bus queue reports", batch: "no1" },
      { id: "t-schedule", jobId: etl.id, providerId: "etl#schedule", kind: "schedule", expression: "0 */6 * * *" },
      { id: "t-bad", jobId: etl.id, providerId: "etl#zz", kind: "schedule", expression: "0 2 * *", enabled: false },
    ],
  });
  adminId = (await db().user.create({ data: { email: "admin@lab.test", role: "admin" } })).id;
  await db().deployment.createMany({
    data: [
      { id: "d1", jobId: etl.id, actorId: adminId, fromImage: "lab.azurecr.io/etl:2.0.0", toImage: "lab.azurecr.io/etl:2.0.1", state: "succeeded", createdAt: ago(3 * DAY), completedAt: ago(3 * DAY - 5000) },
      { id: "d2", jobId: etl.id, actorId: adminId, fromImage: "lab.azurecr.io/etl:2.0.1", toImage: "lab.azurecr.io/etl:9.9.9", state: "failed", error: "image not found", createdAt: ago(2 * DAY), completedAt: ago(2 * DAY - 5000) },
      { id: "d3", jobId: etl.id, actorId: null, fromImage: "lab.azurecr.io/etl:2.0.1", toImage: "lab.azurecr.io/etl:2.0.2", state: "succeeded", createdAt: ago(DAY), completedAt: ago(DAY - 5000) },
      { id: "d-other", jobId: other.id, fromImage: null, toImage: "lab.azurecr.io/other:1.0.0", state: "succeeded", createdAt: ago(DAY) },
    ],
  });
  const run = (id: string, jobId: string, status: "succeeded" | "failed" | "running", batch: string | null, startedAt: Date, seconds: number | null) => ({
    id, accountId: lab.id, jobId, providerId: id, batch, status, providerStatus: status, triggeredBy: "trigger" as const,
    startedAt, endedAt: seconds === null ? null : new Date(startedAt.getTime() + seconds * 1000),
  });
  const data = [
    run("eRunning", etl.id, "running", "no2", ago(10 * 60_000), null),
    run("e1h", etl.id, "succeeded", "no1", ago(HOUR), 60),
    run("e2d", etl.id, "failed", "no2", ago(2 * DAY), 30),
    run("e10d", etl.id, "succeeded", "no2", ago(10 * DAY), 120),
    run("e40d", etl.id, "succeeded", "no1", ago(40 * DAY), 90),
    run("o-1h", other.id, "succeeded", "no3", ago(HOUR), 10),
  ];
  await db().execution.createMany({ data });
  await refreshRollups(db(), data);
});

/** The next multiples of 6 hours after `now`, in UTC: "0 *\/6 * * *" computed by hand. */
function everySixHours(count: number): Date[] {
  const first = Math.floor(now.getTime() / (6 * HOUR)) + 1;
  return Array.from({ length: count }, (_, i) => new Date((first + i) * 6 * HOUR));
}

describe("job page query", () => {
  it("returns the job with its triggers read, its deployments, its 30-day figures, the chart's runs and the first history page", async () => {
    const page = await jobPage(viewer, etlId, {}, now);
    expect(page).not.toBeNull();
    const { history, recent, ...rest } = page!;
    expect(rest).toEqual({
      id: etlId,
      name: "etl",
      kind: "job",
      image: "lab.azurecr.io/etl:2.0.2",
      region: "westeurope",
      account: { id: expect.any(String), name: "lab", cloud: "azure", readOnly: false },
      triggers: [
        { id: "t-event", kind: "event", expression: "Service Bus queue reports", timeZone: null, batch: "no1", enabled: true, reading: null },
        { id: "t-schedule", kind: "schedule", expression: "0 */6 * * *", timeZone: null, batch: null, enabled: true, reading: { readable: true, words: "Every 6 hours at minute 0, from 00:00, every day (UTC)", timeZone: "UTC", next: everySixHours(5) } },
        {
          id: "t-bad", kind: "schedule", expression: "0 2 * *", timeZone: null, batch: null, enabled: false,
          reading: { readable: false, problem: 'Batchdeck cannot read the schedule "0 2 * *": a cron line has 5 fields (minute hour day-of-month month day-of-week), this one has 4.' },
        },
      ],
      deployments: [
        { id: "d3", fromImage: "lab.azurecr.io/etl:2.0.1", toImage: "lab.azurecr.io/etl:2.0.2", state: "succeeded", error: null, changes: null, createdAt: ago(DAY), completedAt: ago(DAY - 5000), actor: null },
        { id: "d2", fromImage: "lab.azurecr.io/etl:2.0.1", toImage: "lab.azurecr.io/etl:9.9.9", state: "failed", error: "image not found", changes: null, createdAt: ago(2 * DAY), completedAt: ago(2 * DAY - 5000), actor: { email: "admin@lab.test" } },
        { id: "d1", fromImage: "lab.azurecr.io/etl:2.0.0", toImage: "lab.azurecr.io/etl:2.0.1", state: "succeeded", error: null, changes: null, createdAt: ago(3 * DAY), completedAt: ago(3 * DAY - 5000), actor: { email: "admin@lab.test" } },
      ],
      // Oldest first; the running one has no duration yet, the other job's run is not here.
      chart: [
        { id: "e40d", startedAt: ago(40 * DAY).toISOString(), durationMs: 90_000, status: "succeeded" },
        { id: "e10d", startedAt: ago(10 * DAY).toISOString(), durationMs: 120_000, status: "succeeded" },
        { id: "e2d", startedAt: ago(2 * DAY).toISOString(), durationMs: 30_000, status: "failed" },
        { id: "e1h", startedAt: ago(HOUR).toISOString(), durationMs: 60_000, status: "succeeded" },
      ],
      batches: ["no1", "no2"],
    });
    // From the rollups: the 40-day-old run is outside the 30 days; the running one counts as a run only.
    // The median of the succeeded runs (60 s and 120 s) as the rollups' duration buckets read it.
    const medianMs = bucketMedian(new Map([[bucketOf(60_000), 1], [bucketOf(120_000), 1]]));
    expect(recent).toEqual({ runs: 4, succeeded: 2, failed: 1, stopped: 0, successRate: 2 / 3, medianMs });
    expect(history.items.map((e) => e.id)).toEqual(["eRunning", "e1h", "e2d", "e10d", "e40d"]);
    expect(history.nextCursor).toBeNull();
  });

  it("filters the history by batch, status and time range from the URL, for this job only", async () => {
    const ids = async (params: Record<string, string>) => (await jobPage(viewer, etlId, loadJobHistoryFilters(params), now))!.history.items.map((e) => e.id);
    expect(await ids({ batch: "no2" })).toEqual(["eRunning", "e2d", "e10d"]);
    expect(await ids({ status: "succeeded" })).toEqual(["e1h", "e10d", "e40d"]);
    expect(await ids({ range: "7d" })).toEqual(["eRunning", "e1h", "e2d"]);
    expect(await ids({ range: "24h", batch: "no1" })).toEqual(["e1h"]);
    expect(await ids({ batch: "no3" })).toEqual([]);
    // A cursor continues after the row it names.
    const cursor = `${ago(2 * DAY).toISOString()}_e2d`;
    expect(await ids({ before: cursor })).toEqual(["e10d", "e40d"]);
  });

  it("falls back to no filter for a parameter it does not understand, and never takes another job from the URL", () => {
    expect(loadJobHistoryFilters({ status: "exploded", range: "1y", before: "yesterday", batch: "no2", job: "someone-else", cloud: "x" })).toEqual({ batch: "no2" });
    expect(loadJobHistoryFilters(new URLSearchParams("range=30d&status=failed"))).toEqual({ range: "30d", status: "failed" });
  });

  it("is null for an unknown job, a job gone from its cloud and a job of a removed account", async () => {
    expect(await jobPage(viewer, "no-such-job", {}, now)).toBeNull();
    expect(await jobPage(viewer, goneId, {}, now)).toBeNull();
    expect(await jobPage(viewer, removedAccountJobId, {}, now)).toBeNull();
    // The layout's check, read before the loading state streams, agrees with the page.
    const ids = [etlId, "no-such-job", goneId, removedAccountJobId, "x".repeat(65)];
    expect(await Promise.all(ids.map((id) => jobExists(viewer, id)))).toEqual([true, false, false, false, false]);
  });

  it("reads nothing for a caller who is not signed in", async () => {
    await expect(jobPage(undefined as never, etlId, {}, now)).rejects.toThrow("Sign in to continue.");
  });

  it("plots at most the latest CHART_RUNS runs and pages the history", async () => {
    const lab = await db().cloudAccount.findFirstOrThrow({ where: { name: "lab" } });
    const busy = await db().job.create({ data: { accountId: lab.id, providerId: "busy", name: "busy" } });
    const data = Array.from({ length: CHART_RUNS + 10 }, (_, i) => ({
      id: `b${String(i).padStart(4, "0")}`, accountId: lab.id, jobId: busy.id, providerId: `busy-${i}`, status: "succeeded" as const,
      providerStatus: "Succeeded", triggeredBy: "trigger" as const, startedAt: ago((i + 1) * 60_000), endedAt: ago((i + 1) * 60_000 - 1000),
    }));
    await db().execution.createMany({ data });
    const page = (await jobPage(viewer, busy.id, {}, now))!;
    expect(page.chart).toHaveLength(CHART_RUNS);
    expect([page.chart[0]!.id, page.chart.at(-1)!.id]).toEqual([`b${String(CHART_RUNS - 1).padStart(4, "0")}`, "b0000"]);
    expect(page.history.items).toHaveLength(EXECUTIONS_PAGE_SIZE);
    expect(page.history.nextCursor).toBe(`${ago(EXECUTIONS_PAGE_SIZE * 60_000).toISOString()}_b${String(EXECUTIONS_PAGE_SIZE - 1).padStart(4, "0")}`);
  });
});
