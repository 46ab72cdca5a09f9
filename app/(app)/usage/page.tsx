import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import { PageHead } from "@/components/page-head";
import { UsageMeter } from "@/components/usage-meter";
import { requireActor } from "@/lib/auth/session";
import { monthToDateUsage } from "@/lib/queries/usage";
import { NO_FREE_TIER } from "@/lib/usage/free-tiers";

export const metadata = { title: "Usage" };

export default async function UsagePage() {
  const actor = await requireActor("/usage");
  const { monthStart, accounts } = await monthToDateUsage(actor);
  return (
    <>
      <PageHead title="Usage" subtitle={<>This month (UTC) since <LocalTime iso={monthStart.toISOString()} style="date" />: each account&apos;s compute against its free grant.</>} />
      {accounts.length === 0 ? (
        <EmptyState icon="◔" title="No accounts to measure" action={<Link className="button secondary" href="/accounts">Go to cloud accounts</Link>}>
          Once an account is connected, its runs this month are added up here in vCPU-seconds and GiB-seconds against the cloud&apos;s free
          grant, with where this month&apos;s pace leads.
        </EmptyState>
      ) : (
        <div className="usage-grid">
          {accounts.map((a) => (
            <section key={a.id} className="card stack" aria-label={`Usage of ${a.name}`} data-testid="usage-card">
              <div>
                <h2 style={{ marginBottom: 2 }}>{a.name} {a.isDemo ? <span className="badge">simulated</span> : null}</h2>
                <div className="muted" style={{ fontSize: "0.85rem" }}>
                  {a.runs} run{a.runs === 1 ? "" : "s"} this month · {a.tier ? <>free grant {a.tier.scope} (<a href={a.tier.source}>source</a>, checked {a.tier.checked})</> : (NO_FREE_TIER[a.cloud] ?? "no free tier on this cloud")}
                </div>
              </div>
              <UsageMeter label="vCPU-seconds" unit="vCPU-s" {...a.vcpuSeconds} />
              <UsageMeter label="Memory" unit="GiB-s" {...a.gibSeconds} />
              {a.requests ? <UsageMeter label="Requests" unit="requests" {...a.requests} /> : null}
            </section>
          ))}
        </div>
      )}
    </>
  );
}
