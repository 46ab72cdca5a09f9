import { db } from "@/lib/db/client";
import { FREE_TIERS, type FreeTier } from "@/lib/usage/free-tiers";
import { addRun, exhaustionDate, forecastToMonthEnd, NO_USAGE, runUsage, utcMonth, type QuantityTotal, type UsageTotals } from "@/lib/usage/compute";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";

// The Usage screen: each account's month-to-date compute against its free grant, computed from the
// catalog's executions (their start, end and allocation), with a projection to the end of the month.

export interface Meter {
  used: number;
  grant: number | null;
  forecast: number;
  /** When the grant runs out at this month's pace; null if it lasts the month. */
  exhaustedAt: string | null;
  /** Runs this month whose allocation of this quantity the cloud did not report: not in `used`. */
  unknownRuns: number;
}

export interface AccountUsage {
  id: string;
  name: string;
  cloud: "azure" | "aws" | "gcp";
  isDemo: boolean;
  runs: number;
  tier: FreeTier | null;
  vcpuSeconds: Meter;
  gibSeconds: Meter;
}

function meter(total: QuantityTotal, grant: number | null, now: Date): Meter {
  const used = total.milliSeconds / 1000;
  const exhausted = grant === null ? null : exhaustionDate(used, grant, now);
  return { used, grant, forecast: forecastToMonthEnd(used, now), exhaustedAt: exhausted?.toISOString() ?? null, unknownRuns: total.unknownRuns };
}

export async function monthToDateUsage(actor: Actor, now = new Date()) {
  assertCan(actor, "catalog:read");
  const { start } = utcMonth(now);
  const [accounts, runs] = await Promise.all([
    db().cloudAccount.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, cloud: true, isDemo: true } }),
    db().execution.findMany({
      where: { startedAt: { lt: now }, OR: [{ endedAt: null }, { endedAt: { gte: start } }] },
      select: { accountId: true, startedAt: true, endedAt: true, milliVcpu: true, memoryMiB: true },
    }),
  ]);
  const totals = new Map<string, UsageTotals>();
  const cloudOf = new Map(accounts.map((a) => [a.id, a.cloud]));
  for (const run of runs) {
    const cloud = cloudOf.get(run.accountId);
    if (!cloud) continue;
    const usage = runUsage(run, start, now, FREE_TIERS[cloud]?.roundingMs ?? 1000);
    if (usage) totals.set(run.accountId, addRun(totals.get(run.accountId) ?? NO_USAGE, usage));
  }
  return {
    monthStart: start,
    accounts: accounts.map((a): AccountUsage => {
      const tier = FREE_TIERS[a.cloud];
      const total = totals.get(a.id) ?? NO_USAGE;
      return {
        ...a,
        runs: total.runs,
        tier,
        vcpuSeconds: meter(total.vcpu, tier?.vcpuSeconds ?? null, now),
        gibSeconds: meter(total.gib, tier?.gibSeconds ?? null, now),
      };
    }),
  };
}
