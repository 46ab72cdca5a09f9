import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { jobsTable, DEFAULT_JOBS_QUERY } = await import("./jobs-table");

const viewer = { id: "viewer-1", email: "viewer@lab.test", role: "viewer" as const };
const ids = { etl: "", report: "", idle: "" };

beforeAll(async () => {
  const lab = await db().cloudAccount.create({ data: { cloud: "azure", name: "lab", settings: {} } });
  const job = (name: string) => db().job.create({ data: { accountId: lab.id, providerId: name, name } });
  Object.assign(ids, { etl: (await job("etl")).id, report: (await job("report")).id, idle: (await job("idle")).id });
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 12, minutes));
  const run = (id: string, jobId: string, batch: string | null, status: "succeeded" | "failed" | "queued", startedAt: Date | null) => ({
    id, accountId: lab.id, jobId, providerId: id, batch, status, providerStatus: status, startedAt, triggeredBy: "trigger" as const,
  });
  await db().execution.createMany({
    data: [
      run("e1", ids.etl, "no2", "succeeded", at(0)),
      run("e2", ids.etl, "no1", "failed", at(5)),
      run("e3", ids.etl, "no2", "succeeded", at(5)), // same start as e2: the greater id is the later
      run("e4", ids.etl, null, "queued", null), // not started: not the latest run
      run("r1", ids.report, "weekly", "succeeded", at(1)),
      run("r2", ids.report, null, "failed", at(2)),
    ],
  });
});

describe("jobs screen query", () => {
  it("gives each job its latest started run and only its own batches", async () => {
    const jobs = (await jobsTable(viewer, DEFAULT_JOBS_QUERY)).jobs;
    expect(jobs.map((j) => ({ name: j.name, lastRun: j.lastRun, batches: j.batches }))).toEqual([
      { name: "etl", lastRun: { status: "succeeded", startedAt: new Date(Date.UTC(2026, 10, 1, 12, 5)) }, batches: ["no1", "no2"] },
      { name: "idle", lastRun: null, batches: [] },
      { name: "report", lastRun: { status: "failed", startedAt: new Date(Date.UTC(2026, 10, 1, 12, 2)) }, batches: ["weekly"] },
    ]);
  });
});
