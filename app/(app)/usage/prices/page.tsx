import { PageHead } from "@/components/page-head";
import { can } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { priceOverrides, type PriceOverrideRow } from "@/lib/queries/prices";
import { descriptorOf } from "@/lib/providers/registry";
import { CLOUDS, type Cloud } from "@/lib/providers/types";
import { FREE_TIERS, NO_FREE_TIER, PRICE_LISTS } from "@/lib/usage/free-tiers";
import type { PriceEntry } from "@/lib/usage/price-types";
import { OverrideForm, RemoveOverride, type OverrideChoices } from "./override-form";

export const metadata = { title: "Prices" };

/** The overrides that replace this entry's figure somewhere: same meter, a region it covers (or all), an architecture it fits. */
function overridesOf(entry: PriceEntry, overrides: readonly PriceOverrideRow[]): PriceOverrideRow[] {
  return overrides.filter(
    (o) => o.meter === entry.meter && (o.region === "*" || entry.regions.includes(o.region)) && (o.architecture === "" || entry.architecture === null || o.architecture === entry.architecture),
  );
}

function choicesOf(cloud: Cloud): OverrideChoices {
  const { entries } = PRICE_LISTS[cloud];
  const meters = [...new Map(entries.map((e) => [e.meter, { meter: e.meter, unit: e.unit }])).values()];
  return {
    cloud,
    label: descriptorOf(cloud)?.label ?? PRICE_LISTS[cloud].product,
    meters,
    regions: [...new Set(entries.flatMap((e) => e.regions))].sort(),
    architectures: [...new Set(entries.flatMap((e) => (e.architecture ? [e.architecture] : [])))],
  };
}

const n = (x: number) => x.toLocaleString("en-US");

export default async function PricesPage() {
  const actor = await requireActor("/usage/prices");
  const overrides = await priceOverrides(actor);
  const owner = can(actor.role, "usage:prices");
  return (
    <>
      <PageHead title="Prices" subtitle="What each run and request costs, per cloud, region and architecture: each figure with the vendor's page and the date it was checked. Costs are in USD." />
      {CLOUDS.map((cloud) => {
        const list = PRICE_LISTS[cloud];
        const tier = FREE_TIERS[cloud];
        const mine = overrides.filter((o) => o.cloud === cloud);
        return (
          <section key={cloud} className="card" style={{ marginTop: 16 }} aria-label={`Prices of ${list.product}`}>
            <h2 style={{ marginTop: 0 }}>{list.product}</h2>
            <p className="muted">
              {tier ? (
                <>Free each month, {tier.scope}: {n(tier.vcpuSeconds)} vCPU-seconds, {n(tier.gibSeconds)} GiB-seconds{tier.requests ? `, ${n(tier.requests)} requests` : ""} (<a href={tier.source}>source</a>, checked {tier.checked}). </>
              ) : (
                <>{NO_FREE_TIER[cloud] ?? "No free grant recorded."} </>
              )}
              Billed time is rounded up to {(tier?.roundingMs ?? 1000) / 1000} s{list.minimumMs > 0 ? `, at least ${list.minimumMs / 1000} s per run` : ""}. A region not listed is charged at {list.referenceRegion}&apos;s price, shown as an estimate.
            </p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr><th>What</th><th>Price (USD)</th><th className="hide-narrow">Regions</th><th>Source</th><th>Override</th></tr>
                </thead>
                <tbody>
                  {list.entries.map((e) => {
                    const replaced = overridesOf(e, mine);
                    return (
                      <tr key={`${e.meter} ${e.regions[0]} ${e.architecture}`} data-testid="price-entry">
                        <td>{e.what}<div className="muted" style={{ fontSize: "0.8rem" }}>{e.meter}{e.architecture ? ` · ${e.architecture}` : ""}</div></td>
                        <td>{e.usd} per {e.unit}</td>
                        <td className="hide-narrow" style={{ fontSize: "0.8rem" }}>{e.regions.join(", ")}</td>
                        <td style={{ fontSize: "0.8rem" }}>
                          <a href={e.source}>vendor&apos;s page</a>, checked {e.checked}
                          {e.unverified ? <div className="muted" style={{ fontSize: "0.75rem" }}><span className="badge">not verified</span> {e.unverified}</div> : null}
                        </td>
                        <td>{replaced.length === 0 ? <span className="muted">book price</span> : replaced.map((o) => <div key={`${o.region} ${o.architecture}`}><span className="badge">overridden</span> {o.usd} in {o.region === "*" ? "every region" : o.region}{o.architecture ? ` (${o.architecture})` : ""}</div>)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {owner ? (
              <details style={{ marginTop: 12 }}>
                <summary style={{ fontWeight: 600, cursor: "pointer" }}>Override a price of {list.product}</summary>
                <div className="stack" style={{ marginTop: 12 }}>
                  {mine.map((o) => (
                    <div key={`${o.meter} ${o.region} ${o.architecture}`} className="row">
                      <span>{o.meter} in {o.region === "*" ? "every region" : o.region}{o.architecture ? ` (${o.architecture})` : ""}: {o.usd} USD</span>
                      <RemoveOverride cloud={cloud} meter={o.meter} region={o.region} architecture={o.architecture} />
                    </div>
                  ))}
                  <OverrideForm choices={choicesOf(cloud)} />
                </div>
              </details>
            ) : null}
          </section>
        );
      })}
    </>
  );
}
