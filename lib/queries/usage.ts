import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { FREE_TIERS, type FreeTier } from "@/lib/usage/free-tiers";
import { exhaustionDate, forecastToMonthEnd, NO_USAGE, utcMonth, type QuantityTotal, type UsageTotals } from "@/lib/usage/compute";
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

interface UsageRow {
  account_id: string;
  runs: bigint;
  vcpu_milli_seconds: bigint;
  vcpu_unknown: bigint;
  gib_milli_seconds: bigint;
  gib_unknown: bigint;
}

/**
 * Each account's month-to-date totals, summed in Postgres: lib/usage/compute.ts's runUsage and addRun
 * in SQL (the run clipped to [from, to), billed time rounded up to the cloud's step, allocation × time
 * rounded up per run, unknown allocations counted apart), so no run crosses into Node.
 */
async function usageTotals(from: Date, to: Date): Promise<Map<string, UsageTotals>> {
  const rounding = Prisma.join(Object.entries(FREE_TIERS).map(([cloud, tier]) => Prisma.sql`WHEN ${cloud} THEN ${tier?.roundingMs ?? 1000}::int`), " ");
  const rows = await db().$queryRaw<UsageRow[]>`
    SELECT e.account_id, count(*) AS runs,
           coalesce(sum((e.milli_vcpu * b.billed_ms + 999) / 1000), 0)::bigint AS vcpu_milli_seconds,
           count(*) FILTER (WHERE e.milli_vcpu IS NULL) AS vcpu_unknown,
           coalesce(sum((e.memory_mib * b.billed_ms + 1023) / 1024), 0)::bigint AS gib_milli_seconds,
           count(*) FILTER (WHERE e.memory_mib IS NULL) AS gib_unknown
    FROM executions e
    JOIN cloud_accounts a ON a.id = e.account_id
    CROSS JOIN LATERAL (
      SELECT extract(epoch FROM least(coalesce(e.ended_at, ${to}::timestamptz), ${to}::timestamptz) - greatest(e.started_at, ${from}::timestamptz)) * 1000 AS ms,
             CASE a.cloud::text ${rounding} ELSE 1000 END AS step
    ) t
    CROSS JOIN LATERAL (SELECT (ceil(t.ms / t.step) * t.step)::bigint AS billed_ms) b
    WHERE e.started_at < ${to}::timestamptz AND (e.ended_at IS NULL OR e.ended_at >= ${from}::timestamptz) AND t.ms > 0
    GROUP BY e.account_id`;
  return new Map(
    rows.map((r) => [
      r.account_id,
      {
        runs: Number(r.runs),
        vcpu: { milliSeconds: Number(r.vcpu_milli_seconds), unknownRuns: Number(r.vcpu_unknown) },
        gib: { milliSeconds: Number(r.gib_milli_seconds), unknownRuns: Number(r.gib_unknown) },
      },
    ]),
  );
}

export async function monthToDateUsage(actor: Actor, now = new Date()) {
  assertCan(actor, "catalog:read");
  const { start } = utcMonth(now);
  const [accounts, totals] = await Promise.all([
    db().cloudAccount.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, cloud: true, isDemo: true } }),
    usageTotals(start, now),
  ]);
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
