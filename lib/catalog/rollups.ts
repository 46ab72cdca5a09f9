import { Prisma } from "@/lib/db/generated/client";
import { bucketSql } from "./duration-buckets";
import { billedTimeSql, usageSumsSql } from "@/lib/usage/usage-sql";

// job_daily_rollups (prisma/schema.prisma says what a row holds) kept right by recomputing, from raw
// executions, every (job, day) a written run touched before and after the write, in the writer's own
// transaction. Only touched keys are recomputed, each an index range of one job's runs of one day; the
// 1st of a month also reads that job's older runs still going into the month (an index range of the
// job's history before the day), which is what a run crossing a month boundary needs.
// Writers lock the jobs first (lockRollups), then write, then refresh: two writers of one job's runs take
// turns, so the old values a writer reads are current and the last refresh sees every committed write.
// Days before an account's purged_before (lib/retention/cut.ts) are never recomputed: their runs were
// purged, and the rollups are what is left of them.

/** A run's place in the rollups: which job, when it started and ended. */
export interface RunSpan {
  jobId: string;
  startedAt: Date | null;
  endedAt: Date | null;
}

export type RollupClient = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

const COLUMNS = `job_id, day, account_id, runs, succeeded, failed, stopped, duration_buckets,
  usage_runs, vcpu_milli_seconds, vcpu_unknown_runs, gib_milli_seconds, gib_unknown_runs`;

const RUN_COLUMNS = "e.job_id, e.account_id, e.status, e.started_at, e.ended_at, e.milli_vcpu, e.memory_mib";

const dayStart = (day: string) => `(${day}::timestamp AT TIME ZONE 'UTC')`;
const monthStart = (day: string) => `(date_trunc('month', ${day}::timestamp) AT TIME ZONE 'UTC')`;
const monthEnd = (day: string) => `((date_trunc('month', ${day}::timestamp) + interval '1 month') AT TIME ZONE 'UTC')`;

/**
 * The CTEs that turn `started` (runs with the UTC day they started, as `day`) and `portions` (ended runs
 * with the day their part in a month begins) into `rollup_rows`, one row per (job, day) with anything in it.
 */
const ROWS_CTES = `
rollup_stats AS (
  SELECT s.job_id, s.day, count(*)::int AS runs, (count(*) FILTER (WHERE s.status = 'succeeded'))::int AS succeeded,
         (count(*) FILTER (WHERE s.status = 'failed'))::int AS failed, (count(*) FILTER (WHERE s.status = 'stopped'))::int AS stopped
  FROM started s GROUP BY s.job_id, s.day),
rollup_hist AS (
  SELECT h.job_id, h.day, max(h.bucket) AS top, jsonb_object_agg(h.bucket, h.n) AS counts
  FROM (SELECT s.job_id, s.day, ${bucketSql("(extract(epoch FROM s.ended_at - s.started_at) * 1000)")} AS bucket, count(*) AS n
        FROM started s WHERE s.status = 'succeeded' AND s.ended_at IS NOT NULL GROUP BY 1, 2, 3) h
  GROUP BY h.job_id, h.day),
rollup_usage AS (
  SELECT p.job_id, p.day, ${usageSumsSql("p")}
  FROM portions p JOIN cloud_accounts a ON a.id = p.account_id
  ${billedTimeSql("p", "a", monthStart("p.day"), monthEnd("p.day"))}
  WHERE p.ended_at IS NOT NULL AND t.ms > 0
  GROUP BY p.job_id, p.day),
rollup_rows AS (
  SELECT k.job_id, k.day, j.account_id, coalesce(s.runs, 0) AS runs, coalesce(s.succeeded, 0) AS succeeded,
         coalesce(s.failed, 0) AS failed, coalesce(s.stopped, 0) AS stopped,
         array(SELECT coalesce((h.counts ->> g::text)::int, 0) FROM generate_series(0, h.top) g ORDER BY g) AS duration_buckets,
         coalesce(u.usage_runs, 0) AS usage_runs, coalesce(u.vcpu_milli_seconds, 0) AS vcpu_milli_seconds,
         coalesce(u.vcpu_unknown_runs, 0) AS vcpu_unknown_runs, coalesce(u.gib_milli_seconds, 0) AS gib_milli_seconds,
         coalesce(u.gib_unknown_runs, 0) AS gib_unknown_runs
  FROM (SELECT job_id, day FROM rollup_stats UNION SELECT job_id, day FROM rollup_usage) k
  JOIN jobs j ON j.id = k.job_id
  LEFT JOIN rollup_stats s ON s.job_id = k.job_id AND s.day = k.day
  LEFT JOIN rollup_hist h ON h.job_id = k.job_id AND h.day = k.day
  LEFT JOIN rollup_usage u ON u.job_id = k.job_id AND u.day = k.day)`;

/** Later months a run reaches, for a run aliased `r`: the 1st of each, as timestamps (none while it runs). */
const laterMonths = (r: string) =>
  `generate_series(date_trunc('month', ${r}.started_at AT TIME ZONE 'UTC') + interval '1 month', ${r}.ended_at AT TIME ZONE 'UTC', interval '1 month')`;

