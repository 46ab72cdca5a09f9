import Link from "next/link";
import { notFound } from "next/navigation";
import { FeedbackRegion } from "@/components/action-feedback";
import { approxDuration } from "@/components/durations";
import { EmptyState } from "@/components/empty-state";
import { FilterSelect } from "@/components/filter-select";
import { LocalTime } from "@/components/local-time";
import { PageHead } from "@/components/page-head";
import { StatusBadge } from "@/components/status-badge";
import { SuccessRate } from "@/components/success-rate";
import { UsageWarningNotice } from "@/components/usage-warning";
import { newRequestKey } from "@/lib/actions/request-key";
import { can } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { jobPage, type JobHistoryFilters, type JobPage } from "@/lib/queries/job-page";
import { EXECUTION_STATUS_OPTIONS, TIME_RANGES, timeRangeOptions } from "@/lib/url-state/parsers";
import { usageWarningsForAccount } from "@/lib/queries/usage-holders";
import { RunsTable } from "../../executions/runs-table";
import { runsTableRows } from "../../executions/runs-table-rows";
import { RedeployForm } from "../redeploy-form";
import { RunForm } from "../run-form";
import { DurationChart } from "./duration-chart";
import { RollbackButton } from "./rollback-button";
import { jobHistoryHref as historyHref, loadJobHistoryFilters } from "./search-params";
import { SentMessagesSection } from "./sent-messages";

export const metadata = { title: "Job" };

const RANGE_OPTIONS = timeRangeOptions(TIME_RANGES);

