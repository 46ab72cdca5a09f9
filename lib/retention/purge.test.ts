import { describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "@/test/support/database";
import { insertRuns, seedJob, type RunSeed } from "@/test/support/runs";

useDemoEnv();
const url = await useTestDatabase();

const { db } = await import("@/lib/db/client");
const { purgeAccount, purgeUnderLock, accountsDueForPurge } = await import("./purge");
const { retentionCut, purgeSpan } = await import("./cut");
const { REBUILD_ROLLUPS_SQL, refreshRollups, lockRollups } = await import("@/lib/catalog/rollups");
const { saveExecutions } = await import("@/lib/sync/save-executions");
const { whileHoldingAccountLock } = await import("@/lib/sync/account-lock");

const NOW = new Date("2026-06-15T10:00:00Z");
const CUT = new Date("2026-05-16T00:00:00Z"); // 30 days before NOW, down to UTC midnight
const at = (iso: string) => new Date(iso);
const DAY = 24 * 3600 * 1000;

const providerIds = async (accountId: string) =>
  (await db().execution.findMany({ where: { accountId }, select: { providerId: true }, orderBy: { providerId: "asc" } })).map((r) => r.providerId);
const rollups = () => db().jobDailyRollup.findMany({ orderBy: [{ jobId: "asc" }, { day: "asc" }] });

describe("retentionCut", () => {
  it("is the UTC midnight at or before now minus the retention", () => {
    expect(retentionCut(30, NOW)).toEqual(CUT);
    expect(retentionCut(7, at("2026-06-15T00:00:00Z"))).toEqual(at("2026-06-08T00:00:00Z"));
    expect(retentionCut(7, at("2026-06-14T23:59:59.999Z"))).toEqual(at("2026-06-07T00:00:00Z"));
  });
});

describe("the purge", () => {
  const removed: RunSeed[] = [
    { providerId: "old-succeeded", startedAt: at("2026-05-01T08:00:00Z") },
    { providerId: "old-failed", status: "failed", startedAt: at("2026-04-01T08:00:00Z"), exitCode: 1 },
    { providerId: "ended-just-before-cut", startedAt: at("2026-05-15T23:00:00Z"), endedAt: new Date(CUT.getTime() - 1) },
    { providerId: "never-ended", status: "unknown", startedAt: at("2026-05-10T08:00:00Z"), endedAt: null },
    { providerId: "undated-old", status: "failed", startedAt: null, endedAt: null, createdAt: at("2026-05-01T00:00:00Z") },
    ...Array.from({ length: 10 }, (_, i): RunSeed => ({ providerId: `bulk-${String(i).padStart(2, "0")}`, startedAt: new Date(at("2026-03-20T00:00:00Z").getTime() + i * 3600_000) })),
  ];
  const kept: RunSeed[] = [
    { providerId: "ended-at-cut", startedAt: at("2026-05-15T23:00:00Z"), endedAt: CUT },
    { providerId: "started-at-cut", startedAt: CUT },
    { providerId: "running-old", status: "running", startedAt: at("2026-03-01T08:00:00Z"), endedAt: null },
    { providerId: "queued-undated", status: "queued", startedAt: null, endedAt: null, createdAt: at("2026-03-01T00:00:00Z") },
    { providerId: "undated-new", status: "failed", startedAt: null, endedAt: null },
    { providerId: "recent", startedAt: at("2026-06-14T08:00:00Z") },
  ];
  let a: { accountId: string; jobId: string };
  let b: { accountId: string; jobId: string };

  it("removes exactly the runs that ended before the cut, in batches, and keeps runs still going and other accounts", async () => {
    a = await seedJob("lab-a");
    b = await seedJob("lab-b");
    await insertRuns(a, [...removed, ...kept]);
    await insertRuns(b, [{ providerId: "b-old", startedAt: at("2026-01-01T00:00:00Z") }]);
    await db().$executeRawUnsafe(REBUILD_ROLLUPS_SQL);
    const before = await rollups();
    await db().cloudAccount.update({ where: { id: a.accountId }, data: { retentionDays: 30 } });

    expect(await purgeSpan(db(), a.accountId, CUT)).toEqual({ runs: 15, from: at("2026-03-20T00:00:00Z"), to: new Date(CUT.getTime() - 1) });
    const report = await purgeAccount(a.accountId, { now: NOW, batchRows: 4 });
    // 14 runs with a start in batches of 4 (4, 4, 4, 2), then the one without (1).
    expect(report).toEqual({ account: "lab-a", retentionDays: 30, cut: CUT, deleted: 15, batches: 5 });
    expect(await providerIds(a.accountId)).toEqual(kept.map((r) => r.providerId).sort());
    expect(await providerIds(b.accountId)).toEqual(["b-old"]);
    // Usage history stays: the rollups are untouched, purged days included.
    expect(await rollups()).toEqual(before);
    const account = await db().cloudAccount.findUniqueOrThrow({ where: { id: a.accountId } });
    expect(account.purgedBefore).toEqual(CUT);
  });

  it("is idempotent, and records one audit event per run with its count", async () => {
    expect(await purgeAccount(a.accountId, { now: NOW, batchRows: 4 })).toEqual({ account: "lab-a", retentionDays: 30, cut: CUT, deleted: 0, batches: 2 });
    expect(await purgeAccount(b.accountId, { now: NOW })).toEqual({ account: "lab-b", retentionDays: null, cut: null, deleted: 0, batches: 0 });
    const events = await db().auditEvent.findMany({ where: { action: "account.purge" }, orderBy: { at: "asc" }, select: { targetId: true, result: true, actorId: true, detail: true } });
    expect(events).toEqual([
      { targetId: a.accountId, result: "ok", actorId: null, detail: { deleted: 15, retentionDays: 30, endedBefore: CUT.toISOString(), batches: 5 } },
      { targetId: a.accountId, result: "ok", actorId: null, detail: { deleted: 0, retentionDays: 30, endedBefore: CUT.toISOString(), batches: 2 } },
    ]);
  });

  it("keeps the rollups of purged days when a run on one of them changes later, and still refreshes later days", async () => {
    const before = await rollups();
    const runningStart = at("2026-03-01T08:00:00Z");
    const recentStart = at("2026-06-14T08:00:00Z");
    await db().$transaction(async (tx) => {
      await lockRollups(tx, [a.jobId]);
      await tx.execution.update({ where: { accountId_providerId: { accountId: a.accountId, providerId: "running-old" } }, data: { status: "succeeded", endedAt: at("2026-06-14T09:00:00Z") } });
      await tx.execution.update({ where: { accountId_providerId: { accountId: a.accountId, providerId: "recent" } }, data: { status: "failed" } });
      await refreshRollups(tx, [
        { jobId: a.jobId, startedAt: runningStart, endedAt: null },
        { jobId: a.jobId, startedAt: runningStart, endedAt: at("2026-06-14T09:00:00Z") },
        { jobId: a.jobId, startedAt: recentStart, endedAt: at("2026-06-14T08:01:00Z") },
      ]);
    });
    const after = await rollups();
    const day = (rows: typeof after, iso: string) => rows.find((r) => r.jobId === a.jobId && r.day.toISOString().slice(0, 10) === iso);
    // 2026-03-01 is before the cut: frozen as it was, though its running run has ended since.
    expect(day(after, "2026-03-01")).toEqual(day(before, "2026-03-01"));
    expect(after.filter((r) => r.day < CUT)).toEqual(before.filter((r) => r.day < CUT));
    // 2026-06-14 is after it: recomputed (the recent run now failed), and June's 1st counts the long run's usage.
    expect(day(after, "2026-06-14")).toMatchObject({ runs: 1, succeeded: 0, failed: 1 });
    expect(day(after, "2026-06-01")).toMatchObject({ usageRuns: 1 });
  });

  it("does not bring back a purged run the cloud still lists, but updates one it still holds", async () => {
    const jobs = { jobs: new Map([[`/jobs/lab-a/nightly-etl`, { id: a.jobId, batchEnvName: null }]]), triggers: new Map<string, string>(), needsFullListing: true };
    const listed = (providerId: string, startedAt: Date, endedAt: Date | null, status: "succeeded" | "running" = "succeeded") => ({
      providerId, jobProviderId: "/jobs/lab-a/nightly-etl", status, providerStatus: status, startedAt, endedAt, exitCode: null, image: null,
      milliVcpu: null, memoryMiB: null, env: {}, overrides: null, triggeredBy: "trigger" as const, triggerProviderId: null, requestKey: null,
    });
    const written = await saveExecutions(a.accountId, jobs, [
      listed("old-succeeded", at("2026-05-01T08:00:00Z"), at("2026-05-01T08:01:00Z")),
      listed("running-old", at("2026-03-01T08:00:00Z"), at("2026-06-14T10:00:00Z")),
      listed("still-going-from-before", at("2026-04-01T08:00:00Z"), null, "running"),
      listed("new-recent", at("2026-06-15T08:00:00Z"), at("2026-06-15T08:01:00Z")),
    ]);
    expect({ inserted: written.inserted, updated: written.updated }).toEqual({ inserted: 2, updated: 1 });
    const ids = await providerIds(a.accountId);
    expect(ids).not.toContain("old-succeeded");
    expect(ids).toEqual(expect.arrayContaining(["running-old", "still-going-from-before", "new-recent"]));
  });

  it("is due when a retention is set or a new UTC day begins, not again the same day", async () => {
    expect(await accountsDueForPurge(NOW)).toEqual([]);
    expect(await accountsDueForPurge(new Date(NOW.getTime() + DAY))).toEqual([a.accountId]);
    await db().cloudAccount.update({ where: { id: b.accountId }, data: { retentionDays: 7 } });
    expect(await accountsDueForPurge(NOW)).toEqual([b.accountId]);
    await db().cloudAccount.update({ where: { id: b.accountId }, data: { retentionDays: null } });
  });
});

describe("two purges at once", () => {
  it("never delete a run twice nor deadlock, with or without the account lock", { timeout: 60_000 }, async () => {
    const c = await seedJob("lab-c");
    const old = (n: number, prefix: string) => Array.from({ length: n }, (_, i): RunSeed => ({ providerId: `${prefix}-${i}`, startedAt: new Date(at("2026-02-01T00:00:00Z").getTime() + i * 60_000) }));
    await insertRuns(c, old(40, "first"));
    await db().cloudAccount.update({ where: { id: c.accountId }, data: { retentionDays: 30 } });
    // Both delete at once (SKIP LOCKED): each row goes exactly once.
    const both = await Promise.all([purgeAccount(c.accountId, { now: NOW, batchRows: 5 }), purgeAccount(c.accountId, { now: NOW, batchRows: 5 })]);
    expect(both[0].deleted + both[1].deleted).toBe(40);
    expect(await db().execution.count({ where: { accountId: c.accountId } })).toBe(0);

    // Through the worker's entry point: a purge finds the account's lock taken (a sync, another purge) and leaves it.
    await insertRuns(c, old(3, "second"));
    let release!: () => void;
    const held = whileHoldingAccountLock(url, c.accountId, () => new Promise<void>((resolve) => (release = resolve)), () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await purgeUnderLock(url, c.accountId, () => undefined)).toBeNull();
    release();
    await held;
    expect((await purgeUnderLock(url, c.accountId, () => undefined))?.deleted).toBe(3);
  });
});
