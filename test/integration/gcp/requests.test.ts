import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "../../support/database";
import { startTestSimulator } from "../../../sim/testing";

// The requests of the demo project's Cloud Run service (account-service), counted by the sync from its
// request logs into usage_samples, against the simulator's ground truth; bounded in Logging reads.

const encryptionKey = randomBytes(32).toString("base64");
useDemoEnv({ BATCHDECK_ENCRYPTION_KEY: encryptionKey });
await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { seedDemoAccounts } = await import("@/lib/catalog/demo-accounts");
const { syncAccount } = await import("@/lib/sync/sync-account");
const { COUNT_EVERY_MS } = await import("@/lib/sync/save-requests");

let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let accountId: string;
const loggingReads = () => sim.requests().filter((r) => r.service === "logging").length;
const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const stored = async () =>
  Object.fromEntries((await db().usageSample.findMany({ where: { accountId }, orderBy: { day: "asc" } })).map((s) => [dayOf(s.day), { requests: Number(s.requests), updatedAt: s.updatedAt }]));
/** As if the last count were longer ago than the bound. */
const ageCounts = () => db().usageSample.updateMany({ where: { accountId }, data: { updatedAt: new Date(Date.now() - COUNT_EVERY_MS - 1_000) } });

beforeAll(async () => {
  sim = await startTestSimulator({ port: 0, scenario: "demo", now: new Date() });
  await seedDemoAccounts([sim.gcp.catalogAccount(sim.gcp.demoAccount, "lab-gcp")], encryptionKey);
  accountId = (await db().cloudAccount.findUniqueOrThrow({ where: { name: "lab-gcp" } })).id;
}, 120_000);
afterAll(() => sim.close());

describe("requests of a Google account's services", () => {
  it("a sync stores today's requests so far and yesterday's whole day, as the request logs have them", async () => {
    const before = loggingReads();
    await syncAccount(accountId);
    expect(loggingReads() - before).toBeGreaterThan(0);
    const truth = sim.gcp.requestCounts(sim.gcp.demoAccount.projectId, "account-service");
    const today = dayOf(new Date());
    const yesterday = dayOf(new Date(Date.now() - 86_400_000));
    expect(truth[yesterday]).toBeGreaterThan(0);
    const rows = await stored();
    expect(Object.keys(rows)).toEqual([yesterday, today]);
    expect({ [yesterday]: rows[yesterday]!.requests, [today]: rows[today]!.requests }).toEqual({ [yesterday]: truth[yesterday], [today]: truth[today] ?? 0 });
  }, 60_000);

  it("a second sync within the bound reads no logs and leaves the figures alone", async () => {
    const rows = await stored();
    const before = loggingReads();
    await syncAccount(accountId);
    expect(loggingReads() - before).toBe(0);
    expect(await stored()).toEqual(rows);
  }, 60_000);

  it("Logging throttling the count leaves the sync ok and the old figure; the next count after the bound puts the true one", async () => {
    const today = dayOf(new Date());
    const truth = sim.gcp.requestCounts(sim.gcp.demoAccount.projectId, "account-service");
    await ageCounts();
    await db().usageSample.updateMany({ where: { accountId, day: new Date(today) }, data: { requests: 1n } });
    const old = await stored();
    sim.faults.add({ account: sim.gcp.demoAccount.projectId, kind: "throttle", retryAfterSeconds: 30, pathContains: "entries:list" });
    try {
      await expect(syncAccount(accountId)).resolves.toMatchObject({ jobs: 2 });
    } finally {
      sim.faults.clear();
    }
    expect(await db().cloudAccount.findUniqueOrThrow({ where: { id: accountId }, select: { syncState: true, lastError: true } })).toEqual({ syncState: "ok", lastError: null });
    expect(await stored()).toEqual(old);

    await ageCounts();
    await syncAccount(accountId);
    expect((await stored())[today]!.requests).toBe(truth[today] ?? 0);
  }, 60_000);
});
