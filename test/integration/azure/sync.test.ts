import { describe, expect, it } from "vitest";
import { useSimulatedCatalog } from "./simulated-catalog";

// The catalog sync against the simulator's seeded demo subscription, through the same path the app
// uses: a catalog row with sealed credentials → registry → Azure adapter → HTTPS.

const catalog = await useSimulatedCatalog();
const { db } = await import("@/lib/db/client");
const { syncAccount } = await import("@/lib/sync/sync-account");
const { UNLISTED_STATUS } = await import("@/lib/sync/mark-unlisted");
const { readLogView } = await import("@/lib/queries/logs");

const viewer = { id: "viewer-1", email: "viewer@lab.test", role: "viewer" as const };

describe("syncing an Azure account into the catalog", () => {
  it("copies jobs with their triggers and executions with their batch, and a second sync changes nothing", async () => {
    const first = await syncAccount(catalog.accountId);
    expect(first.jobs).toBe(2);
    expect(first.executions).toBeGreaterThan(20);
    const jobs = await db().job.findMany({ where: { accountId: catalog.accountId }, include: { triggers: true }, orderBy: { name: "asc" } });
    expect(jobs.map((j) => [j.name, j.triggers.map((t) => t.kind)])).toEqual([
      ["nightly-etl", ["schedule"]],
      ["report-worker", ["event"]],
    ]);
    const batches = await db().execution.groupBy({ by: ["batch"], where: { accountId: catalog.accountId }, _count: true });
    expect(batches.map((b) => b.batch).sort()).toEqual(["no1", "no2"]);
    expect(await db().execution.count({ where: { accountId: catalog.accountId, status: "failed" } })).toBeGreaterThan(0);
    // What Azure adds to every run itself (CONTAINER_APP_JOB_NAME) is no override: cron and queue runs
    // with the job's own env have none, and no stored override names a platform variable.
    const stored = await db().execution.findMany({ where: { accountId: catalog.accountId }, select: { overrides: true, triggeredBy: true } });
    expect(stored.flatMap((e) => Object.keys((e.overrides ?? {}) as object)).filter((name) => name.startsWith("CONTAINER_APP_"))).toEqual([]);
    expect(stored.filter((e) => e.triggeredBy !== "user" && e.overrides === null).length).toBeGreaterThan(10);

    const second = await syncAccount(catalog.accountId);
    // Incremental: only what may have changed since the first is listed again, and nothing is written.
    expect(second).toEqual({ jobs: 2, executions: second.executions, inserted: 0, updated: 0, settled: 0, unlisted: 0 });
    expect(second.executions).toBeLessThan(first.executions);
    expect(await db().execution.count({ where: { accountId: catalog.accountId } })).toBe(first.executions);
    expect((await db().cloudAccount.findUniqueOrThrow({ where: { id: catalog.accountId } })).syncState).toBe("ok");
  });

  it("records a throttling cloud on the account and keeps the history it has", async () => {
    const before = await db().execution.count({ where: { accountId: catalog.accountId } });
    catalog.sim.faults.add({ account: catalog.sim.azure.demoAccount.subscriptionId, kind: "throttle", retryAfterSeconds: 2 });
    await expect(syncAccount(catalog.accountId)).rejects.toMatchObject({ kind: "throttled", retryAfterSeconds: 2 });
    catalog.sim.faults.clear();
    const account = await db().cloudAccount.findUniqueOrThrow({ where: { id: catalog.accountId } });
    expect(account).toMatchObject({ syncState: "error", lastErrorKind: "throttled" });
    expect(account.lastError).toMatch(/2 s/);
    expect(await db().execution.count({ where: { accountId: catalog.accountId } })).toBe(before);
  });

  it("feeds the logs screen: one batch's lines only, and a throttled cloud shown as such", async () => {
    const job = await db().job.findFirstOrThrow({ where: { accountId: catalog.accountId, name: "nightly-etl" } });
    const view = await readLogView(viewer, { job: job.id, batch: "no1" });
    if (view.state !== "ok") throw new Error(`expected lines, got ${view.state}`);
    expect(view.lines.length).toBeGreaterThan(0);
    const no1 = new Set((await db().execution.findMany({ where: { jobId: job.id, batch: "no1" }, select: { providerId: true } })).map((e) => e.providerId));
    expect(view.lines.every((l) => no1.has(l.executionProviderId))).toBe(true);

    catalog.sim.faults.add({ account: catalog.sim.azure.demoAccount.subscriptionId, kind: "throttle", retryAfterSeconds: 3 });
    // Lines not cached yet: the throttle is the answer. Lines cached before: served with their age, marked.
    const throttled = await readLogView(viewer, { job: job.id, batch: "no1", contains: "processed" });
    const cached = await readLogView(viewer, { job: job.id, batch: "no1" });
    catalog.sim.faults.clear();
    expect(throttled).toMatchObject({ state: "error", account: "lab" });
    expect(throttled.state === "error" && throttled.message).toMatch(/3 s/);
    expect(cached.state === "ok" && cached.lines).toEqual(view.lines);

    expect(await readLogView(viewer, {})).toEqual({ state: "choose" });
    expect(await readLogView(viewer, { job: job.id, batch: "no-such-batch" })).toMatchObject({ state: "not_found" });
  });

  it("marks a run Azure forgot while it ran as unknown, no longer going", async () => {
    const { subscriptionId, resourceGroup } = catalog.sim.azure.demoAccount;
    catalog.sim.azure.createJob({ subscriptionId, resourceGroup, name: "long-haul", triggerType: "Manual", image: "lab/long:1.0.0" });
    const long = catalog.sim.azure.startExecution(subscriptionId, resourceGroup, "long-haul", { SIM_DURATION_SECONDS: "86400" });
    await syncAccount(catalog.accountId);
    const stored = () => db().execution.findFirstOrThrow({ where: { providerId: long.name }, select: { status: true, providerStatus: true } });
    expect((await stored()).status).toBe("running");

    // Azure keeps a job's last 100 runs: a hundred more push the long one out while it still runs.
    for (let i = 0; i < 100; i++) catalog.sim.azure.startExecution(subscriptionId, resourceGroup, "long-haul", { SIM_DURATION_SECONDS: "5" });
    // A run stored moments ago may not be listed yet (the grace): this one was stored ten minutes ago.
    await db().$executeRaw`update executions set created_at = now() - interval '10 minutes' where provider_id = ${long.name}`;
    const report = await syncAccount(catalog.accountId);
    expect(report.unlisted).toBe(1);
    const after = await stored();
    expect({ status: after.status, providerStatus: after.providerStatus }).toEqual({ status: "unknown", providerStatus: UNLISTED_STATUS });

    // Nothing else is going missing: the next sync marks nothing.
    expect((await syncAccount(catalog.accountId)).unlisted).toBe(0);
  });

  it("leaves a run stored moments ago that the cloud does not list yet", async () => {
    const job = await db().job.findFirstOrThrow({ where: { accountId: catalog.accountId, name: "nightly-etl" } });
    await db().execution.create({ data: { accountId: catalog.accountId, jobId: job.id, providerId: "nightly-etl-notyet1", status: "queued", providerStatus: "Running", triggeredBy: "user" } });
    expect((await syncAccount(catalog.accountId)).unlisted).toBe(0);
    expect((await db().execution.findFirstOrThrow({ where: { providerId: "nightly-etl-notyet1" } })).status).toBe("queued");
    await db().execution.delete({ where: { accountId_providerId: { accountId: catalog.accountId, providerId: "nightly-etl-notyet1" } } });
  });
});