/** Every rollup from every execution in one INSERT … SELECT … GROUP BY: for a bulk load (the bench seed) into an empty table. */
export const REBUILD_ROLLUPS_SQL = `
WITH started AS (
  SELECT ${RUN_COLUMNS}, (e.started_at AT TIME ZONE 'UTC')::date AS day FROM executions e WHERE e.started_at IS NOT NULL),
portions AS (
  SELECT * FROM started WHERE ended_at IS NOT NULL
  UNION ALL
  SELECT s.job_id, s.account_id, s.status, s.started_at, s.ended_at, s.milli_vcpu, s.memory_mib, m::date
  FROM started s CROSS JOIN LATERAL ${laterMonths("s")} m WHERE s.ended_at IS NOT NULL),
${ROWS_CTES}
INSERT INTO job_daily_rollups (${COLUMNS}) SELECT ${COLUMNS} FROM rollup_rows`;

/** Takes the jobs' rollup locks for this transaction, in one order so two writers never deadlock. */
export async function lockRollups(tx: RollupClient, jobIds: readonly string[]): Promise<void> {
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(hashtext('batchdeck.job-rollups'), hashtext(s.id)))::int AS locked
    FROM (SELECT DISTINCT id FROM unnest(${[...jobIds]}::text[]) AS u(id) ORDER BY id) s`;
}

/**
 * The (job, UTC day) keys the runs touch: the day each started, and the 1st of each later month up to its
 * end (laterMonths, as SQL). Worked out here so Postgres is handed the keys themselves and plans for
 * their true number: from a JSON list it assumed thousands, and deleted emptied days by reading every
 * rollup.
 */
function rollupKeys(spans: readonly RunSpan[]): { jobIds: string[]; days: string[] } {
  const keys = new Map<string, { jobId: string; day: string }>();
  const add = (jobId: string, at: number) => {
    const day = new Date(at).toISOString().slice(0, 10);
    keys.set(`${jobId} ${day}`, { jobId, day });
  };
  for (const s of spans) {
    if (!s.startedAt) continue;
    add(s.jobId, s.startedAt.getTime());
    for (let later = 1; s.endedAt; later++) {
      const first = Date.UTC(s.startedAt.getUTCFullYear(), s.startedAt.getUTCMonth() + later, 1);
      if (first > s.endedAt.getTime()) break;
      add(s.jobId, first);
    }
  }
  return { jobIds: [...keys.values()].map((k) => k.jobId), days: [...keys.values()].map((k) => k.day) };
}

/** Recomputes every (job, day) the runs touch, given each written run as it was before and as it is after the write. */
export async function refreshRollups(tx: RollupClient, spans: readonly RunSpan[]): Promise<void> {
  const { jobIds, days } = rollupKeys(spans);
  if (jobIds.length === 0) return;
  await tx.$executeRaw`
    WITH keys AS (
      SELECT k.job_id, k.day FROM unnest(${jobIds}::text[], ${days}::date[]) AS k(job_id, day)
      JOIN jobs kj ON kj.id = k.job_id JOIN cloud_accounts ka ON ka.id = kj.account_id
      WHERE ka.purged_before IS NULL OR k.day >= (ka.purged_before AT TIME ZONE 'UTC')::date),
    bounds AS (
      SELECT k.job_id, j.account_id, k.day, ${Prisma.raw(dayStart("k.day"))} AS day_start, ${Prisma.raw(dayStart("(k.day + 1)"))} AS day_end,
             k.day = date_trunc('month', k.day::timestamp)::date AS month_first
      FROM keys k JOIN jobs j ON j.id = k.job_id),
    -- Per key, index ranges (LATERAL, so a misjudged count of keys cannot turn them into a scan of every
    -- execution): the job's runs that started that day; on a 1st, the account's runs that ended after
    -- it began, of those the job's that started before.
    started AS (
      SELECT ${Prisma.raw(RUN_COLUMNS)}, b.day FROM bounds b
      CROSS JOIN LATERAL (SELECT * FROM executions e WHERE e.job_id = b.job_id AND e.started_at >= b.day_start AND e.started_at < b.day_end) e),
    portions AS (
      SELECT * FROM started WHERE ended_at IS NOT NULL
      UNION ALL
      SELECT ${Prisma.raw(RUN_COLUMNS)}, b.day FROM bounds b
      CROSS JOIN LATERAL (SELECT * FROM executions e WHERE b.month_first AND e.account_id = b.account_id AND e.ended_at > b.day_start
        AND e.started_at < b.day_start AND e.job_id = b.job_id) e),
    ${Prisma.raw(ROWS_CTES.trim())},
    emptied AS (
      DELETE FROM job_daily_rollups r USING keys k
      WHERE r.job_id = k.job_id AND r.day = k.day AND NOT EXISTS (SELECT 1 FROM rollup_rows w WHERE w.job_id = k.job_id AND w.day = k.day))
    INSERT INTO job_daily_rollups (${Prisma.raw(COLUMNS)}) SELECT ${Prisma.raw(COLUMNS)} FROM rollup_rows
    ON CONFLICT (job_id, day) DO UPDATE SET account_id = excluded.account_id, runs = excluded.runs, succeeded = excluded.succeeded,
      failed = excluded.failed, stopped = excluded.stopped, duration_buckets = excluded.duration_buckets, usage_runs = excluded.usage_runs,
      vcpu_milli_seconds = excluded.vcpu_milli_seconds, vcpu_unknown_runs = excluded.vcpu_unknown_runs,
      gib_milli_seconds = excluded.gib_milli_seconds, gib_unknown_runs = excluded.gib_unknown_runs`;
}
