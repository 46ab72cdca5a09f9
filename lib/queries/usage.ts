import { db } from "@/lib/db/client";
import { FREE_TIERS, type FreeTier } from "@/lib/usage/free-tiers";
import { addUsage, exhaustionDate, forecastToMonthEnd, runUsage, utcMonth, type Usage } from "@/lib/usage/compute";

// The Usage screen: each account's month-to-date compute against its free grant, computed from the
// catalog's executions (their start, end and allocation), with a projection to the end of the month.

export interface Meter {
  used: number;
  grant: number | null;
  forecast: number;
  /** When the grant runs out at this month's pace; null if it lasts the month. */
  exhaustedAt: string | null;
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

function meter(milli: number, grant: number | null, now: Date): Meter {
  const used = milli / 1000;
  const exhausted = grant === null ? null : exhaustionDate(used, grant, now);
  return { used, grant, forecast: forecastToMonthEnd(used, now), exhaustedAt: exhausted?.toISOString() ?? null };
}

export async function monthToDateUsage(now = new Date()) {
  const { start } = utcMonth(now);
  const [accounts, runs] = await Promise.all([
    db().cloudAccount.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, cloud: true, isDemo: true } }),
    db().execution.findMany({
      where: { startedAt: { lt: now }, OR: [{ endedAt: null }, { endedAt: { gte: start } }] },
      select: { accountId: true, startedAt: true, endedAt: true, milliVcpu: true, memoryMiB: true },
    }),
  ]);
  const totals = new Map<string, { usage: Usage; runs: number }>();
  const cloudOf = new Map(accounts.map((a) => [a.id, a.cloud]));
  for (const run of runs) {
    const cloud = cloudOf.get(run.accountId);
    if (!cloud || !run.startedAt) continue;
    const usage = runUsage(run, start, now, FREE_TIERS[cloud]?.roundingMs ?? 1000);
    if (usage.vcpuMilliSeconds === 0 && usage.gibMilliSeconds === 0) continue;
    const total = totals.get(run.accountId) ?? { usage: { vcpuMilliSeconds: 0, gibMilliSeconds: 0 }, runs: 0 };
    totals.set(run.accountId, { usage: addUsage(total.usage, usage), runs: total.runs + 1 });
  }
  return {
    monthStart: start,
    accounts: accounts.map((a): AccountUsage => {
      const tier = FREE_TIERS[a.cloud];
      const total = totals.get(a.id) ?? { usage: { vcpuMilliSeconds: 0, gibMilliSeconds: 0 }, runs: 0 };
      return {
        ...a,
        runs: total.runs,
        tier,
        vcpuSeconds: meter(total.usage.vcpuMilliSeconds, tier?.vcpuSeconds ?? null, now),
        gibSeconds: meter(total.usage.gibMilliSeconds, tier?.gibSeconds ?? null, now),
      };
    }),
  };
}
