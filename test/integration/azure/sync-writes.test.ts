import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useSimulatedCatalog } from "./simulated-catalog";

// What the sync writes, counted by Postgres itself (pg_stat_user_tables): a re-sync of unchanged runs
// writes no row, a run that ended is updated exactly, a new run inserted, a job the cloud dropped marked
// gone. Against the simulator's demo subscription, through the path the worker takes.

const catalog = await useSimulatedCatalog();
const { db } = await import("@/lib/db/client");
const { syncAccount } = await import("@/lib/sync/sync-account");

const TABLES = ["executions", "jobs", "triggers"] as const;
type Writes = Record<(typeof TABLES)[number], { ins: number; upd: number; del: number }>;

let stats: pg.Client;

/**
 * A backend reports its table statistics when it exits (an idle one may hold them for up to 10 s), so
 * the app's pool is closed, and its backends waited out, before the counters are read. db() opens a new
 * pool on its next call.
 */
async function rowWrites(): Promise<Writes> {
  await db().$disconnect();
  delete (globalThis as { batchdeckPrisma?: unknown }).batchdeckPrisma;
  for (let i = 0; ; i++) {
    const { rows } = await stats.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
    if (rows[0]!.n === 0) break;
    if (i === 100) throw new Error("the app's connections did not close within 10 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  await stats.query("select pg_stat_clear_snapshot()");
  const { rows } = await stats.query<{ relname: (typeof TABLES)[number]; ins: string; upd: string; del: string }>(
    "select relname, n_tup_ins as ins, n_tup_upd as upd, n_tup_del as del from pg_stat_user_tables where relname = any($1)",
    [TABLES],
  );
  return Object.fromEntries(rows.map((r) => [r.relname, { ins: Number(r.ins), upd: Number(r.upd), del: Number(r.del) }])) as Writes;
}

/** The row writes `sync` causes, per table. */
async function writesOf<T>(sync: () => Promise<T>): Promise<{ result: T; writes: Writes }> {
  const before = await rowWrites();
  const result = await sync();
  const after = await rowWrites();
  const writes = Object.fromEntries(
    TABLES.map((t) => [t, { ins: after[t].ins - before[t].ins, upd: after[t].upd - before[t].upd, del: after[t].del - before[t].del }]),
  ) as Writes;
  return { result, writes };
}

const none = { ins: 0, upd: 0, del: 0 };

beforeAll(async () => {
  stats = new pg.Client({ connectionString: catalog.url });
  await stats.connect();
});

afterAll(async () => {
  await stats?.end();
});

describe("what a sync writes", () => {
  const a = () => catalog.sim.azure.demoAccount;
  let runningName = "";
  let runningStartMs = 0;

  it("the first sync inserts every run; a re-sync of unchanged runs writes no row, and lists only what may have changed", async () => {
    catalog.sim.azure.createJob({ subscriptionId: a().subscriptionId, resourceGroup: a().resourceGroup, name: "writes-check", triggerType: "Manual", durationSeconds: 600, exitCode: 0 });
    runningStartMs = catalog.sim.clock.now().getTime();
    runningName = catalog.sim.azure.startExecution(a().subscriptionId, a().resourceGroup, "writes-check", { BATCH: "w1", API_TOKEN: "hunter2" }).name;

    const first = await writesOf(() => syncAccount(catalog.accountId));
    const stored = await db().execution.count({ where: { accountId: catalog.accountId } });
    expect(first.result).toEqual({ jobs: 3, executions: stored, inserted: stored, updated: 0, settled: 0, unlisted: 0 });
    expect(first.writes.executions).toEqual({ ins: stored, upd: 0, del: 0 });
    expect(first.writes.jobs).toEqual({ ins: 3, upd: 0, del: 0 });
    expect(first.writes.triggers).toEqual({ ins: 3, upd: 0, del: 0 });

    const again = await writesOf(() => syncAccount(catalog.accountId));
    expect(again.writes).toEqual({ executions: none, jobs: none, triggers: none });
    expect(again.result).toEqual({ jobs: 3, executions: again.result.executions, inserted: 0, updated: 0, settled: 0, unlisted: 0 });
    // Incremental: runs that ended long before the watermark are not even listed.
    expect(again.result.executions).toBeLessThan(stored);
    expect(again.result.executions).toBeGreaterThanOrEqual(2); // the two runs still going
  });

  it("a run that ended is updated exactly, a new run inserted, and nothing else written", async () => {
    catalog.sim.clock.advance(700); // writes-check's run (600 s) has ended; the demo's 900 s run has not
    const newName = catalog.sim.azure.startExecution(a().subscriptionId, a().resourceGroup, "writes-check", { BATCH: "w2" }).name;

    const { result, writes } = await writesOf(() => syncAccount(catalog.accountId));
    // Exactly the runs that ended: writes-check's, and the demo's 12:00 cron run (81 s); the demo's 900 s run goes on.
    const changed = await db().execution.findMany({ where: { accountId: catalog.accountId, updatedAt: { gt: db().execution.fields.createdAt } }, select: { providerId: true, status: true }, orderBy: { providerId: "asc" } });
    expect(changed.map((e) => e.providerId)).toEqual([expect.stringMatching(/^nightly-etl-/), runningName]);
    expect(changed.map((e) => e.status)).toEqual(["succeeded", "succeeded"]);
    expect(writes).toEqual({ executions: { ins: 1, upd: 2, del: 0 }, jobs: none, triggers: none });
    expect(result).toMatchObject({ inserted: 1, updated: 2 });

    const pick = { providerId: true, batch: true, status: true, providerStatus: true, startedAt: true, endedAt: true, exitCode: true, overrides: true, triggeredBy: true } as const;
    const ended = await db().execution.findUniqueOrThrow({ where: { accountId_providerId: { accountId: catalog.accountId, providerId: runningName } }, select: pick });
    expect(ended).toEqual({
      providerId: runningName,
      batch: "w1",
      status: "succeeded",
      providerStatus: "Succeeded",
      startedAt: new Date(runningStartMs),
      endedAt: new Date(runningStartMs + 600_000),
      exitCode: null, // Azure lists no exit code
      overrides: { BATCH: "w1", API_TOKEN: "[redacted]" },
      triggeredBy: "external", // started outside Batchdeck: no request key
    });
    const added = await db().execution.findUniqueOrThrow({ where: { accountId_providerId: { accountId: catalog.accountId, providerId: newName } }, select: pick });
    expect(added).toEqual({
      providerId: newName,
      batch: "w2",
      status: "running",
      providerStatus: "Running",
      startedAt: new Date(runningStartMs + 700_000),
      endedAt: null,
      exitCode: null,
      overrides: { BATCH: "w2" },
      triggeredBy: "external",
    });
  });

  it("a job the cloud no longer lists is marked gone with its runs kept; a job new to the catalog gets all its runs, however old", async () => {
    const job = await db().job.create({ data: { accountId: catalog.accountId, providerId: "/subscriptions/x/jobs/deleted-in-the-portal", name: "deleted-in-the-portal", updatedAt: new Date() } });
    await db().execution.create({ data: { accountId: catalog.accountId, jobId: job.id, providerId: "deleted-in-the-portal-1", status: "succeeded", providerStatus: "Succeeded", triggeredBy: "user" } });
    const gone = await writesOf(() => syncAccount(catalog.accountId));
    expect(gone.writes).toEqual({ executions: none, jobs: { ins: 0, upd: 1, del: 0 }, triggers: none });
    const after = await db().job.findUniqueOrThrow({ where: { id: job.id }, include: { _count: { select: { executions: true } } } });
    expect(after.goneAt).not.toBeNull();
    expect(after._count.executions).toBe(1);

    // writes-check's runs (12:00–12:22) are behind the watermark when the catalog sees the job again: the
    // demo's 18:00 cron run moves it to 17:00 or later.
    catalog.sim.clock.advance(7 * 3600);
    await syncAccount(catalog.accountId);
    const { syncCursor } = await db().cloudAccount.findUniqueOrThrow({ where: { id: catalog.accountId } });
    expect(new Date((syncCursor as { executionsSince: string }).executionsSince).getTime()).toBeGreaterThan(runningStartMs + 2 * 3600_000);
    await db().job.deleteMany({ where: { accountId: catalog.accountId, name: "writes-check" } }); // its runs go with it
    const back = await writesOf(() => syncAccount(catalog.accountId));
    expect(back.writes).toEqual({ executions: { ins: 2, upd: 0, del: 0 }, jobs: { ins: 1, upd: 0, del: 0 }, triggers: { ins: 1, upd: 0, del: 0 } });
  });
});
