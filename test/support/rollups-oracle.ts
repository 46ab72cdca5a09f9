import { db } from "@/lib/db/client";
import { bucketOf } from "@/lib/catalog/duration-buckets";
import { FREE_TIERS } from "@/lib/usage/free-tiers";
import { runUsage } from "@/lib/usage/compute";

// job_daily_rollups recomputed in TypeScript from every raw execution, by the rule the table documents
// (prisma/schema.prisma): counts and durations by the UTC day a run started; each ended run's usage per
// UTC month it overlaps (lib/usage/compute.ts's runUsage), on the day its part in that month begins.

export interface RollupRow {
  jobId: string;
  day: string;
  accountId: string;
  runs: number;
  succeeded: number;
  failed: number;
  stopped: number;
  durationBuckets: number[];
  usageRuns: number;
  vcpuMilliSeconds: number;
  vcpuUnknownRuns: number;
  gibMilliSeconds: number;
  gibUnknownRuns: number;
  /** The sum of the day's runs' stored costs (lib/usage/reprice.ts keeps both). */
  costMicros: number;
}

const utcDay = (at: Date) => at.toISOString().slice(0, 10);

function emptyRow(jobId: string, day: string, accountId: string): RollupRow {
  return { jobId, day, accountId, runs: 0, succeeded: 0, failed: 0, stopped: 0, durationBuckets: [], usageRuns: 0, vcpuMilliSeconds: 0, vcpuUnknownRuns: 0, gibMilliSeconds: 0, gibUnknownRuns: 0, costMicros: 0 };
}

export async function recomputedRollups(): Promise<RollupRow[]> {
  const runs = await db().execution.findMany({ select: { jobId: true, status: true, startedAt: true, endedAt: true, milliVcpu: true, memoryMiB: true, costMicros: true, job: { select: { accountId: true, account: { select: { cloud: true } } } } } });
  const rows = new Map<string, RollupRow>();
  const at = (jobId: string, day: string, accountId: string) => {
    const key = `${jobId} ${day}`;
    if (!rows.has(key)) rows.set(key, emptyRow(jobId, day, accountId));
    return rows.get(key)!;
  };
  for (const run of runs) {
    if (!run.startedAt) continue;
    const row = at(run.jobId, utcDay(run.startedAt), run.job.accountId);
    row.runs += 1;
    row.costMicros += Number(run.costMicros ?? 0n);
    if (run.status === "succeeded" || run.status === "failed" || run.status === "stopped") row[run.status] += 1;
    if (run.status === "succeeded" && run.endedAt) {
      const bucket = bucketOf(run.endedAt.getTime() - run.startedAt.getTime());
      while (row.durationBuckets.length <= bucket) row.durationBuckets.push(0);
      row.durationBuckets[bucket]! += 1;
    }
    if (!run.endedAt) continue;
    const step = FREE_TIERS[run.job.account.cloud]?.roundingMs ?? 1000;
    for (let month = Date.UTC(run.startedAt.getUTCFullYear(), run.startedAt.getUTCMonth(), 1); month < run.endedAt.getTime(); ) {
      const from = new Date(month);
      const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
      const usage = runUsage(run, from, to, step);
      if (usage) {
        const part = at(run.jobId, utcDay(new Date(Math.max(run.startedAt.getTime(), month))), run.job.accountId);
        part.usageRuns += 1;
        if (usage.vcpuMilliSeconds === null) part.vcpuUnknownRuns += 1;
        else part.vcpuMilliSeconds += usage.vcpuMilliSeconds;
        if (usage.gibMilliSeconds === null) part.gibUnknownRuns += 1;
        else part.gibMilliSeconds += usage.gibMilliSeconds;
      }
      month = to.getTime();
    }
  }
  return [...rows.values()].sort(byKey);
}

function byKey(a: { jobId: string; day: string }, b: { jobId: string; day: string }): number {
  return a.jobId === b.jobId ? a.day.localeCompare(b.day) : a.jobId.localeCompare(b.jobId);
}

export async function storedRollups(): Promise<RollupRow[]> {
  const rows = await db().jobDailyRollup.findMany();
  return rows
    .map((r) => ({ ...r, day: utcDay(r.day), vcpuMilliSeconds: Number(r.vcpuMilliSeconds), gibMilliSeconds: Number(r.gibMilliSeconds), costMicros: Number(r.costMicros) }))
    .sort(byKey);
}

const byMonthKey = (a: MonthlyRollupRow, b: MonthlyRollupRow) => byKey({ jobId: a.jobId, day: a.month }, { jobId: b.jobId, day: b.month });

export interface MonthlyRollupRow {
  jobId: string;
  /** The month's first day, YYYY-MM-DD. */
  month: string;
  accountId: string;
  days: number;
  runs: number;
  costMicros: number;
}

/** job_monthly_rollups by its rule (prisma/schema.prisma): per job and UTC month, how many daily rows, and their runs and cost summed. */
export function monthlyOf(daily: readonly RollupRow[]): MonthlyRollupRow[] {
  const months = new Map<string, MonthlyRollupRow>();
  for (const d of daily) {
    const month = `${d.day.slice(0, 7)}-01`;
    const key = `${d.jobId} ${month}`;
    const row = months.get(key) ?? { jobId: d.jobId, month, accountId: d.accountId, days: 0, runs: 0, costMicros: 0 };
    row.days += 1;
    row.runs += d.runs;
    row.costMicros += d.costMicros;
    months.set(key, row);
  }
  return [...months.values()].sort(byMonthKey);
}

export async function storedMonthlyRollups(): Promise<MonthlyRollupRow[]> {
  const rows = await db().jobMonthlyRollup.findMany();
  return rows
    .map((r) => ({ ...r, month: utcDay(r.month), costMicros: Number(r.costMicros) }))
    .sort(byMonthKey);
}
