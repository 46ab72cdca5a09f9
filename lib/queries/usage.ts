import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { Cloud } from "@/lib/providers/types";
import { FREE_TIERS, type FreeTier } from "@/lib/usage/free-tiers";
import { billedTimeSql, usageSumsSql } from "@/lib/usage/usage-sql";
import { exhaustionDate, forecastToMonthEnd, NO_USAGE, utcMonth, type QuantityTotal, type UsageTotals } from "@/lib/usage/compute";

// The Usage screen: each account's month-to-date compute against its free grant, computed from the
// per-job daily rollups and the runs still going (their start, end and allocation), with a projection to
// the end of the month; and the requests an account's services served (usage_samples, counted by the
// sync: lib/sync/save-requests.ts) where the cloud grants requests.

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
  cloud: Cloud;
  isDemo: boolean;
  runs: number;
  tier: FreeTier | null;
  vcpuSeconds: Meter;
  gibSeconds: Meter;
  /** Requests its services served this month, from usage_samples; null unless the cloud grants requests and the account has services. */
  requests: Meter | null;
}

function meter(used: number, unknownRuns: number, grant: number | null, now: Date): Meter {
  const exhausted = grant === null ? null : exhaustionDate(used, grant, now);
  return { used, grant, forecast: forecastToMonthEnd(used, now), exhaustedAt: exhausted?.toISOString() ?? null, unknownRuns };
}

const timeMeter = (total: QuantityTotal, grant: number | null, now: Date) => meter(total.milliSeconds / 1000, total.unknownRuns, grant, now);

interface RequestsRow {
  account_id: string;
  requests: bigint;
  has_services: boolean;
}

/** Each account's requests this month (the days of usage_samples up to today, UTC) and whether it has services to count. */
async function requestTotals(now: Date): Promise<Map<string, { requests: number; hasServices: boolean }>> {
  const { start } = utcMonth(now);
  const rows = await db().$queryRaw<RequestsRow[]>`
    SELECT a.id AS account_id,
           coalesce((SELECT sum(s.requests) FROM usage_samples s
                     WHERE s.account_id = a.id AND s.day >= (${start}::timestamptz AT TIME ZONE 'UTC')::date
                       AND s.day <= (${now}::timestamptz AT TIME ZONE 'UTC')::date), 0)::bigint AS requests,
           EXISTS (SELECT 1 FROM jobs j WHERE j.account_id = a.id AND j.kind = 'service') AS has_services
    FROM cloud_accounts a`;
  return new Map(rows.map((r) => [r.account_id, { requests: Number(r.requests), hasServices: r.has_services }]));
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
 * Each account's month-to-date totals: lib/usage/compute.ts's runUsage and addRun summed in Postgres,
 * with no run crossing into Node and no scan of the month's executions. Ended runs come from
 * job_daily_rollups (each ended run's part in a month is rolled up on the day it begins, clipped to the
 * month and rounded as here); runs not ended by `now` from executions on the (status, …) and ended_at
 * indexes: the ones still going (few), and the ones whose recorded end is after `now` (none unless a
 * cloud's clock is ahead of ours), whose rolled-up part, clipped to the month rather than to `now`, is
 * taken back out. A run with no end whose status is settled (the cloud reported it unknown, or forgot it)
 * is not going and its length is unknown: it is not counted, as it is not priced (lib/usage/reprice.ts),
 * rather than counted as running for ever (0.7 % of the bench's runs were, 60 ms of every usage read).
 */
export function usageTotalsSql(now: Date): Prisma.Sql {
  const { start, end } = utcMonth(now);
  return Prisma.sql`
    WITH w AS (
      SELECT ${start}::timestamptz AS from_at, ${now}::timestamptz AS to_at, ${end}::timestamptz AS month_end,
             ((${now}::timestamptz AT TIME ZONE 'UTC')::date + 1)::timestamp AT TIME ZONE 'UTC' AS today_end
    )
    SELECT u.account_id, sum(u.usage_runs) AS runs, sum(u.vcpu_milli_seconds)::bigint AS vcpu_milli_seconds, sum(u.vcpu_unknown_runs) AS vcpu_unknown,
           sum(u.gib_milli_seconds)::bigint AS gib_milli_seconds, sum(u.gib_unknown_runs) AS gib_unknown
    FROM (
      SELECT r.account_id, r.usage_runs, r.vcpu_milli_seconds, r.vcpu_unknown_runs, r.gib_milli_seconds, r.gib_unknown_runs
      FROM w JOIN job_daily_rollups r ON r.day >= (w.from_at AT TIME ZONE 'UTC')::date AND r.day < (w.today_end AT TIME ZONE 'UTC')::date
      WHERE r.usage_runs > 0
      UNION ALL
      SELECT e.account_id, ${Prisma.raw(usageSumsSql("e"))}
      FROM w JOIN executions e ON ((e.ended_at IS NULL AND e.status IN ('running', 'queued')) OR e.ended_at > w.to_at) AND e.started_at < w.to_at
      JOIN cloud_accounts a ON a.id = e.account_id
      ${Prisma.raw(billedTimeSql("e", "a", "w.from_at", "w.to_at"))}
      WHERE t.ms > 0
      GROUP BY e.account_id
      UNION ALL
      SELECT x.account_id, -x.usage_runs, -x.vcpu_milli_seconds, -x.vcpu_unknown_runs, -x.gib_milli_seconds, -x.gib_unknown_runs
      FROM (
        SELECT e.account_id, ${Prisma.raw(usageSumsSql("e"))}
        FROM w JOIN executions e ON e.ended_at > w.to_at AND e.started_at < w.today_end
        JOIN cloud_accounts a ON a.id = e.account_id
        ${Prisma.raw(billedTimeSql("e", "a", "w.from_at", "w.month_end"))}
        WHERE t.ms > 0
        GROUP BY e.account_id
      ) x
    ) u
    GROUP BY u.account_id`;
}

async function usageTotals(now: Date): Promise<Map<string, UsageTotals>> {
  const rows = await db().$queryRaw<UsageRow[]>(usageTotalsSql(now));
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

/** Each account's month-to-date usage against its grant; read per grant holder by ./usage-holders.ts (the screens) and by the budget alerts. */
export async function accountsUsage(now: Date) {
  const { start } = utcMonth(now);
  const [accounts, totals, requests] = await Promise.all([
    db().cloudAccount.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, cloud: true, isDemo: true } }),
    usageTotals(now),
    requestTotals(now),
  ]);
  return {
    monthStart: start,
    accounts: accounts.map((a): AccountUsage => {
      const tier = FREE_TIERS[a.cloud];
      const total = totals.get(a.id) ?? NO_USAGE;
      const served = requests.get(a.id);
      return {
        ...a,
        runs: total.runs,
        tier,
        vcpuSeconds: timeMeter(total.vcpu, tier?.vcpuSeconds ?? null, now),
        gibSeconds: timeMeter(total.gib, tier?.gibSeconds ?? null, now),
        requests: tier?.requests != null && served?.hasServices ? meter(served.requests, 0, tier.requests, now) : null,
      };
    }),
  };
}
