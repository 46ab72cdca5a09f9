import Link from "next/link";
import type { SearchParams } from "nuqs/server";
import { EmptyState } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import { PageHead } from "@/components/page-head";
import { UsageChart } from "@/components/usage-chart";
import { NoAlertChannelNotice, UsageWarningNotice } from "@/components/usage-warning";
import { can } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import type { HolderMeter, HolderUsage } from "@/lib/queries/usage-holders";
import { usageScreen, type ShownMoney } from "@/lib/queries/usage-screen";
import { forecastFromRecentRate, FORECAST_WINDOW_DAYS } from "@/lib/usage/compute";
import { convertMicros, CURRENCIES, formatMoney } from "@/lib/usage/currency";
import { NO_FREE_TIER } from "@/lib/usage/free-tiers";
import { loadUsageParams, usageHref } from "./search-params";
import { JobCostTable } from "./job-cost-table";

export const metadata = { title: "Usage" };

const fmt = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const monthName = (d: Date) => d.toLocaleDateString("en", { month: "short", year: "numeric", timeZone: "UTC" });

/** Micro-units of USD as a plain number in the shown currency's units, for a chart's axis. */
function chartMoney(micros: bigint | null, money: ShownMoney): number | null {
  if (micros === null) return null;
  return Number(money.currency === "USD" ? micros : convertMicros(micros, money.perUsdMillionths)) / 1_000_000;
}

function Quantity({ label, unit, meter, testId }: { label: string; unit: string; meter: HolderMeter; testId: string }) {
  const share = meter.grant ? meter.used / meter.grant : 0;
  const tone = share >= 1 ? "over" : meter.grant !== null && meter.forecast > meter.grant ? "warn" : "ok";
  return (
    <div className="meter" data-testid={testId} data-used={meter.used} data-forecast={meter.forecast} data-grant={meter.grant ?? ""}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <strong>{label}</strong>
        <span className="mono">
          {fmt.format(meter.used)} {meter.grant ? <>/ {fmt.format(meter.grant)} {unit} ({Math.round(share * 100)}%)</> : unit}
        </span>
      </div>
      {meter.grant ? (
        <div className={`meter-bar ${tone}`} role="meter" aria-label={`${label} used of the free grant`} aria-valuemin={0} aria-valuemax={meter.grant} aria-valuenow={Math.min(meter.used, meter.grant)}>
          <span style={{ width: `${Math.min(100, share * 100)}%` }} />
        </div>
      ) : null}
      <div className="muted" style={{ fontSize: "0.85rem" }}>
        Forecast: {fmt.format(meter.forecast)} {unit} by the month&apos;s end{meter.grant === null ? "" : meter.forecast > meter.grant ? " — over the free grant" : ", inside the free grant"}.
      </div>
      <UsageChart label={label} unit={unit} daily={meter.daily} line={meter.grant} lineLabel="free grant" forecast={meter.forecast} />
      {meter.unknownRuns > 0 ? (
        <div className="notice" role="note" data-testid="usage-unknown">
          {label} unknown for {meter.unknownRuns} run{meter.unknownRuns === 1 ? "" : "s"}: the cloud did not report their allocation, so they are not in
          these figures and the real total is higher.
        </div>
      ) : null}
    </div>
  );
}

function HolderCard({ holder, money }: { holder: HolderUsage; money: ShownMoney }) {
  const { cost } = holder;
  return (
    <section className="card stack" aria-label={`Usage of ${holder.name}`} data-testid="usage-card" data-holder={holder.key}>
      <div>
        <h2 style={{ marginBottom: 2 }}>{holder.name} {holder.accounts.some((a) => a.isDemo) ? <span className="badge">simulated</span> : null}</h2>
        <div className="muted" style={{ fontSize: "0.85rem" }}>
          {holder.group ? <>{holder.accounts.map((a) => a.name).join(", ")} share one grant · </> : null}
          {holder.runs} run{holder.runs === 1 ? "" : "s"} this month ·{" "}
          {holder.tier ? <>free grant {holder.tier.scope} (<a href={holder.tier.source}>source</a>, checked {holder.tier.checked})</> : holder.cloud ? (NO_FREE_TIER[holder.cloud] ?? "no free tier on this cloud") : "accounts on different clouds: no shared grant"}
        </div>
      </div>
      {holder.warnings.map((w) => <UsageWarningNotice key={`${w.quantity}-${w.limit}`} warning={w} link={false} />)}
      <div className="meter" data-testid="holder-cost" data-used-micros={String(cost.usedMicros)} data-forecast-micros={String(cost.forecastMicros)} data-budget-micros={cost.budgetMicros === null ? "" : String(cost.budgetMicros)}>
        <div className="row" style={{ justifyContent: "space-between" }}>
          <strong>Cost this month</strong>
          <span className="mono" data-testid="holder-cost-used">{formatMoney(cost.usedMicros, money)}</span>
        </div>
        <div className="muted" style={{ fontSize: "0.85rem" }}>
          Forecast <span data-testid="holder-cost-forecast">{formatMoney(cost.forecastMicros, money)}</span> by the month&apos;s end ·{" "}
          {cost.budgetMicros === null ? <>no budget set (<Link href="/usage/settings">set one</Link>)</> : <>budget {formatMoney(cost.budgetMicros, money)}</>}
        </div>
        <UsageChart label="Cost" unit={money.currency} daily={cost.daily.map((c) => chartMoney(c, money))} line={chartMoney(cost.budgetMicros, money)} lineLabel="budget" forecast={chartMoney(cost.forecastMicros, money)!} format="money" />
      </div>
      <Quantity label="vCPU-seconds" unit="vCPU-s" meter={holder.vcpuSeconds} testId="meter-vcpu" />
      <Quantity label="Memory" unit="GiB-s" meter={holder.gibSeconds} testId="meter-gib" />
      {holder.requests ? <Quantity label="Requests" unit="requests" meter={holder.requests} testId="meter-requests" /> : null}
    </section>
  );
}

