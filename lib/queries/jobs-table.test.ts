import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";
import type { JobsTableQuery } from "./jobs-table";

// The Jobs screen's search, filters and orders, on a small catalog whose every figure is worked out by
// hand below. Now is Monday 2026-11-30 12:00 UTC.

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { refreshRollups } = await import("@/lib/catalog/rollups");
const { bucketOf, medianMs } = await import("@/lib/catalog/duration-buckets");
const { jobsTable, DEFAULT_JOBS_QUERY } = await import("./jobs-table");

const viewer = { id: "viewer-1", email: "viewer@lab.test", role: "viewer" as const };
const now = new Date("2026-11-30T12:00:00Z");
const accounts = { a: "", a2: "", b: "" };

beforeAll(async () => {
  const account = (cloud: "azure" | "aws" | "gcp", name: string, deletedAt: Date | null = null) =>
    db().cloudAccount.create({ data: { cloud, name, settings: {}, deletedAt } });
  const [a, a2, b, c, gone] = [await account("azure", "lab-a"), await account("azure", "lab-a2"), await account("aws", "lab-b"), await account("gcp", "lab-c"), await account("azure", "removed", now)];
  Object.assign(accounts, { a: a.id, a2: a2.id, b: b.id });
  const job = async (accountId: string, name: string, triggers: { expression: string; enabled?: boolean; timeZone?: string; kind?: "schedule" | "event" }[] = [], goneAt: Date | null = null) => {
    const created = await db().job.create({ data: { accountId, providerId: name, name, goneAt } });
    await db().trigger.createMany({
      data: triggers.map((t, i) => ({ jobId: created.id, providerId: `${name}-${i}`, kind: t.kind ?? "schedule", expression: t.expression, enabled: t.enabled ?? true, timeZone: t.timeZone ?? null })),
    });
    return created;
  };
  // Azure: 5-field cron in UTC. The disabled hourly schedule (next 13:00) and the event don't count.
  const etlDaily = await job(a.id, "etl-daily", [{ expression: "0 * * * *", enabled: false }, { expression: "30 2 * * *" }, { expression: "jobs-queue", kind: "event" }]);
  // EventBridge: 6-field cron(…) in UTC, weekdays at 18:00: today (a Monday) at 18:00.
  const etlWeekly = await job(b.id, "etl-weekly", [{ expression: "cron(0 18 ? * MON-FRI *)" }]);
  // Cloud Scheduler in Berlin's zone: 09:00 CET is 08:00 UTC.
  await job(c.id, "idle", [{ expression: "0 9 * * *", timeZone: "Europe/Berlin" }]);
  const load = await job(b.id, "load_50%");
  const report = await job(a.id, "report", [{ expression: "30 2 * * *" }]);
  const score = await job(a2.id, "score", [{ expression: "not a cron" }]);
  const retired = await job(a.id, "retired", [], now);
  const ghost = await job(gone.id, "ghost");
  const run = (jobId: string, accountId: string, id: string, status: "succeeded" | "failed" | "stopped", start: string, seconds: number) => ({
    accountId, jobId, providerId: id, status, providerStatus: status, triggeredBy: "trigger" as const,
    startedAt: new Date(start), endedAt: new Date(new Date(start).getTime() + seconds * 1000),
  });
  const data = [
    run(etlDaily.id, a.id, "d1", "succeeded", "2026-11-29T01:00:00Z", 10),
    run(etlDaily.id, a.id, "d2", "failed", "2026-11-29T02:00:00Z", 5),
    run(etlWeekly.id, b.id, "w1", "succeeded", "2026-11-28T01:00:00Z", 20),
    run(etlWeekly.id, b.id, "w2", "succeeded", "2026-11-27T01:00:00Z", 40),
    run(report.id, a.id, "r1", "succeeded", "2026-11-29T02:00:00Z", 10), // the same start as d2
    run(report.id, a.id, "r2", "failed", "2026-11-20T01:00:00Z", 5),
    run(load.id, b.id, "l1", "succeeded", "2026-11-25T00:00:00Z", 3600),
    run(score.id, a2.id, "s1", "stopped", "2026-11-26T00:00:00Z", 7200),
    run(retired.id, a.id, "x1", "succeeded", "2026-11-29T03:00:00Z", 1),
    run(ghost.id, gone.id, "g1", "succeeded", "2026-11-29T03:00:00Z", 1),
  ];
  await db().execution.createMany({ data });
  await refreshRollups(db(), data);
});

const names = async (query: Partial<JobsTableQuery>) => (await jobsTable(viewer, { ...DEFAULT_JOBS_QUERY, ...query }, now)).jobs.map((j) => j.name);
const ALL = ["etl-daily", "etl-weekly", "idle", "load_50%", "report", "score"];

