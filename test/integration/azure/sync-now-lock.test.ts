import { describe, expect, it } from "vitest";
import { ctxOf, memberActor } from "@/test/support/service-context";
import { useSimulatedCatalog } from "./simulated-catalog";
import type { Actor } from "../../../lib/services/context";

// "Sync now" takes the same per-account advisory lock as the sync worker (issue #7, item 3): while
// another session holds it, the manual sync does not run and says so; once released, it syncs.

const catalog = await useSimulatedCatalog();
const { db } = await import("@/lib/db/client");
const { syncNow } = await import("@/lib/services/accounts/sync-now");
const { whileHoldingAccountLock } = await import("@/lib/sync/account-lock");

const admin: Actor = await memberActor("admin@lab.test", "admin");

async function syncState() {
  const row = await db().cloudAccount.findUniqueOrThrow({ where: { id: catalog.accountId }, select: { lastSyncStartedAt: true, lastSyncedAt: true } });
  return { ...row, jobs: await db().job.count({ where: { accountId: catalog.accountId } }) };
}

describe("sync now", () => {
  it("does not run while another session holds the account's sync lock, and tells the user why", { timeout: 30_000 }, async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let heldSignal!: () => void;
    const held = new Promise<void>((resolve) => (heldSignal = resolve));
    // The worker's own path, on its own connection: holds the lock until released.
    const holder = whileHoldingAccountLock(catalog.url, catalog.accountId, async () => {
      heldSignal();
      await released;
      return "held";
    }, () => undefined);
    await held;

    const before = await syncState();
    expect(before).toEqual({ lastSyncStartedAt: null, lastSyncedAt: null, jobs: 0 });
    const outcome = await syncNow(ctxOf(admin), { accountId: catalog.accountId });
    expect({ data: outcome.data, message: outcome.message }).toEqual({ data: null, message: "A sync of lab is running now; its results appear when it ends." });
    const audited = await db().auditEvent.findMany({ where: { targetId: catalog.accountId }, select: { result: true, targetType: true, target: true, detail: true } });
    expect(audited).toEqual([{ result: "ok", targetType: "cloud_account", target: "lab", detail: { skipped: "a sync of this account was already running" } }]);
    expect(await syncState()).toEqual(before);

    release();
    expect(await holder).toBe("held");
    const after = await syncNow(ctxOf(admin), { accountId: catalog.accountId });
    expect(after.message).toMatch(/^lab: synced [1-9]\d* job\(s\) and \d+ execution\(s\)\.$/);
    const synced = await syncState();
    expect(synced.lastSyncedAt).toBeInstanceOf(Date);
    expect(synced.jobs).toBeGreaterThan(0);
  });

  it("holds the lock while it syncs, so the worker's try in that time is refused", { timeout: 30_000 }, async () => {
    // The simulator answers slowly enough for a second try to land inside the manual sync.
    catalog.sim.faults.add({ account: catalog.sim.azure.demoAccount.subscriptionId, kind: "latency", latencyMs: 1_500, count: 1 });
    try {
      const manual = syncNow(ctxOf(admin), { accountId: catalog.accountId });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const workerTry = await whileHoldingAccountLock(catalog.url, catalog.accountId, async () => "ran", () => undefined);
      expect(workerTry).toBeNull();
      expect((await manual).message).toMatch(/^lab: synced /);
    } finally {
      catalog.sim.faults.clear();
    }
  });
});
