import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { LAST_BUCKET, medianMs } from "@/lib/catalog/duration-buckets";

// The Jobs screen's 30-day figures per job, from job_daily_rollups (lib/catalog/rollups.ts): at most
// 30 rows per job, whatever the history's size.

export const RECENT_DAYS = 30;

/**
 * SQL: the duration histograms of the rollup rows aliased `r` in a group, summed bucket by bucket into one
 * array (element i + 1 counts bucket i). One aggregate per bucket reads each row once; unnesting every
 * row's array into a row per bucket first was four times slower (30 days × 97 buckets per job).
 */
export const SUMMED_BUCKETS = Prisma.raw(`ARRAY[${Array.from({ length: LAST_BUCKET + 1 }, (_, i) => `sum(r.duration_buckets[${i + 1}])`).join(", ")}]::int[]`);

/** The first of the RECENT_DAYS UTC days the figures cover, today being the last. */
export function recentSince(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (RECENT_DAYS - 1)));
}

export interface RecentRuns {
  runs: number;
  succeeded: number;
  failed: number;
  stopped: number;
  /** succeeded ÷ (succeeded + failed): a stopped run was ended by someone, not by the job. Null with neither. */
  successRate: number | null;
  /** Median duration of the succeeded runs, within 9 % (lib/catalog/duration-buckets.ts); null with none. */
  medianMs: number | null;
}

/** The runs started in the last RECENT_DAYS UTC days (today included) of each job. */
export async function recentRunsByJob(jobIds: readonly string[], now: Date): Promise<Map<string, RecentRuns>> {
  const since = recentSince(now);
  const ids = [...jobIds];
  const [counts, buckets] = await Promise.all([
    db().$queryRaw<{ job_id: string; runs: number; succeeded: number; failed: number; stopped: number }[]>`
      SELECT r.job_id, sum(r.runs)::int AS runs, sum(r.succeeded)::int AS succeeded, sum(r.failed)::int AS failed, sum(r.stopped)::int AS stopped
      FROM job_daily_rollups r
      WHERE r.job_id = ANY(${ids}::text[]) AND r.day >= ${since}::date AND r.runs > 0
      GROUP BY r.job_id`,
    db().$queryRaw<{ job_id: string; buckets: (number | null)[] }[]>`
      SELECT r.job_id, ${SUMMED_BUCKETS} AS buckets
      FROM job_daily_rollups r
      WHERE r.job_id = ANY(${ids}::text[]) AND r.day >= ${since}::date
      GROUP BY r.job_id`,
  ]);
  const histograms = new Map<string, Map<number, number>>();
  for (const b of buckets) {
    const histogram = new Map<number, number>();
    b.buckets.forEach((n, bucket) => {
      if (n) histogram.set(bucket, n);
    });
    histograms.set(b.job_id, histogram);
  }
  return new Map(
    counts.map((c) => {
      const decided = c.succeeded + c.failed;
      const recent: RecentRuns = {
        runs: c.runs,
        succeeded: c.succeeded,
        failed: c.failed,
        stopped: c.stopped,
        successRate: decided === 0 ? null : c.succeeded / decided,
        medianMs: medianMs(histograms.get(c.job_id) ?? new Map()),
      };
      return [c.job_id, recent];
    }),
  );
}
