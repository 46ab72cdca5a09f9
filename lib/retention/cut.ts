import { Prisma } from "@/lib/db/generated/client";

// What a retention removes, in one place for the purge, its preview and the export of "what it would
// remove", so the runs an owner downloads before saving are exactly the runs the purge deletes.
//
// The cut is the UTC midnight at or before now − retention, not the instant itself: whole UTC days are
// purged, and a purged run has ended before the cut, so every per-job daily rollup it counted in
// (its start day, and the 1st of each later month it ran into) is a day before the cut. Those rollups are
// then kept as they are (lib/catalog/rollups.ts skips days before cloud_accounts.purged_before), and the
// job stats and the usage page keep counting purged days.

export const RETENTION_MIN_DAYS = 7;
export const RETENTION_MAX_DAYS = 3650;
const DAY_MS = 24 * 3600 * 1000;

/** The UTC midnight at or before `now` − `days`: runs that ended before it are removed. */
export function retentionCut(days: number, now: Date = new Date()): Date {
  return new Date(Math.floor((now.getTime() - days * DAY_MS) / DAY_MS) * DAY_MS);
}

/**
 * Runs that have a start and ended (or, never ended, started) before `cut`, as a condition on the
 * executions table aliased `e`. Runs still going (running, queued) are never removed. An index range
 * of (account_id, started_at DESC, id DESC).
 */
export function datedBefore(cut: Date): Prisma.Sql {
  return Prisma.sql`e.started_at < ${cut} AND coalesce(e.ended_at, e.started_at) < ${cut} AND e.status NOT IN ('running', 'queued')`;
}

/** Runs with no start time that ended (or, never ended, were first seen) before `cut`, not going. */
export function undatedBefore(cut: Date): Prisma.Sql {
  return Prisma.sql`e.started_at IS NULL AND coalesce(e.ended_at, e.created_at) < ${cut} AND e.status NOT IN ('running', 'queued')`;
}

export interface PurgeSpan {
  runs: number;
  /** The earliest start (or first sighting) and the latest end among them; null when there are none. */
  from: Date | null;
  to: Date | null;
}

type Reader = Pick<Prisma.TransactionClient, "$queryRaw">;

/** How many of the account's runs a purge at `cut` removes, and the time span they cover. */
export async function purgeSpan(client: Reader, accountId: string, cut: Date): Promise<PurgeSpan> {
  // Two branches, not one OR, so each reads its own index range instead of the planner scanning the table.
  const [row] = await client.$queryRaw<{ runs: number; from: Date | null; to: Date | null }[]>`
    SELECT count(*)::int AS runs, min(r.first_seen) AS "from", max(r.last_seen) AS "to" FROM (
      SELECT e.started_at AS first_seen, coalesce(e.ended_at, e.started_at) AS last_seen
      FROM executions e WHERE e.account_id = ${accountId} AND ${datedBefore(cut)}
      UNION ALL
      SELECT e.created_at, coalesce(e.ended_at, e.created_at)
      FROM executions e WHERE e.account_id = ${accountId} AND ${undatedBefore(cut)}) r`;
  return { runs: row?.runs ?? 0, from: row?.from ?? null, to: row?.to ?? null };
}
