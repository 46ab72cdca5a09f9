import type { ExecutionStatus } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/client";
import { accountHealth } from "@/lib/catalog/account-health";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";
import { batchesByJob } from "./batches";
import { recentRunsByJob } from "./job-stats";

// Dashboard reads: one function per screen, selecting only what the screen shows.

/**
 * The Jobs screen: each job with its triggers, its latest started run and the batches its runs carried
 * (for its run form). Three queries whatever the history's size: the latest run is one index probe per
 * job (LATERAL … LIMIT 1 on (job_id, started_at DESC, id DESC)), the batches a loose index scan, the
 * 30-day success rate and median duration a sum of the jobs' daily rollups.
 */
export async function jobsOverview(actor: Actor, now = new Date()) {
  assertCan(actor, "catalog:read");
  const jobs = await db().job.findMany({
    where: { goneAt: null },
    orderBy: [{ name: "asc" }],
    take: 200,
    select: {
      id: true,
      name: true,
      kind: true,
      image: true,
      account: { select: { id: true, name: true, cloud: true, syncState: true, lastSyncedAt: true, lastErrorKind: true, lastError: true } },
      triggers: { orderBy: { providerId: "asc" }, select: { id: true, kind: true, expression: true, batch: true, enabled: true } },
    },
  });
  const ids = jobs.map((j) => j.id);
  const [latest, batches, recent] = await Promise.all([
    db().$queryRaw<{ job_id: string; status: ExecutionStatus; started_at: Date }[]>`
      SELECT j.id AS job_id, l.status, l.started_at
      FROM unnest(${ids}::text[]) AS j(id)
      CROSS JOIN LATERAL (
        SELECT e.status, e.started_at FROM executions e
        WHERE e.job_id = j.id AND e.started_at IS NOT NULL
        ORDER BY e.started_at DESC, e.id DESC LIMIT 1
      ) l`,
    batchesByJob(ids),
    recentRunsByJob(ids, now),
  ]);
  const lastRun = new Map(latest.map((r) => [r.job_id, { status: r.status, startedAt: r.started_at }]));
  return jobs.map(({ account: { syncState, lastSyncedAt, lastErrorKind, lastError, ...account }, ...job }) => ({
    ...job,
    // A cloud in trouble says so on its jobs too (lib/catalog/account-health.ts), while the others read as usual.
    account: { ...account, health: accountHealth({ syncState, lastSyncedAt, lastErrorKind, lastError }, now) },
    lastRun: lastRun.get(job.id) ?? null,
    recent: recent.get(job.id) ?? null,
    batches: batches.get(job.id) ?? [],
  }));
}

export async function cloudAccounts(actor: Actor) {
  assertCan(actor, "catalog:read");
  return db().cloudAccount.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, cloud: true, isDemo: true, readOnly: true, deletedAt: true, settings: true, endpoints: true, syncState: true, lastSyncedAt: true, lastError: true, retentionDays: true, billingGroup: true, _count: { select: { jobs: true } } },
  });
}
