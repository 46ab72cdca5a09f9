import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";
import { loadExecutionFilters } from "@/app/(app)/executions/search-params";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { EXECUTIONS_PAGE_SIZE, executionFilterOptions, executionsPage } = await import("./executions");

const viewer = { id: "viewer-1", email: "viewer@lab.test", role: "viewer" as const };

let etl: string;
let report: string;

beforeAll(async () => {
  const account = await db().cloudAccount.create({ data: { cloud: "azure", name: "lab", settings: {} } });
  etl = (await db().job.create({ data: { accountId: account.id, providerId: "etl", name: "etl" } })).id;
  report = (await db().job.create({ data: { accountId: account.id, providerId: "report", name: "report" } })).id;
  const now = Date.now();
  await db().execution.createMany({
    data: Array.from({ length: 130 }, (_, i) => ({
      id: `ex${String(i).padStart(4, "0")}`,
      accountId: account.id,
      jobId: i % 2 === 0 ? etl : report,
      providerId: `run-${i}`,
      batch: i % 4 < 2 ? "no1" : "no2",
      status: i % 5 === 0 ? "failed" : "succeeded",
      providerStatus: i % 5 === 0 ? "Failed" : "Succeeded",
      // two runs share each start time, so paging must break ties by id
      startedAt: new Date(now - Math.floor(i / 2) * 60e3),
      triggeredBy: "trigger",
    })),
  });
  await db().execution.create({ data: { id: "queued1", accountId: account.id, jobId: etl, providerId: "run-queued", status: "queued", providerStatus: "Pending", triggeredBy: "user" } });
});

async function everyPage(params: Record<string, string>) {
  const ids: string[] = [];
  let filters = loadExecutionFilters(params);
  for (;;) {
    const page = await executionsPage(viewer, filters);
    expect(page.items.length).toBeLessThanOrEqual(EXECUTIONS_PAGE_SIZE);
    ids.push(...page.items.map((e) => e.id));
    if (!page.nextCursor) return ids;
    filters = loadExecutionFilters({ ...params, before: page.nextCursor });
  }
}

describe("executions screen query", () => {
  it("pages through every run, not-yet-started first, then newest first, with ties broken by id", async () => {
    const ids = await everyPage({});
    expect(ids).toHaveLength(131);
    expect(new Set(ids).size).toBe(131);
    expect(ids[0]).toBe("queued1");
    expect(ids.slice(1, 5)).toEqual(["ex0001", "ex0000", "ex0003", "ex0002"]);
  });

  it("filters by job, batch and status together, across pages", async () => {
    const ids = await everyPage({ job: etl, batch: "no1", status: "failed" });
    // etl: even i; no1: i % 4 in {0,1}; failed: i % 5 == 0 → i multiple of 20
    expect(ids.sort()).toEqual(["ex0000", "ex0020", "ex0040", "ex0060", "ex0080", "ex0100", "ex0120"]);
    expect(await everyPage({ job: report, status: "queued" })).toEqual([]);
  });

  it("ignores filters it doesn't understand instead of failing", () => {
    expect(loadExecutionFilters({ status: "exploded", cloud: "ibm", before: "x", batch: "no2" })).toEqual({ batch: "no2" });
  });

  it("offers the jobs and the batches seen", async () => {
    const options = await executionFilterOptions(viewer);
    expect(options.jobs.map((j) => j.name)).toEqual(["etl", "report"]);
    expect(options.batches).toEqual(["no1", "no2"]);
  });
});
