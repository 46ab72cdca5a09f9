import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";
import type { JobPageSize, JobSort, SortDirection } from "./jobs-table";

// Paging past 200 jobs: 250 jobs, every order and both page sizes, each job on exactly one page.

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { refreshRollups } = await import("@/lib/catalog/rollups");
const { jobsTable, DEFAULT_JOBS_QUERY, JOB_SORTS } = await import("./jobs-table");

const viewer = { id: "viewer-1", email: "viewer@lab.test", role: "viewer" as const };
const now = new Date("2026-11-30T12:00:00Z");
const JOBS = 250;
let ids: string[] = [];

beforeAll(async () => {
  const lab = await db().cloudAccount.create({ data: { cloud: "azure", name: "lab", settings: {} } });
  const name = (i: number) => `job-${String(i).padStart(3, "0")}`;
  await db().job.createMany({ data: Array.from({ length: JOBS }, (_, i) => ({ accountId: lab.id, providerId: name(i), name: name(i) })) });
  const jobs = await db().job.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  ids = jobs.map((j) => j.id);
  // Few distinct values, so most of each order is ties: a run at one of 3 times for two jobs in three
  // (outcome by i % 2), one of 4 schedules for every other job.
  const data = jobs.flatMap((j, i) =>
    i % 3 === 0 ? [] : [{
      accountId: lab.id, jobId: j.id, providerId: `run-${i}`, status: i % 2 ? ("succeeded" as const) : ("failed" as const), providerStatus: "x",
      triggeredBy: "trigger" as const, startedAt: new Date(Date.UTC(2026, 10, 27 + (i % 3), 1)), endedAt: new Date(Date.UTC(2026, 10, 27 + (i % 3), 1, i % 5)),
    }],
  );
  await db().execution.createMany({ data });
  await refreshRollups(db(), data);
  await db().trigger.createMany({
    data: jobs.filter((_, i) => i % 2 === 0).map((j, k) => ({ jobId: j.id, providerId: "s", kind: "schedule" as const, expression: `${k % 4} 3 * * *` })),
  });
});

async function allPages(sort: JobSort, dir: SortDirection, size: JobPageSize): Promise<{ ids: string[]; totals: number[]; pages: number }> {
  const seen: string[] = [];
  const totals: number[] = [];
  let page = 1;
  for (; page <= 10; page++) {
    const table = await jobsTable(viewer, { ...DEFAULT_JOBS_QUERY, sort, dir, size, page }, now);
    expect(table.page).toBe(page);
    totals.push(table.total);
    seen.push(...table.jobs.map((j) => j.id));
    if (page * size >= table.total) break;
  }
  return { ids: seen, totals, pages: page };
}

describe("jobs table: paging past 200 jobs", () => {
  it("gives each job exactly once across the pages, in every order and both directions", async () => {
    for (const sort of JOB_SORTS) {
      for (const dir of ["asc", "desc"] as const) {
        const { ids: seen, totals, pages } = await allPages(sort, dir, 50);
        expect(pages, `${sort} ${dir}`).toBe(5);
        expect(totals, `${sort} ${dir}`).toEqual([JOBS, JOBS, JOBS, JOBS, JOBS]);
        expect(seen.length, `${sort} ${dir}`).toBe(JOBS);
        expect([...seen].sort(), `${sort} ${dir}`).toEqual([...ids].sort());
      }
    }
  }, 120_000);

  it("pages by 100 as well: 100, 100 and 50", async () => {
    const sizes: number[] = [];
    for (const page of [1, 2, 3]) sizes.push((await jobsTable(viewer, { ...DEFAULT_JOBS_QUERY, size: 100, page }, now)).jobs.length);
    expect(sizes).toEqual([100, 100, 50]);
    const second = await jobsTable(viewer, { ...DEFAULT_JOBS_QUERY, size: 100, page: 2 }, now);
    expect([second.jobs[0]!.name, second.jobs.at(-1)!.name]).toEqual(["job-100", "job-199"]);
  });

  it("shows the last page for a page past the end, and the first for one before it", async () => {
    const past = await jobsTable(viewer, { ...DEFAULT_JOBS_QUERY, page: 99 }, now);
    expect({ page: past.page, total: past.total, first: past.jobs[0]!.name, count: past.jobs.length }).toEqual({ page: 5, total: JOBS, first: "job-200", count: 50 });
    const pastNextRun = await jobsTable(viewer, { ...DEFAULT_JOBS_QUERY, sort: "next-run", page: 99 }, now);
    expect({ page: pastNextRun.page, count: pastNextRun.jobs.length }).toEqual({ page: 5, count: 50 });
    const before = await jobsTable(viewer, { ...DEFAULT_JOBS_QUERY, page: -3 }, now);
    expect({ page: before.page, first: before.jobs[0]!.name }).toEqual({ page: 1, first: "job-000" });
  });
});
