import { db } from "@/lib/db/client";
import type { Cloud } from "@/lib/providers/types";
import type { Actor } from "@/lib/services/context";
import { forecastFromRecentRate, utcMonth } from "@/lib/usage/compute";
import { FREE_TIERS, type FreeTier } from "@/lib/usage/free-tiers";
import { grantHolderKey } from "@/lib/usage/grant-holder";
import { assertCan } from "./access";
import { accountsUsage, type AccountUsage } from "./usage";

// Usage per grant holder (lib/usage/grant-holder.ts: accounts of one billing group share one free grant,
// any other account holds its own): each account's month-to-date totals (./usage.ts: rollups plus the runs
// not ended), the month's days from job_daily_rollups and usage_samples (no scan of executions), summed per
// holder, with the forecast from the recent rate (lib/usage/compute.ts) and the warnings it raises against
// the grant and the owner's budget.

const DAY_MS = 86_400_000;

export interface HolderMeter {
  used: number;
  grant: number | null;
  forecast: number;
  /** The month's usage per UTC day, index 0 the 1st; null for the days still to come. */
  daily: (number | null)[];
  /** Runs whose allocation the cloud did not report, left out of `used`. */
  unknownRuns: number;
}

export interface UsageWarning {
  holderKey: string;
  holderName: string;
  /** "vCPU-seconds", "memory (GiB-seconds)", "requests" or "cost". */
  quantity: string;
  /** Crossing the free grant, or the owner's budget. */
  limit: "grant" | "budget";
  /** Already crossed this month, or only by the forecast. */
  already: boolean;
  forecast: number;
  line: number;
}

export interface HolderUsage {
  key: string;
  /** The billing group's name, or the account's. */
  name: string;
  group: string | null;
  accounts: Pick<AccountUsage, "id" | "name" | "cloud" | "isDemo">[];
  /** The free grant when every account is on one cloud that has one. */
  tier: FreeTier | null;
  cloud: Cloud | null;
  runs: number;
  vcpuSeconds: HolderMeter;
  gibSeconds: HolderMeter;
  requests: HolderMeter | null;
  /** USD micro-units: runs' cost (by start day) plus requests' and operations' cost beyond the grant. */
  cost: { usedMicros: bigint; forecastMicros: bigint; budgetMicros: bigint | null; daily: (bigint | null)[] };
  warnings: UsageWarning[];
}

interface DayRow {
  account_id: string;
  day: Date;
  vcpu_milli_seconds: bigint;
  gib_milli_seconds: bigint;
  requests: bigint;
  cost_micros: bigint;
}

/** Each account's usage per day of the month up to today: ended runs from the rollups, requests and their cost from usage_samples. */
async function dailyRows(now: Date): Promise<DayRow[]> {
  const { start } = utcMonth(now);
  return db().$queryRaw<DayRow[]>`
    WITH w AS (SELECT (${start}::timestamptz AT TIME ZONE 'UTC')::date AS first_day, (${now}::timestamptz AT TIME ZONE 'UTC')::date AS today)
    SELECT u.account_id, u.day, sum(u.v)::bigint AS vcpu_milli_seconds, sum(u.g)::bigint AS gib_milli_seconds, sum(u.q)::bigint AS requests, sum(u.c)::bigint AS cost_micros
    FROM (
      SELECT r.account_id, r.day, r.vcpu_milli_seconds AS v, r.gib_milli_seconds AS g, 0::bigint AS q, r.cost_micros AS c
      FROM w JOIN job_daily_rollups r ON r.day >= w.first_day AND r.day <= w.today
      UNION ALL
      SELECT s.account_id, s.day, 0, 0, s.requests, s.cost_micros
      FROM w JOIN usage_samples s ON s.day >= w.first_day AND s.day <= w.today
    ) u
    GROUP BY u.account_id, u.day`;
}

function newDays(count: number): number[] {
  return Array.from({ length: count }, () => 0);
}

/** Month-to-date figures per day, with the days after today null, and what runs not ended add put on today. */
function dailyMeter(used: number, days: number[], today: number, grant: number | null, unknownRuns: number, now: Date): HolderMeter {
  const counted = days.reduce((n, d) => n + d, 0);
  const withToday = days.map((d, i) => (i === today ? d + Math.max(0, used - counted) : d));
  const forecast = forecastFromRecentRate(used, withToday, now).total;
  return { used, grant, forecast, daily: withToday.map((d, i) => (i > today ? null : d)), unknownRuns };
}

function meterWarnings(holder: Pick<HolderUsage, "key" | "name">, quantity: string, meter: HolderMeter | null): UsageWarning[] {
  if (!meter || meter.grant === null || meter.forecast <= meter.grant) return [];
  return [{ holderKey: holder.key, holderName: holder.name, quantity, limit: "grant", already: meter.used >= meter.grant, forecast: meter.forecast, line: meter.grant }];
}

