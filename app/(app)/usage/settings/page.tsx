import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { PageHead } from "@/components/page-head";
import { can } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { usageSettings } from "@/lib/queries/usage-settings";
import { formatMoney, microsToDecimal, USD } from "@/lib/usage/currency";
import { BudgetForm, RateForm } from "./forms";

export const metadata = { title: "Budgets and rates" };

const RATED = ["JPY", "EUR"] as const;

export default async function UsageSettingsPage() {
  const actor = await requireActor("/usage/settings");
  const view = await usageSettings(actor);
  const owner = can(actor.role, "usage:budgets");
  const rateOf = new Map(view.rates.map((r) => [r.currency, r]));
  return (
    <>
      <PageHead title="Budgets and rates" subtitle={<>Monthly budgets per grant holder, and the rates amounts are shown at. <Link href="/usage">Back to Usage</Link> · <Link href="/usage/prices">Prices</Link></>} />
      <div className="stack">
        {owner ? null : <p className="notice">Only an owner can change budgets and rates; you can read them here.</p>}
        <section className="card stack" aria-labelledby="budgets-h">
          <h2 id="budgets-h">Monthly budgets (USD)</h2>
          <p className="muted" style={{ margin: 0 }}>
            A budget is per grant holder: accounts in one billing group share one. The Usage page, the overview and the holder&apos;s jobs warn when
            this month&apos;s cost or its forecast goes over it.
          </p>
          {view.holders.length === 0 ? <p className="muted">No accounts yet.</p> : null}
          {view.holders.map((h) => (
            <div key={h.key} className="stack" style={{ gap: 4 }} data-testid="budget-row" data-holder={h.key}>
              <strong>{h.name}</strong>
              <span className="muted" style={{ fontSize: "0.85rem" }}>
                {h.accounts.join(", ")} ·{" "}
                {h.monthlyMicros === null ? "no budget" : <>budget {formatMoney(h.monthlyMicros, USD)}, set {h.setAt ? <LocalTime iso={h.setAt.toISOString()} style="date" /> : null} by {h.setBy}</>}
              </span>
              {owner ? <BudgetForm holderKey={h.key} name={h.name} current={h.monthlyMicros === null ? "" : microsToDecimal(h.monthlyMicros, 2)} /> : null}
            </div>
          ))}
        </section>
        <section className="card stack" aria-labelledby="rates-h">
          <h2 id="rates-h">Currency rates</h2>
          <p className="muted" style={{ margin: 0 }}>Costs are kept in US dollars; the Usage page shows them in yen or euros at the rate set here, with the date it was set.</p>
          {RATED.map((currency) => {
            const rate = rateOf.get(currency);
            return (
              <div key={currency} className="stack" style={{ gap: 4 }} data-testid="rate-row">
                <strong>{currency}</strong>
                <span className="muted" style={{ fontSize: "0.85rem" }}>
                  {rate ? <>{microsToDecimal(rate.perUsdMillionths, 6).replace(/\.?0+$/, "")} per USD, set <LocalTime iso={rate.setAt.toISOString()} style="date" /> by {rate.setBy}</> : "no rate set: amounts stay in USD"}
                </span>
                {owner ? <RateForm currency={currency} current={rate ? microsToDecimal(rate.perUsdMillionths, 6).replace(/\.?0+$/, "") : ""} /> : null}
              </div>
            );
          })}
        </section>
      </div>
    </>
  );
}
