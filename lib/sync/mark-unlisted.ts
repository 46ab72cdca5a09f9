import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { lockRollups, refreshRollups } from "@/lib/catalog/rollups";

// A run the catalog holds as going that the cloud no longer lists. Every adapter lists the runs still
// going whatever the watermark (lib/sync/watermark.ts), so a complete listing without one means the
// cloud forgot it: the clouds keep a bounded history (a number of runs per job, or stopped runs for an
// hour; each adapter's listExecutions cites its cloud), and a worker down longer than that never sees
// the end. Held as running, it would count as running on every screen and in the live usage forever,
// and pin the watermark to its start. It becomes `unknown`, which says what Batchdeck knows; if the
// cloud lists it again, the sync writes what the cloud says.

/**
 * The account's runs the catalog holds as going, of jobs the cloud still lists (runs of a gone job are
 * listed no more), as `executions e`: the runs the next listing must return, which also hold back the
 * watermark (lib/sync/sync-account.ts runsGoing).
 */
export function goingRunsOf(accountId: string): Prisma.Sql {
  return Prisma.sql`executions e JOIN jobs j ON j.id = e.job_id
    WHERE e.account_id = ${accountId} AND e.status IN ('running', 'queued') AND j.gone_at IS NULL`;
}

/** What the execution page shows as the cloud's status of such a run. */
export const UNLISTED_STATUS = "no longer listed by the cloud";

/**
 * A run started from Batchdeck is stored as soon as the cloud accepts it, and a cloud may list a new run
 * a little later (listings are eventually consistent): younger rows are left for the next sync.
 */
const GRACE_MS = 5 * 60_000;

/** Marks the account's going runs of live jobs absent from a complete listing as unknown; returns how many. */
export async function markUnlistedRuns(accountId: string, listed: ReadonlySet<string>, listingStartedAt: Date): Promise<number> {
  return db().$transaction(async (tx) => {
    const candidates = await tx.$queryRaw<{ id: string; job_id: string; provider_id: string }[]>`
      SELECT e.id, e.job_id, e.provider_id FROM ${goingRunsOf(accountId)} AND e.created_at < ${new Date(listingStartedAt.getTime() - GRACE_MS)}`;
    const unlisted = candidates.filter((c) => !listed.has(c.provider_id));
    if (unlisted.length === 0) return 0;
    // As every writer of runs: the jobs' rollup locks first, then the write, then the refresh.
    await lockRollups(tx, unlisted.map((u) => u.job_id));
    const written = await tx.$queryRaw<{ job_id: string; started_at: Date | null; ended_at: Date | null }[]>`
      UPDATE executions SET status = 'unknown', provider_status = ${UNLISTED_STATUS}, updated_at = now()
      WHERE id = ANY(${unlisted.map((u) => u.id)}::text[]) AND status IN ('running', 'queued')
      RETURNING job_id, started_at, ended_at`;
    await refreshRollups(tx, written.map((w) => ({ jobId: w.job_id, startedAt: w.started_at, endedAt: w.ended_at })));
    return written.length;
  });
}