describe("jobs table: search and filters", () => {
  it("lists every job of a connected account, A to Z, without gone jobs or removed accounts", async () => {
    expect(await jobsTable(viewer, DEFAULT_JOBS_QUERY, now).then((t) => ({ names: t.jobs.map((j) => j.name), total: t.total, page: t.page, size: t.size }))).toEqual({
      names: ALL, total: 6, page: 1, size: 50,
    });
  });

  it("searches names case-insensitively for a substring, taking % and _ literally", async () => {
    expect(await names({ q: "ETL" })).toEqual(["etl-daily", "etl-weekly"]);
    expect(await names({ q: "ort" })).toEqual(["report"]);
    expect(await names({ q: "_" })).toEqual(["load_50%"]);
    expect(await names({ q: "%" })).toEqual(["load_50%"]);
    expect(await names({ q: "d_i" })).toEqual([]);
    expect(await names({ q: "  " })).toEqual(ALL);
    expect(await names({ q: "nothing-like-it" })).toEqual([]);
  });

  it("filters by cloud, by account and by the latest run's status (or never run)", async () => {
    expect(await names({ cloud: "azure" })).toEqual(["etl-daily", "report", "score"]);
    expect(await names({ cloud: "gcp" })).toEqual(["idle"]);
    expect(await names({ account: accounts.a })).toEqual(["etl-daily", "report"]);
    expect(await names({ account: accounts.b })).toEqual(["etl-weekly", "load_50%"]);
    expect(await names({ status: "failed" })).toEqual(["etl-daily"]);
    expect(await names({ status: "succeeded" })).toEqual(["etl-weekly", "load_50%", "report"]);
    expect(await names({ status: "stopped" })).toEqual(["score"]);
    expect(await names({ status: "never" })).toEqual(["idle"]);
    expect(await names({ status: "running" })).toEqual([]);
    expect(await names({ q: "e", cloud: "aws", status: "succeeded" })).toEqual(["etl-weekly"]);
  });
});

describe("jobs table: orders", () => {
  it("sorts by name both ways", async () => {
    expect(await names({ sort: "name", dir: "desc" })).toEqual([...ALL].reverse());
  });

  it("sorts by last run, ties by name, never-run jobs last either way", async () => {
    expect(await names({ sort: "last-run", dir: "desc" })).toEqual(["etl-daily", "report", "etl-weekly", "score", "load_50%", "idle"]);
    expect(await names({ sort: "last-run", dir: "asc" })).toEqual(["load_50%", "score", "etl-weekly", "etl-daily", "report", "idle"]);
  });

  it("sorts by the 30-day success rate, ties by name, jobs without a verdict last", async () => {
    expect(await names({ sort: "success", dir: "asc" })).toEqual(["etl-daily", "report", "etl-weekly", "load_50%", "idle", "score"]);
    expect(await names({ sort: "success", dir: "desc" })).toEqual(["etl-weekly", "load_50%", "etl-daily", "report", "idle", "score"]);
  });

  it("sorts by the 30-day median duration, ties by name, jobs without a succeeded run last", async () => {
    expect(await names({ sort: "median", dir: "asc" })).toEqual(["etl-daily", "report", "etl-weekly", "load_50%", "idle", "score"]);
    expect(await names({ sort: "median", dir: "desc" })).toEqual(["load_50%", "etl-weekly", "etl-daily", "report", "idle", "score"]);
  });

  it("sorts by next run, ties by name, jobs without one last", async () => {
    expect(await names({ sort: "next-run", dir: "asc" })).toEqual(["etl-weekly", "etl-daily", "report", "idle", "load_50%", "score"]);
    expect(await names({ sort: "next-run", dir: "desc" })).toEqual(["idle", "etl-daily", "report", "etl-weekly", "load_50%", "score"]);
    expect(await names({ sort: "next-run", cloud: "azure" })).toEqual(["etl-daily", "report", "score"]);
  });
});

describe("jobs table: each row", () => {
  it("carries the latest run, the 30-day figures and the next run of the enabled schedules, hand-computed", async () => {
    const { jobs } = await jobsTable(viewer, { ...DEFAULT_JOBS_QUERY, sort: "next-run" }, now);
    expect(jobs.map((j) => ({ name: j.name, lastRun: j.lastRun, rate: j.recent?.successRate ?? null, median: j.recent?.medianMs ?? null, nextRun: j.nextRun?.toISOString() ?? null }))).toEqual([
      { name: "etl-weekly", lastRun: { status: "succeeded", startedAt: new Date("2026-11-28T01:00:00Z") }, rate: 1, median: medianMs(new Map([[bucketOf(20_000), 1]])), nextRun: "2026-11-30T18:00:00.000Z" },
      { name: "etl-daily", lastRun: { status: "failed", startedAt: new Date("2026-11-29T02:00:00Z") }, rate: 0.5, median: medianMs(new Map([[bucketOf(10_000), 1]])), nextRun: "2026-12-01T02:30:00.000Z" },
      { name: "report", lastRun: { status: "succeeded", startedAt: new Date("2026-11-29T02:00:00Z") }, rate: 0.5, median: medianMs(new Map([[bucketOf(10_000), 1]])), nextRun: "2026-12-01T02:30:00.000Z" },
      { name: "idle", lastRun: null, rate: null, median: null, nextRun: "2026-12-01T08:00:00.000Z" },
      { name: "load_50%", lastRun: { status: "succeeded", startedAt: new Date("2026-11-25T00:00:00Z") }, rate: 1, median: medianMs(new Map([[bucketOf(3_600_000), 1]])), nextRun: null },
      // Stopped is no verdict and no duration; its schedule can't be read.
      { name: "score", lastRun: { status: "stopped", startedAt: new Date("2026-11-26T00:00:00Z") }, rate: null, median: null, nextRun: null },
    ]);
  });

  it("gives the same next run whichever order the page is in", async () => {
    const byName = (await jobsTable(viewer, DEFAULT_JOBS_QUERY, now)).jobs.map((j) => [j.name, j.nextRun?.toISOString() ?? null]);
    expect(byName).toEqual([
      ["etl-daily", "2026-12-01T02:30:00.000Z"], ["etl-weekly", "2026-11-30T18:00:00.000Z"], ["idle", "2026-12-01T08:00:00.000Z"],
      ["load_50%", null], ["report", "2026-12-01T02:30:00.000Z"], ["score", null],
    ]);
  });
});
