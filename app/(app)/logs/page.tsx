import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { FilterSelect } from "@/components/filter-select";
import { LocalTime } from "@/components/local-time";
import { PageHead } from "@/components/page-head";
import { requireActor } from "@/lib/auth/session";
import { executionFilterOptions } from "@/lib/queries/executions";
import { BATCH_RUNS, readLogView } from "@/lib/queries/logs";
import { loadLogFilters, logsHref as href } from "./search-params";

export const metadata = { title: "Logs" };

export default async function LogsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filters = loadLogFilters(await searchParams);
  const actor = await requireActor(href(filters));
  const [view, options] = await Promise.all([readLogView(actor, filters), executionFilterOptions(actor)]);
  const { cursor: _cursor, ...withoutCursor } = filters;
  return (
    <>
      <PageHead title="Logs" subtitle="The output of one execution, or of every recent execution of one batch." />
      {options.jobs.length > 0 ? (
        <form className="card filters" method="get" aria-label="Choose logs" style={{ marginBottom: 16 }}>
          <FilterSelect id="l-job" label="Job" name="job" value={filters.job} anyLabel="Choose a job" options={options.jobs.map((j) => ({ value: j.id, label: `${j.name} (${j.account.name})` }))} />
          <FilterSelect id="l-batch" label="Batch" name="batch" value={filters.batch} anyLabel="Choose a batch" options={options.batches.map((b) => ({ value: b, label: b }))} />
          {filters.execution ? <input type="hidden" name="execution" value={filters.execution} /> : null}
          <div className="field">
            <label htmlFor="l-contains">Containing</label>
            <input id="l-contains" name="contains" type="search" defaultValue={filters.contains ?? ""} placeholder="text in the line" />
          </div>
          <button className="button secondary" type="submit">Show logs</button>
        </form>
      ) : null}

      {view.state === "choose" ? (
        <EmptyState icon="≡" title="Choose what to read" action={<Link className="button secondary" href="/executions">Browse executions</Link>}>
          Pick a job and a batch to read the lines of its last {BATCH_RUNS} runs together, one batch apart from another even when they
          share an image; or open one execution from the Executions page.
        </EmptyState>
      ) : view.state === "not_found" ? (
        <EmptyState icon="?" title="Nothing to read">{view.message}</EmptyState>
      ) : view.state === "rate_limited" ? (
        <section className="card stack" aria-labelledby="logs-title">
          <h2 id="logs-title" style={{ marginBottom: 4 }}>{view.title}</h2>
          <p className="notice error" role="alert">{view.message} Each read asks the cloud&apos;s log service, which limits how often it may be asked.</p>
        </section>
      ) : (
        <section className="card stack" aria-labelledby="logs-title">
          <div>
            <h2 id="logs-title" style={{ marginBottom: 4 }}>{view.title}</h2>
            <p className="muted" style={{ margin: 0 }}>
              {view.executions.length === 1 && view.pages[view.executions[0]!] ? (
                <Link href={`/executions/${view.pages[view.executions[0]!]}`}>Open the execution: timeline, live tail, re-run</Link>
              ) : view.executions.length === 1 ? "1 execution" : `${view.executions.length} executions`}
              {filters.contains ? <> · lines containing “{filters.contains}”</> : null}
            </p>
          </div>
          {view.state === "ok" && view.throttled ? (
            <p className="notice" role="status">
              Showing the lines read <LocalTime iso={view.fetchedAt} style="seconds" />: {view.throttled}
            </p>
          ) : null}
          {view.state === "error" ? (
            <p className="notice error" role="alert">Could not read the logs from {view.account}: {view.message}</p>
          ) : view.lines.length === 0 ? (
            <p className="muted">No log lines{filters.contains ? " match" : " yet"}. Runs that are starting write their first lines within a minute.</p>
          ) : (
            <div className="table-wrap">
              <table className="log-lines">
                <thead>
                  <tr><th>Time</th>{view.executions.length > 1 ? <th>Execution</th> : null}<th>Line</th></tr>
                </thead>
                <tbody>
                  {view.lines.map((line, i) => (
                    <tr key={`${line.at}-${i}`} data-testid="log-line" className={line.stream === "stderr" ? "stderr" : undefined}>
                      <td style={{ whiteSpace: "nowrap" }}><LocalTime iso={line.at} style="seconds" /></td>
                      {view.executions.length > 1 ? (
                        <td className="mono" style={{ whiteSpace: "nowrap" }}>
                          {view.pages[line.executionProviderId] ? <Link href={`/executions/${view.pages[line.executionProviderId]}`}>{line.executionProviderId}</Link> : line.executionProviderId}
                        </td>
                      ) : null}
                      <td className="mono wrap">{line.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {view.state === "ok" && view.nextCursor ? (
            <nav className="pager" aria-label="Pages">
              <span />
              <Link href={href({ ...withoutCursor, cursor: view.nextCursor })}>More lines →</Link>
            </nav>
          ) : null}
        </section>
      )}
    </>
  );
}
