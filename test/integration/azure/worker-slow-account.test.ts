import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "../../support/database";
import { startTestSimulator } from "../../../sim/testing";
import type { Sim } from "./harness";
import { armRequests, simAccountWithJobs, until } from "./worker-harness";

// One slow account does not hold up the others (issue #7, item 3), on the real pg-boss and Postgres.
// The slow account's cloud answers every ARM call after 3 s (under the 5 s per-call deadline, so it is
// slow but alive): 30 jobs make its sync 34 calls, about 100 s. The worker runs with a 10 s interval (the
// production setting BATCHDECK_SYNC_INTERVAL_SECONDS) so the second round comes quickly; the fast account
// must finish a second sync while the slow one's first is still running, well within the 65 s.

const key = randomBytes(32).toString("base64");
useDemoEnv({ BATCHDECK_ENCRYPTION_KEY: key });
const url = await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { seedDemoAccounts } = await import("@/lib/catalog/demo-accounts");
const { startSyncWorker } = await import("@/lib/sync/worker");

const INTERVAL_SECONDS = 10;
const SLOW_CALL_MS = 3_000;
const SLOW_JOBS = 30;
/** listJobs, then executions 10 jobs a page (each page lists the jobs again, then one call per job). */
const SLOW_SYNC_CALLS = 1 + Math.ceil(SLOW_JOBS / 10) + SLOW_JOBS;

let sim: Sim;
let worker: Awaited<ReturnType<typeof startSyncWorker>> | undefined;
let slow: ReturnType<typeof simAccountWithJobs>;

beforeAll(async () => {
  sim = await startTestSimulator({ port: 0, scenario: "empty", now: new Date() });
  slow = simAccountWithJobs(sim, "slow", SLOW_JOBS);
  const fast = simAccountWithJobs(sim, "fast", 1);
  sim.faults.add({ account: slow.account.subscriptionId, kind: "latency", latencyMs: SLOW_CALL_MS });
  // The slow account first: it is the older job of every round, the order that used to block the rest.
  await seedDemoAccounts([slow, fast], key);
});

afterAll(async () => {
  // The cloud recovers, so the slow sync's remaining calls answer at once and the worker stops promptly.
  sim?.faults.clear();
  await worker?.stop();
  await sim?.close();
}, 60_000);

const account = (name: string) =>
  db().cloudAccount.findUniqueOrThrow({ where: { name }, select: { syncState: true, lastSyncedAt: true, lastSyncStartedAt: true } });

describe("sync worker with one slow account", () => {
  it("keeps syncing the other account every round while the slow account's 100 s sync runs", async () => {
    const startedAt = Date.now();
    worker = await startSyncWorker({ connectionString: url, intervalSeconds: INTERVAL_SECONDS });

    const firstFast = await until(() => account("fast"), (a) => a.lastSyncedAt !== null, 20_000);
    expect(firstFast.lastSyncedAt).not.toBeNull();
    const firstSync = firstFast.lastSyncedAt!;
    const slowStarted = (await until(() => account("slow"), (a) => a.syncState === "syncing", 10_000)).lastSyncStartedAt;
    expect(slowStarted).not.toBeNull();

    // The next round's sync of the fast account, however the rounds fall against the slow sync.
    const secondFast = await until(() => account("fast"), (a) => a.lastSyncedAt! > firstSync, 65_000 - (Date.now() - startedAt));
    expect(secondFast.lastSyncedAt!.getTime()).toBeGreaterThan(firstSync.getTime());
    expect(Date.now() - startedAt).toBeLessThan(65_000);

    // Meanwhile the slow account's first sync is still under way, and no second one was started beside it:
    // the later rounds found its lock held and skipped it (a new sync would have restamped its start).
    const slowNow = await account("slow");
    expect({ state: slowNow.syncState, synced: slowNow.lastSyncedAt, started: slowNow.lastSyncStartedAt }).toEqual({
      state: "syncing",
      synced: null,
      started: slowStarted,
    });
    expect(armRequests(sim, slow.account).length).toBeLessThan(SLOW_SYNC_CALLS);
  }, 70_000);
});
