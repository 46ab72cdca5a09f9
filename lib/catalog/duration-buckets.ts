// Run durations kept as a histogram over fixed log-scale buckets, so a median over any set of days is a
// sum of per-day counts, never a pass over raw executions. Bucket 0 holds runs under 1 s; bucket i ≥ 1
// holds durations in [2^((i-1)/4), 2^(i/4)) seconds, four buckets per doubling; the last bucket holds
// everything from 2^((LAST-1)/4) s (about 137 days) up. The median read back is the geometric middle of
// its bucket, so it is within a factor 2^(1/8) of the true median: off by at most 9 %.

export const BUCKETS_PER_DOUBLING = 4;
export const LAST_BUCKET = 96;

/** Bucket i ≥ 1 starts at THRESHOLDS_MS[i - 1]: whole milliseconds, so SQL and TypeScript agree exactly. */
const THRESHOLDS_MS = Array.from({ length: LAST_BUCKET }, (_, i) => Math.round(1000 * 2 ** (i / BUCKETS_PER_DOUBLING)));

/** SQL: the bucket of a duration given as an expression in milliseconds: how many thresholds it reaches (a binary search). */
export function bucketSql(durationMs: string): string {
  return `width_bucket(${durationMs}, '{${THRESHOLDS_MS.join(",")}}'::numeric[])`;
}

export function bucketOf(durationMs: number): number {
  return THRESHOLDS_MS.filter((t) => t <= durationMs).length;
}

/** The median duration in ms of runs counted by bucket (counts[i] runs in bucket i); null when there are none. */
export function medianMs(counts: ReadonlyMap<number, number>): number | null {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.ceil(total / 2); // the lower median: a run that happened
  let seen = 0;
  for (const bucket of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(bucket)!;
    if (seen >= rank) return bucket === 0 ? 500 : Math.round(1000 * 2 ** ((bucket - 0.5) / BUCKETS_PER_DOUBLING));
  }
  return null;
}
