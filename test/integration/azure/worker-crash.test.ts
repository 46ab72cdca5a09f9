import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "../../support/database";
import { startTestSimulator } from "../../../sim/testing";
import type { Sim } from "./harness";
import { pgQuery, simAccountWithJobs, spawnWorker, until, type WorkerProcess } from "./worker-harness";

// A worker killed mid-sync (SIGKILL: no graceful stop, its pg-boss job left active) delays nobody
// (issue #7, item 3). The production worker entry runs as a child process on the test database and the
// simulator; the slow account's sync (5 calls × 3 s) is cut in the middle, then a new worker process
// starts: the other accounts go on syncing, and the cut account syncs again within two minutes of it
// (in practice one interval: its lock died with the killed process, and its old job blocks nothing).

const key = randomBytes(32).toString("base64");
useDemoEnv({ BATCHDECK_ENCRYPTION_KEY: key });
const url = await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { seedDemoAccounts } = await import("@/lib/catalog/demo-accounts");

const INTERVAL_SECONDS = 10;
const workerEnv = { DATABASE_URL: url, BATCHDECK_ENCRYPTION_KEY: key, BATCHDECK_SYNC_INTERVAL_SECONDS: String(INTERVAL_SECONDS) };

let sim: Sim;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  sim = await startTestSimulator({ port: 0, scenario: "empty", now: new Date() });
  const slow = simAccountWithJobs(sim, "slow", 4);
  sim.faults.add({ account: slow.account.subscriptionId, kind: "latency", latencyMs: 3_000 });
  await seedDemoAccounts([slow, simAccountWithJobs(sim, "other-1", 1), simAccountWithJobs(sim, "other-2", 1)], key);
});

afterAll(async () => {
  sim?.faults.clear();
  for (const w of workers) {
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGTERM");
    await w.exited;
  }
  await sim?.close();
}, 30_000);

const accounts = async () =>
  Object.fromEntries(
    (await db().cloudAccount.findMany({ select: { name: true, syncState: true, lastSyncedAt: true } })).map((a) => [a.name, a]),
  );

describe("sync worker killed mid-sync", () => {
  it("does not stop the other accounts, and the cut account syncs again soon after a new worker starts", async () => {
    const first = spawnWorker(workerEnv);
    workers.push(first);
    // Up to 60 s: a cold start of tsx and pg-boss on a loaded machine; the sync itself takes seconds.
    const before = await until(accounts, (a) => a.slow?.syncState === "syncing" && !!a["other-1"]?.lastSyncedAt && !!a["other-2"]?.lastSyncedAt, 60_000);
    expect([before.slow?.syncState, !!before["other-1"]?.lastSyncedAt, !!before["other-2"]?.lastSyncedAt], first.output()).toEqual(["syncing", true, true]);

    first.child.kill("SIGKILL");
    await first.exited;
    const killedAt = new Date();

    const second = spawnWorker(workerEnv);
    workers.push(second);
    const restartedAt = Date.now();
    // A completed sync sets lastSyncedAt (a failed one leaves it), so a later value is a successful sync.
    const synced = (a: { lastSyncedAt: Date | null } | undefined) => !!a?.lastSyncedAt && a.lastSyncedAt > killedAt;
    const after = await until(accounts, (a) => synced(a.slow) && synced(a["other-1"]) && synced(a["other-2"]), 120_000);
    expect([synced(after.slow), synced(after["other-1"]), synced(after["other-2"])], second.output()).toEqual([true, true, true]);
    expect(Date.now() - restartedAt).toBeLessThan(120_000);

    // SIGTERM stops the new worker gracefully: it exits 0 and leaves none of its jobs active (only the
    // killed worker's job is, until its expiry, where it blocks nothing).
    second.child.kill("SIGTERM");
    await second.exited;
    expect(second.child.exitCode, second.output()).toBe(0);
    const { rows } = await pgQuery<{ n: string }>(url, "select count(*) as n from pgboss.job where name = 'account-sync' and state = 'active' and started_on > $1", [killedAt]);
    expect(Number(rows[0]!.n)).toBe(0);
  }, 200_000);
});
