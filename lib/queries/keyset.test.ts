import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";
import { loadExecutionFilters } from "@/app/(app)/executions/search-params";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { EXECUTIONS_PAGE_SIZE, executionsPage } = await import("./executions");

// Keyset paging across 10,000 runs where 70 share each start time, so most page boundaries (every 50)
// fall inside a run of equal timestamps and only the id breaks the tie.

const viewer = { id: "viewer-1", email: "viewer@lab.test", role: "viewer" as const };
const TOTAL = 10_000;
const SAME_START = 70;
const base = Date.UTC(2026, 10, 1);

interface Run { id: string; jobId: string; accountId: string; cloud: string; batch: string | null; status: "succeeded" | "failed" | "queued"; startedAt: Date | null }
const runs: Run[] = [];
const ids = { lab: "", fargate: "", etl: "", report: "" };

beforeAll(async () => {
  const lab = await db().cloudAccount.create({ data: { cloud: "azure", name: "lab", settings: {} } });
  const fargate = await db().cloudAccount.create({ data: { cloud: "aws", name: "fargate", settings: {} } });
  const etl = await db().job.create({ data: { accountId: lab.id, providerId: "etl", name: "etl" } });
  const report = await db().job.create({ data: { accountId: fargate.id, providerId: "report", name: "report" } });
  Object.assign(ids, { lab: lab.id, fargate: fargate.id, etl: etl.id, report: report.id });
  for (let i = 0; i < TOTAL; i++) {
    const onLab = i % 3 !== 0;
    runs.push({
      // ids deliberately not in time order, and the same in every collation (lower case, zero-padded)
      id: `k${String((i * 7919) % TOTAL).padStart(5, "0")}`,
      jobId: onLab ? etl.id : report.id,
      accountId: onLab ? lab.id : fargate.id,
      cloud: onLab ? "azure" : "aws",
      batch: i % 10 === 0 ? null : i % 997 === 1 ? "rare" : `no${i % 4}`,
      status: i < 5 ? "queued" : i % 7 === 0 ? "failed" : "succeeded",
      // the first five have not started: they lead the first page
      startedAt: i < 5 ? null : new Date(base - Math.floor(i / SAME_START) * 60e3),
    });
  }
  await db().execution.createMany({
    data: runs.map((r, i) => ({
      id: r.id, accountId: r.accountId, jobId: r.jobId, providerId: `run-${i}`, batch: r.batch, status: r.status,
      providerStatus: r.status, startedAt: r.startedAt, triggeredBy: "trigger" as const,
    })),
  });
});

/** The order the screen promises: not started first, then newest first, ties by id, newest id first. */
function expected(keep: (r: Run) => boolean): string[] {
  return runs
    .filter(keep)
    .sort((a, b) => (b.startedAt?.getTime() ?? Infinity) - (a.startedAt?.getTime() ?? Infinity) || (a.id < b.id ? 1 : -1))
    .map((r) => r.id);
}

async function everyPage(params: Record<string, string>) {
  const seen: string[] = [];
  let filters = loadExecutionFilters(params);
  for (let pages = 0; pages <= TOTAL / EXECUTIONS_PAGE_SIZE + 1; pages++) {
    const page = await executionsPage(viewer, filters);
    expect(page.items.length).toBeLessThanOrEqual(EXECUTIONS_PAGE_SIZE);
    seen.push(...page.items.map((e) => e.id));
    if (!page.nextCursor) return seen;
    filters = loadExecutionFilters({ ...params, before: page.nextCursor });
  }
  throw new Error("paging did not end");
}

describe("executions keyset paging over 10,000 runs with shared start times", () => {
  it("returns every run exactly once, in order, unfiltered", async () => {
    const seen = await everyPage({});
    expect(seen).toHaveLength(TOTAL);
    expect(seen).toEqual(expected(() => true));
  }, 120_000);

  it("returns every matching run exactly once under each filter", async () => {
    const cases: [Record<string, string>, (r: Run) => boolean][] = [
      [{ job: ids.report }, (r) => r.jobId === ids.report],
      [{ batch: "no2" }, (r) => r.batch === "no2"],
      [{ batch: "rare" }, (r) => r.batch === "rare"],
      [{ status: "failed" }, (r) => r.status === "failed"],
      [{ status: "queued" }, (r) => r.status === "queued"],
      [{ cloud: "azure" }, (r) => r.cloud === "azure"],
      [{ job: ids.etl, batch: "no1", status: "succeeded" }, (r) => r.jobId === ids.etl && r.batch === "no1" && r.status === "succeeded"],
    ];
    for (const [params, keep] of cases) {
      const want = expected(keep);
      expect(want.length, JSON.stringify(params)).toBeGreaterThan(0);
      expect(await everyPage(params), JSON.stringify(params)).toEqual(want);
    }
  }, 120_000);
});
