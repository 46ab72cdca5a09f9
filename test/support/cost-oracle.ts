import { db } from "@/lib/db/client";
import { grantHolderKey } from "@/lib/usage/grant-holder";
import { billingRules, effectivePrice, perMillisecondScaled, type PriceOverride } from "@/lib/usage/price-book";
import type { Meter } from "@/lib/usage/price-types";
import { runCosts } from "@/lib/usage/run-cost";

// Every run's cost recomputed in TypeScript (lib/usage/run-cost.ts) from the raw executions, and every
// job-day's cost from those: what lib/usage/reprice.ts must have stored.

export async function recomputedCosts(): Promise<Record<string, string | null>> {
  const overrides = (await db().priceOverride.findMany()).map((o) => ({ ...o, meter: o.meter as Meter }) satisfies PriceOverride);
  const runs = await db().execution.findMany({
    select: { id: true, startedAt: true, endedAt: true, milliVcpu: true, memoryMiB: true, job: { select: { region: true, cpuArchitecture: true } }, account: { select: { id: true, cloud: true, billingGroup: true } } },
  });
  const rate = (cloud: (typeof runs)[number]["account"]["cloud"], meter: Meter, job: (typeof runs)[number]["job"]) =>
    perMillisecondScaled(effectivePrice(cloud, meter, job.region, job.cpuArchitecture, overrides)!);
  const costs = runCosts(
    runs.map((r) => ({
      id: r.id, holder: `${r.account.cloud} ${grantHolderKey(r.account)}`, startedAt: r.startedAt, endedAt: r.endedAt, milliVcpu: r.milliVcpu, memoryMiB: r.memoryMiB,
      vcpuRate: rate(r.account.cloud, "vcpu-second", r.job), gibRate: rate(r.account.cloud, "gib-second", r.job), rules: billingRules(r.account.cloud),
    })),
  );
  return Object.fromEntries([...costs].map(([id, c]) => [id, c === null ? null : c.toString()]).sort());
}

export async function storedCosts(): Promise<Record<string, string | null>> {
  const runs = await db().execution.findMany({ select: { id: true, costMicros: true } });
  return Object.fromEntries(runs.map((r) => [r.id, r.costMicros === null ? null : r.costMicros.toString()]).sort());
}

/** job-day → cost, from the stored runs' costs (days with no cost left out) and from the rollups. */
export async function rollupCosts(): Promise<{ stored: Record<string, string>; fromRuns: Record<string, string> }> {
  const rows = await db().jobDailyRollup.findMany({ select: { jobId: true, day: true, costMicros: true } });
  const stored = Object.fromEntries(rows.filter((r) => r.costMicros !== 0n).map((r) => [`${r.jobId} ${r.day.toISOString().slice(0, 10)}`, r.costMicros.toString()]).sort());
  const runs = await db().execution.findMany({ where: { costMicros: { not: null } }, select: { jobId: true, startedAt: true, costMicros: true } });
  const sums = new Map<string, bigint>();
  for (const r of runs) {
    const key = `${r.jobId} ${r.startedAt!.toISOString().slice(0, 10)}`;
    sums.set(key, (sums.get(key) ?? 0n) + r.costMicros!);
  }
  const fromRuns = Object.fromEntries([...sums].filter(([, c]) => c !== 0n).map(([k, c]) => [k, c.toString()]).sort());
  return { stored, fromRuns };
}
