import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/services/context";
import { utcMonth } from "@/lib/usage/compute";
import { USD, type Currency, type Money } from "@/lib/usage/currency";
import { assertCan } from "./access";
import { usageByHolder } from "./usage-holders";

// The Usage screen's one read: usage and cost per grant holder (./usage-holders.ts), the cost of each job
// this month and the five before (job_monthly_rollups: job_daily_rollups.cost_micros by start day summed
// per month, the same figures the CSV export sums), and the currency to show amounts in at the rate an owner set.

export const COST_MONTHS = 6;

export interface JobCost {
  jobId: string;
  jobName: string;
  accountName: string;
  /** USD micro-units per month, oldest first, the last this month. */
  byMonth: bigint[];
  runsThisMonth: number;
}

export interface ShownMoney extends Money {
  setAt: Date | null;
  setBy: string | null;
}

interface JobMonthRow {
  job_id: string;
  job_name: string;
  account_name: string;
  month: Date;
  cost_micros: bigint;
  runs: number;
}

/** The first instant of each of the COST_MONTHS months ending with `now`'s, oldest first. */
export function costMonths(now: Date): Date[] {
  const { start } = utcMonth(now);
  return Array.from({ length: COST_MONTHS }, (_, i) => new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - (COST_MONTHS - 1 - i), 1)));
}

async function jobCosts(now: Date): Promise<JobCost[]> {
  const months = costMonths(now);
  const rows = await db().$queryRaw<JobMonthRow[]>`
    SELECT m.job_id, j.name AS job_name, a.name AS account_name, m.month, m.cost_micros, m.runs
    FROM job_monthly_rollups m JOIN jobs j ON j.id = m.job_id JOIN cloud_accounts a ON a.id = m.account_id
    WHERE m.month >= (${months[0]!}::timestamptz AT TIME ZONE 'UTC')::date AND m.month <= (${now}::timestamptz AT TIME ZONE 'UTC')::date`;
  const jobs = new Map<string, JobCost>();
  for (const row of rows) {
    const job = jobs.get(row.job_id) ?? { jobId: row.job_id, jobName: row.job_name, accountName: row.account_name, byMonth: months.map(() => 0n), runsThisMonth: 0 };
    const i = months.findIndex((m) => m.getTime() === row.month.getTime());
    job.byMonth[i] = row.cost_micros;
    if (i === COST_MONTHS - 1) job.runsThisMonth = row.runs;
    jobs.set(row.job_id, job);
  }
  const thisMonth = (j: JobCost) => j.byMonth[COST_MONTHS - 1]!;
  return [...jobs.values()].sort((a, b) => (thisMonth(b) > thisMonth(a) ? 1 : thisMonth(b) < thisMonth(a) ? -1 : a.jobName.localeCompare(b.jobName)));
}

export async function usageScreen(actor: Actor, currency: Currency, now = new Date()) {
  assertCan(actor, "catalog:read");
  const [usage, jobs, rate, channels] = await Promise.all([
    usageByHolder(actor, now),
    jobCosts(now),
    currency === "USD" ? null : db().currencyRate.findUnique({ where: { currency } }),
    db().alertChannel.count(),
  ]);
  // A currency with no rate set yet is shown in USD, and the page says so.
  const money: ShownMoney = rate ? { currency, perUsdMillionths: rate.perUsdMillionths, setAt: rate.setAt, setBy: rate.setBy } : { ...USD, setAt: null, setBy: null };
  return { ...usage, now, months: costMonths(now), jobs, money, missingRate: currency !== "USD" && !rate ? currency : null, alertChannels: channels };
}
