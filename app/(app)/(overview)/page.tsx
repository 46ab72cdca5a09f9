import Link from "next/link";
import { AccountHealthNotice } from "@/components/account-health-notice";
import { EmptyState } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import { PageHead } from "@/components/page-head";
import { NoAlertChannelNotice, UsageWarningNotice } from "@/components/usage-warning";
import { requireActor } from "@/lib/auth/session";
import { overview, type OverviewRun } from "@/lib/queries/overview";
import { executionsHref } from "../executions/search-params";
import { OverviewRunsTable, type OverviewRunRow } from "./overview-runs-table";

export const metadata = { title: "Overview" };

function ended(run: OverviewRun): string {
  const parts = [run.exitCode !== null ? `exit code ${run.exitCode}` : null, run.providerStatus !== run.status ? run.providerStatus : null].filter(Boolean);
  return parts.length ? parts.join(" · ") : "failed";
}

function RunRows({ runs, label, detail }: { runs: OverviewRun[]; label: string; detail: (run: OverviewRun) => string }) {
  const rows: OverviewRunRow[] = runs.map((run) => ({
    id: run.id,
    jobId: run.jobId,
    jobName: run.jobName,
    accountName: run.accountName,
    batch: run.batch,
    status: run.status,
    startedAt: run.startedAt?.toISOString() ?? null,
    detail: detail(run),
  }));
  return <OverviewRunsTable runs={rows} label={label} />;
}

export default async function OverviewPage() {
  const actor = await requireActor("/");
  const view = await overview(actor);
  const troubled = view.accounts.filter((a) => a.health.level !== "ok");
  if (view.accounts.length === 0) {
    return (
      <>
        <PageHead title="Overview" />
        <EmptyState icon="☁" title="No cloud accounts yet" action={<Link className="button" href="/accounts">Connect an account</Link>}>
          Connect a cloud account (an owner or admin can): its jobs and their runs appear here within a minute.
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHead title="Overview" subtitle={<>Since <LocalTime iso={view.since.toISOString()} />, across every account.</>} />
      <div className="stack">
        {troubled.map((a) => <AccountHealthNotice key={a.id} name={a.name} health={a.health} />)}
        {view.warnings.map((w) => <UsageWarningNotice key={`${w.holderKey}-${w.quantity}-${w.limit}`} warning={w} />)}
        {view.warnings.length && view.alertChannels === 0 ? <NoAlertChannelNotice /> : null}
        <dl className="stats" aria-label="Runs since yesterday">
          <div><dt>Runs</dt><dd>{view.counts.runs}</dd></div>
          <div><dt>Succeeded</dt><dd>{view.counts.succeeded}</dd></div>
          <div className={view.counts.failed ? "bad" : undefined} data-testid="stat-failed"><dt>Failed</dt><dd>{view.counts.failed}</dd></div>
          <div><dt>Stopped</dt><dd>{view.counts.stopped}</dd></div>
          <div><dt>Running now</dt><dd>{view.running.length}</dd></div>
        </dl>

        <section aria-labelledby="failures-h">
          <h2 id="failures-h">Failed since yesterday</h2>
          {view.failures.length ? (
            <RunRows runs={view.failures} label="Failed runs" detail={ended} />
          ) : (
            <p className="muted">No run failed in the last 24 hours.</p>
          )}
          {view.counts.failed > view.failures.length ? (
            <p><Link href={executionsHref({ status: "failed" })}>All {view.counts.failed} failed runs →</Link></p>
          ) : null}
        </section>

        <section aria-labelledby="running-h">
          <h2 id="running-h">Running now</h2>
          {view.running.length ? (
            <RunRows runs={view.running} label="Running runs" detail={(run) => run.providerStatus} />
          ) : (
            <p className="muted">Nothing is running.</p>
          )}
        </section>

        <section aria-labelledby="accounts-h">
          <h2 id="accounts-h">Accounts</h2>
          <div className="card table-wrap">
            <table aria-label="Accounts">
              <thead><tr><th>Account</th><th>Jobs</th><th>Last synced</th><th>Health</th></tr></thead>
              <tbody>
                {view.accounts.map((a) => (
                  <tr key={a.id}>
                    <td>{a.name} <span className="badge">{a.cloud}</span>{a.isDemo ? <> <span className="badge">simulated</span></> : null}</td>
                    <td><Link href={`/jobs`}>{a.jobs}</Link></td>
                    <td>{a.lastSyncedAt ? <LocalTime iso={a.lastSyncedAt.toISOString()} /> : <span className="muted">never</span>}</td>
                    <td><span className={`badge ${a.health.level === "ok" ? "ok" : a.health.level === "error" ? "error" : ""}`}>{a.health.title}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </>
  );
}