export default async function UsagePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("/usage");
  const { currency } = await loadUsageParams(searchParams);
  const view = await usageScreen(actor, currency);
  const basis = forecastFromRecentRate(0, [], view.now);
  const { money } = view;
  const warnings = view.holders.flatMap((h) => h.warnings);
  const monthParam = view.monthStart.toISOString().slice(0, 7);
  const totalMicros = view.holders.reduce((n, h) => n + h.cost.usedMicros, 0n);
  return (
    <>
      <PageHead title="Usage" subtitle={<>This month (UTC) since <LocalTime iso={view.monthStart.toISOString()} style="date" />: compute and cost per grant holder, against its free grant and budget.</>}>
        <nav className="row" aria-label="Usage pages" style={{ gap: 12, flexWrap: "wrap" }}>
          <span className="currency-switch" aria-label="Currency">
            {CURRENCIES.map((c) => <Link key={c} href={usageHref("/usage", { currency: c })} aria-current={c === currency ? "true" : undefined}>{c}</Link>)}
          </span>
          {can(actor.role, "executions:export") ? <a href={`/api/usage/export?month=${monthParam}`} data-testid="usage-export" download>Export this month (CSV)</a> : null}
          <Link href="/usage/settings">Budgets and rates</Link>
          <Link href="/usage/prices">Prices</Link>
          <Link href="/usage/how">How it is computed</Link>
        </nav>
      </PageHead>
      {view.holders.length === 0 ? (
        <EmptyState icon="◔" title="No accounts to measure" action={<Link className="button secondary" href="/accounts">Go to cloud accounts</Link>}>
          Once an account is connected, its runs this month are added up here in vCPU-seconds and GiB-seconds against the cloud&apos;s free
          grant, with their cost and where this month&apos;s pace leads.
        </EmptyState>
      ) : (
        <div className="stack">
          {view.missingRate ? (
            <div className="notice warn" role="status">No {view.missingRate} rate is set yet, so amounts are in USD. An owner can set one under <Link href="/usage/settings">Budgets and rates</Link>.</div>
          ) : money.currency !== "USD" && money.setAt ? (
            <p className="muted" data-testid="currency-rate">
              Amounts in {money.currency} at {(Number(money.perUsdMillionths) / 1_000_000).toString()} per USD, set <LocalTime iso={money.setAt.toISOString()} style="date" /> by {money.setBy}; costs are kept in USD.
            </p>
          ) : null}
          {warnings.length && view.alertChannels === 0 ? (
            <NoAlertChannelNotice />
          ) : null}
          <p>
            Cost of every grant holder this month: <strong className="mono" data-testid="usage-total-cost" data-micros={String(totalMicros)}>{formatMoney(totalMicros, money)}</strong>
            {can(actor.role, "executions:export") ? <> — the total row of the <a href={`/api/usage/export?month=${monthParam}`}>month&apos;s CSV</a></> : null}.
          </p>
          <p className="muted" data-testid="forecast-basis">
            Forecasts: the average per day over the last {FORECAST_WINDOW_DAYS} UTC days up to now ({basis.windowDays.toFixed(1)} days, from <LocalTime iso={basis.windowStart.toISOString()} style="date" />), times the {basis.daysLeft.toFixed(1)} days left, added to the month so far. <Link href="/usage/how">How each figure is computed</Link>.
          </p>
          <div className="usage-grid">
            {view.holders.map((h) => <HolderCard key={h.key} holder={h} money={money} />)}
          </div>
          <section aria-labelledby="job-cost-h">
            <h2 id="job-cost-h">Cost by job</h2>
            {view.jobs.length === 0 ? (
              <p className="muted">No run cost in the last six months.</p>
            ) : (
              <JobCostTable
                months={view.months.map((m, i) => (i === view.months.length - 1 ? "This month" : monthName(m)))}
                rows={view.jobs.map((j) => ({ jobId: j.jobId, jobName: j.jobName, accountName: j.accountName, costs: j.byMonth.map((c) => formatMoney(c, money)) }))}
              />
            )}
          </section>
        </div>
      )}
    </>
  );
}
