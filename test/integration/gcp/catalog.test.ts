import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "../../support/database";
import { startTestSimulator } from "../../../sim/testing";

// The Google account as the app meets it: seeded into the catalog from the simulator (sealed key), synced,
// and read on the Logs screen, where viewers of one running execution share one Logging read.

const encryptionKey = randomBytes(32).toString("base64");
useDemoEnv({ BATCHDECK_ENCRYPTION_KEY: encryptionKey });
await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { seedDemoAccounts } = await import("@/lib/catalog/demo-accounts");
const { syncAccount } = await import("@/lib/sync/sync-account");
const { readLogView } = await import("@/lib/queries/logs");

let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let accountId: string;
const viewer = (i: number) => ({ id: `viewer-${i}`, email: `viewer${i}@lab.test`, role: "viewer" as const });
const loggingReads = () => sim.requests().filter((r) => r.service === "logging").length;

beforeAll(async () => {
  sim = await startTestSimulator({ port: 0, scenario: "demo", now: new Date() });
  await seedDemoAccounts([sim.gcp.catalogAccount(sim.gcp.demoAccount, "lab-gcp")], encryptionKey);
  accountId = (await db().cloudAccount.findUniqueOrThrow({ where: { name: "lab-gcp" } })).id;
  await syncAccount(accountId);
}, 120_000);
afterAll(() => sim.close());

describe("a Google account in the catalog", () => {
  it("syncs seed 002: one job with its two schedules in their zone, one service, and the runs of both batches", async () => {
    const jobs = await db().job.findMany({ where: { accountId }, orderBy: { name: "asc" }, select: { name: true, kind: true, triggers: { orderBy: { batch: "asc" }, select: { expression: true, timeZone: true, batch: true } } } });
    expect(jobs).toEqual([
      { name: "account-service", kind: "service", triggers: [] },
      { name: "lab-batch", kind: "job", triggers: [{ expression: "0 */6 * * *", timeZone: "Asia/Tokyo", batch: "no1" }, { expression: "30 2 * * *", timeZone: "Asia/Tokyo", batch: "no2" }] },
    ]);
    const batches = await db().execution.groupBy({ by: ["batch"], where: { accountId }, _count: true, orderBy: { batch: "asc" } });
    expect(batches.map((b) => b.batch)).toEqual(["no1", "no2"]);
    expect(batches.reduce((n, b) => n + b._count, 0)).toBe(sim.gcp.executions(sim.gcp.demoAccount.projectId).length);
  });

  it("ten viewers of the running execution at once cost one Logging read, and the next interval one more", async () => {
    const running = await db().execution.findFirstOrThrow({ where: { accountId, status: "running" }, select: { id: true } });
    const before = loggingReads();
    const views = await Promise.all(Array.from({ length: 10 }, (_, i) => readLogView(viewer(i), { execution: running.id })));
    expect(views.map((v) => v.state)).toEqual(Array(10).fill("ok"));
    expect(loggingReads() - before).toBe(1);
    const lines = views.map((v) => (v.state === "ok" ? v.lines : null));
    expect(lines[0]!.length).toBeGreaterThan(0);
    expect(lines).toEqual(Array(10).fill(lines[0]));

    await db().logCacheEntry.updateMany({ where: { accountId }, data: { fetchedAt: new Date(Date.now() - 60_000) } });
    await Promise.all(Array.from({ length: 10 }, (_, i) => readLogView(viewer(i), { execution: running.id })));
    expect(loggingReads() - before).toBe(2);
  }, 60_000);

  it("over Logging's read quota, the page shows the last lines with their age and Google's retry delay", async () => {
    const running = await db().execution.findFirstOrThrow({ where: { accountId, status: "running" }, select: { id: true } });
    await db().logCacheEntry.updateMany({ where: { accountId }, data: { fetchedAt: new Date(Date.now() - 60_000) } });
    sim.faults.add({ account: sim.gcp.demoAccount.projectId, kind: "throttle", retryAfterSeconds: 23, pathContains: "entries:list" });
    try {
      const view = await readLogView(viewer(99), { execution: running.id });
      if (view.state !== "ok") throw new Error(`expected the cached lines, got ${view.state}`);
      expect(view.throttled).toBe("Cloud Logging is throttling this account (RATE_LIMIT_EXCEEDED). Try again in 23 s.");
      expect(Date.now() - Date.parse(view.fetchedAt)).toBeGreaterThanOrEqual(60_000);
    } finally {
      sim.faults.clear();
    }
  });
});