export async function usageByHolder(actor: Actor, now = new Date()): Promise<{ monthStart: Date; holders: HolderUsage[] }> {
  assertCan(actor, "catalog:read");
  return holderUsage(now);
}

/** usageByHolder for the worker (budget alerts, lib/alerts/budget.ts), which acts for no member. */
export async function holderUsage(now: Date): Promise<{ monthStart: Date; holders: HolderUsage[] }> {
  const { start, end } = utcMonth(now);
  const daysInMonth = Math.round((end.getTime() - start.getTime()) / DAY_MS);
  const today = Math.floor((now.getTime() - start.getTime()) / DAY_MS);
  const [usage, groups, days, budgets] = await Promise.all([
    accountsUsage(now),
    db().cloudAccount.findMany({ select: { id: true, billingGroup: true } }),
    dailyRows(now),
    db().usageBudget.findMany({ select: { holderKey: true, monthlyMicros: true } }),
  ]);
  const groupOf = new Map(groups.map((g) => [g.id, g.billingGroup]));
  const budgetOf = new Map(budgets.map((b) => [b.holderKey, b.monthlyMicros]));
  const members = new Map<string, AccountUsage[]>();
  for (const a of usage.accounts) {
    const key = grantHolderKey({ id: a.id, billingGroup: groupOf.get(a.id) ?? null });
    members.set(key, [...(members.get(key) ?? []), a]);
  }
  const holders = [...members].map(([key, accounts]): HolderUsage => {
    const ids = new Set(accounts.map((a) => a.id));
    const vcpu = newDays(daysInMonth), gib = newDays(daysInMonth), requests = newDays(daysInMonth);
    const cost = Array.from({ length: daysInMonth }, () => 0n);
    for (const row of days) {
      if (!ids.has(row.account_id)) continue;
      const i = Math.round((row.day.getTime() - start.getTime()) / DAY_MS);
      vcpu[i]! += Number(row.vcpu_milli_seconds) / 1000;
      gib[i]! += Number(row.gib_milli_seconds) / 1000;
      requests[i]! += Number(row.requests);
      cost[i]! += row.cost_micros;
    }
    const clouds = new Set(accounts.map((a) => a.cloud));
    const cloud = clouds.size === 1 ? accounts[0]!.cloud : null;
    const tier = cloud ? FREE_TIERS[cloud] : null;
    const sum = (pick: (a: AccountUsage) => number) => accounts.reduce((n, a) => n + pick(a), 0);
    const served = accounts.filter((a) => a.requests !== null);
    const group = key.startsWith("group:") ? key.slice("group:".length) : null;
    const usedMicros = cost.reduce((n, c) => n + c, 0n);
    const holder = {
      key,
      name: group ? `Billing group ${group}` : accounts[0]!.name,
      group,
      accounts: accounts.map(({ id, name, cloud, isDemo }) => ({ id, name, cloud, isDemo })),
      tier,
      cloud,
      runs: sum((a) => a.runs),
      vcpuSeconds: dailyMeter(sum((a) => a.vcpuSeconds.used), vcpu, today, tier?.vcpuSeconds ?? null, sum((a) => a.vcpuSeconds.unknownRuns), now),
      gibSeconds: dailyMeter(sum((a) => a.gibSeconds.used), gib, today, tier?.gibSeconds ?? null, sum((a) => a.gibSeconds.unknownRuns), now),
      requests: served.length ? dailyMeter(sum((a) => a.requests?.used ?? 0), requests, today, tier?.requests ?? null, 0, now) : null,
      cost: {
        usedMicros,
        forecastMicros: BigInt(forecastFromRecentRate(Number(usedMicros), cost.map(Number), now).total),
        budgetMicros: budgetOf.get(key) ?? null,
        daily: cost.map((c, i) => (i > today ? null : c)),
      },
    };
    const budget = holder.cost.budgetMicros;
    const warnings = [
      ...meterWarnings(holder, "vCPU-seconds", holder.vcpuSeconds),
      ...meterWarnings(holder, "memory (GiB-seconds)", holder.gibSeconds),
      ...meterWarnings(holder, "requests", holder.requests),
      ...(budget !== null && holder.cost.forecastMicros > budget
        ? [{ holderKey: key, holderName: holder.name, quantity: "cost", limit: "budget" as const, already: usedMicros >= budget, forecast: Number(holder.cost.forecastMicros), line: Number(budget) }]
        : []),
    ];
    return { ...holder, warnings };
  });
  return { monthStart: start, holders };
}

/** The warnings that concern one account: its grant holder's. */
export async function usageWarningsForAccount(actor: Actor, accountId: string, now = new Date()): Promise<UsageWarning[]> {
  const { holders } = await usageByHolder(actor, now);
  return holders.find((h) => h.accounts.some((a) => a.id === accountId))?.warnings ?? [];
}
