import { FREE_TIERS } from "./free-tiers";

// lib/usage/compute.ts's runUsage and addRun as SQL text, shared by the usage screen's live part
// (runs not ended yet) and the per-job daily rollups (lib/catalog/rollups.ts), so both round alike.
// Only code constants are spliced in (cloud names and millisecond steps), never input.

/** The cloud's billing step in ms, for a cloud_accounts row aliased `account`. */
export function roundingStepSql(account: string): string {
  const cases = Object.entries(FREE_TIERS).map(([cloud, tier]) => `WHEN '${cloud}' THEN ${tier?.roundingMs ?? 1000}`);
  return `CASE ${account}.cloud::text ${cases.join(" ")} ELSE 1000 END`;
}

/**
 * Lateral joins naming `t.ms` (the run's time in the window, in ms) and `b.billed_ms` (rounded up to the
 * step) for a run aliased `run` clipped to [from, to), given as SQL timestamptz expressions.
 */
export function billedTimeSql(run: string, account: string, from: string, to: string): string {
  return `CROSS JOIN LATERAL (
      SELECT extract(epoch FROM least(coalesce(${run}.ended_at, ${to}), ${to}) - greatest(${run}.started_at, ${from})) * 1000 AS ms,
             ${roundingStepSql(account)} AS step
    ) t
    CROSS JOIN LATERAL (SELECT (ceil(t.ms / t.step) * t.step)::bigint AS billed_ms) b`;
}

/** The aggregates over runs joined with billedTimeSql: run count, vCPU-ms and GiB-ms rounded up per run, unknown allocations apart. */
export function usageSumsSql(run: string): string {
  return `count(*)::int AS usage_runs,
           coalesce(sum((${run}.milli_vcpu * b.billed_ms + 999) / 1000), 0)::bigint AS vcpu_milli_seconds,
           (count(*) FILTER (WHERE ${run}.milli_vcpu IS NULL))::int AS vcpu_unknown_runs,
           coalesce(sum((${run}.memory_mib * b.billed_ms + 1023) / 1024), 0)::bigint AS gib_milli_seconds,
           (count(*) FILTER (WHERE ${run}.memory_mib IS NULL))::int AS gib_unknown_runs`;
}