function Triggers({ job }: { job: JobPage }) {
  if (job.triggers.length === 0) return <p className="muted" style={{ margin: 0 }}>Manual only: this job runs when someone starts it.</p>;
  return (
    <ul className="trigger-list">
      {job.triggers.map((t) => (
        <li key={t.id} data-testid="trigger" className={t.enabled ? undefined : "muted"}>
          <div className="row" style={{ gap: 8 }}>
            <span className="badge">{t.kind}</span>
            {t.expression ? <code>{t.expression}</code> : null}
            {t.batch ? <span>batch <strong>{t.batch}</strong></span> : null}
            {t.enabled ? null : <span className="badge">disabled</span>}
          </div>
          {t.reading === null ? (
            t.kind === "event" ? <p className="muted">Runs when the event source has work.</p> : null
          ) : t.reading.readable ? (
            <>
              <p><strong>{t.reading.words}</strong></p>
              {t.reading.next.length > 0 ? (
                <div>
                  <span className="muted">Next runs, in your time zone:</span>
                  <ol className="next-runs" aria-label={`Next runs of ${t.expression}`}>
                    {t.reading.next.map((at) => <li key={at.toISOString()}><LocalTime iso={at.toISOString()} /></li>)}
                  </ol>
                </div>
              ) : null}
              {t.reading.note ? <p className="muted">{t.reading.note}</p> : null}
            </>
          ) : (
            <p className="notice warn">{t.reading.problem}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

function Deployments({ job, rollback }: { job: JobPage; rollback: boolean }) {
  if (job.deployments.length === 0) {
    return <p className="muted" style={{ margin: 0 }}>No deployments from Batchdeck yet. A redeploy is recorded here, with who made it and how it went.</p>;
  }
  return (
    <FeedbackRegion>
      <div className="table-wrap">
        <table aria-label="Deployments">
          <thead>
            <tr><th>When</th><th>Image</th><th>By</th><th>State</th>{rollback ? <th /> : null}</tr>
          </thead>
          <tbody>
            {job.deployments.map((d) => (
              <tr key={d.id} data-testid="deployment">
                <td><LocalTime iso={d.createdAt.toISOString()} /></td>
                <td className="wrap mono image-cell">
                  <span className="muted">{d.fromImage ?? "—"}</span> → {d.toImage}
                  {d.changes?.length ? <ul className="muted deployment-changes">{d.changes.map((c) => <li key={c}>{c}</li>)}</ul> : null}
                  {d.error ? <div className="field-error">{d.error}</div> : null}
                </td>
                <td>{d.actor?.email ?? <span className="muted">removed member</span>}</td>
                <td><StatusBadge status={d.state === "in_doubt" ? "in doubt" : d.state} /></td>
                {rollback ? (
                  <td>{d.fromImage && d.fromImage !== job.image ? <RollbackButton jobId={job.id} jobName={job.name} image={d.fromImage} initialKey={newRequestKey()} /> : null}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </FeedbackRegion>
  );
}

function History({ job, filters }: { job: JobPage; filters: JobHistoryFilters }) {
  const { before, ...withoutCursor } = filters;
  const filtered = Object.values(withoutCursor).some(Boolean);
  const { items, nextCursor } = job.history;
  return (
    <>
      <form className="filters" method="get" aria-label="Filter the history" style={{ marginBottom: 12 }}>
        <FilterSelect id="h-batch" label="Batch" name="batch" value={filters.batch} anyLabel="All batches" options={job.batches.map((b) => ({ value: b, label: b }))} />
        <FilterSelect id="h-status" label="Status" name="status" value={filters.status} anyLabel="Any status" options={EXECUTION_STATUS_OPTIONS} />
        <FilterSelect id="h-range" label="Started" name="range" value={filters.range} anyLabel="Any time" options={RANGE_OPTIONS} />
        <button className="button secondary" type="submit">Apply</button>
      </form>
      {items.length === 0 ? (
        <EmptyState icon="▶" title={filtered ? "No runs match these filters" : "No runs yet"} action={filtered ? <Link className="button secondary" href={historyHref(job.id, {})}>Clear filters</Link> : undefined}>
          {filtered ? "Try another batch, status or time range." : "Runs appear here after the next sync of its account."}
        </EmptyState>
      ) : (
        <RunsTable variant="job" rows={runsTableRows(items, (batch) => historyHref(job.id, { ...withoutCursor, batch }))} />
      )}
      <nav className="pager" aria-label="History pages">
        {before ? <Link href={historyHref(job.id, withoutCursor)}>← Newest</Link> : <span />}
        {nextCursor ? <Link href={historyHref(job.id, { ...withoutCursor, before: nextCursor })}>Older →</Link> : null}
      </nav>
    </>
  );
}

export default async function JobDetailPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const actor = await requireActor(`/jobs/${encodeURIComponent(id)}`);
  const filters = loadJobHistoryFilters(await searchParams);
  const job = id.length <= 64 ? await jobPage(actor, id, filters) : null;
  if (!job) notFound();
  const usageWarnings = await usageWarningsForAccount(actor, job.account.id);
  const run = can(actor.role, "executions:run") && job.kind === "job";
  const redeploy = can(actor.role, "jobs:redeploy");
  const recent = job.recent;
  return (
    <>
      <PageHead
        title={job.name}
        subtitle={<>{job.account.name} <span className="badge">{job.account.cloud}</span>{job.region ? <> · {job.region}</> : null}{job.kind === "service" ? <span className="badge">service</span> : null}</>}
      >
        {run || redeploy ? (
          <div className="row head-actions">
            {run ? <RunForm jobId={job.id} jobName={job.name} batches={job.batches} initialKey={newRequestKey()} /> : null}
            {redeploy ? <RedeployForm jobId={job.id} jobName={job.name} image={job.image} initialKey={newRequestKey()} /> : null}
          </div>
        ) : null}
      </PageHead>
      <div className="stack job-page">
        {usageWarnings.map((w) => <UsageWarningNotice key={`${w.quantity}-${w.limit}`} warning={w} />)}
        <section className="card stat-grid" aria-label="Summary">
          <div className="stat stat-wide"><span className="muted">Image</span><span className="mono wrap" data-testid="job-image">{job.image ?? "—"}</span></div>
          <div className="stat"><span className="muted">Success (30 d)</span><strong><SuccessRate recent={recent} /></strong></div>
          <div className="stat"><span className="muted">Median duration (30 d)</span><strong>{recent?.medianMs != null ? approxDuration(recent.medianMs) : <span className="muted">—</span>}</strong></div>
          <div className="stat"><span className="muted">Runs (30 d)</span><strong>{recent?.runs ?? 0}</strong></div>
        </section>
        <div className="two-col">
          <section className="card" aria-labelledby="triggers-h">
            <h2 id="triggers-h">Triggers</h2>
            <Triggers job={job} />
          </section>
          <section className="card" aria-labelledby="chart-h">
            <h2 id="chart-h">Duration of the last {job.chart.length} runs</h2>
            {job.chart.length === 0 ? <p className="muted" style={{ margin: 0 }}>No ended runs yet.</p> : <DurationChart runs={job.chart} />}
          </section>
        </div>
        <SentMessagesSection actor={actor} job={job} canSend={run} />
        <section className="card" aria-labelledby="deployments-h">
          <h2 id="deployments-h">Deployments</h2>
          <Deployments job={job} rollback={redeploy} />
        </section>
        <section className="card" aria-labelledby="history-h" id="history">
          <h2 id="history-h">History</h2>
          <History job={job} filters={filters} />
        </section>
      </div>
    </>
  );
}
