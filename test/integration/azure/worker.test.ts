import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "../../support/database";
import { startTestSimulator } from "../../../sim/testing";
import { catalogAccountOf } from "../../../sim/azure/catalog-account";
import { pgQuery, until } from "./worker-harness";

// The background sync worker (pg-boss on the catalog's Postgres) against the simulator: every account is
// synced at start, and an account whose credentials are wrong fails on its own without holding up the rest.
// Its first round took 13-20 s on a loaded 2-core machine, hence the 45 s bound.

const key = randomBytes(32).toString("base64");
useDemoEnv({ BATCHDECK_ENCRYPTION_KEY: key });
const url = await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { seedDemoAccounts } = await import("@/lib/catalog/demo-accounts");
const { startSyncWorker } = await import("@/lib/sync/worker");

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
let sim: Sim;
let worker: Awaited<ReturnType<typeof startSyncWorker>> | undefined;

beforeAll(async () => {
  sim = await startTestSimulator({ port: 0, scenario: "demo" });
  await seedDemoAccounts(
    [
      { name: "good", cloud: "azure", ...catalogAccountOf(sim) },
      { name: "wrong secret", cloud: "azure", ...catalogAccountOf(sim, sim.azure.demoAccount, { clientSecret: "not-the-secret" }) },
    ],
    key,
  );
});

afterAll(async () => {
  await worker?.stop();
  await sim?.close();
});

describe("sync worker", () => {
  it("syncs every account at start; a failing one is recorded and does not block the other", async () => {
    worker = await startSyncWorker({ connectionString: url });
    const states = () => db().cloudAccount.findMany({ orderBy: { name: "asc" }, select: { name: true, syncState: true, lastErrorKind: true } });
    const settled = await until(states, (rows) => rows.every((r) => r.syncState === "ok" || r.syncState === "error"), 45_000);
    expect(settled).toEqual([
      { name: "good", syncState: "ok", lastErrorKind: null },
      { name: "wrong secret", syncState: "error", lastErrorKind: "bad_credentials" },
    ]);
    expect(await db().job.count()).toBe(2);
  }, 60_000);

  it("queues at most one pending sync per account however often it is asked", async () => {
    await worker!.syncAll();
    await worker!.syncAll();
    await worker!.syncAll();
    const { rows } = await pgQuery<{ key: string; n: string }>(
      url,
      "select singleton_key as key, count(*) as n from pgboss.job where name = 'account-sync' and state = 'created' group by 1",
    );
    for (const row of rows) expect(Number(row.n)).toBeLessThanOrEqual(1);
  });

  it("does not sync a deleted account", async () => {
    await seedDemoAccounts(
      [
        { name: "added", cloud: "azure", ...catalogAccountOf(sim) },
        { name: "deleted", cloud: "azure", ...catalogAccountOf(sim) },
      ],
      key,
    );
    await db().cloudAccount.update({ where: { name: "deleted" }, data: { deletedAt: new Date() } });
    await worker!.syncAll();
    const { rows } = await pgQuery<{ name: string }>(
      url,
      "select a.name from pgboss.job j join cloud_accounts a on a.id = j.singleton_key where j.name = 'account-sync' and a.name in ('added', 'deleted')",
    );
    expect(rows).toEqual([{ name: "added" }]);
  });
});
