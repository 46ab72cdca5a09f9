"use client";

import { IntentLink } from "@/components/intent-link";
import { LocalTime } from "@/components/local-time";
import { StatusBadge } from "@/components/status-badge";
import { StopForm } from "../jobs/run-form";
import { RerunForm } from "./rerun-form";
import { STOP_MANY_FORM } from "./stop-many-form";

// A table of runs: every job's on the Executions screen, one job's on its page. Drawn here from plain
// rows rather than as server-rendered markup: the server then sends each row's data once (about 300
// bytes) instead of its element tree, which React's Flight renderer splits into one lazy chunk per cell
// past its first 3,200 bytes (facebook/react#35125) and the HTML renderer then streams as a suspended
// segment each — most of the Executions screen's server time at 50 rows.

/** One run as a table shows it; everything already worked out on the server. */
export interface RunsTableRow {
  id: string;
  providerId: string;
  jobName: string;
  cloud: string;
  batch: string | null;
  /** The same table filtered to this run's batch. */
  batchHref: string | null;
  status: string;
  startedAt: string | null;
  duration: string;
  startedBy: string;
  inferred: boolean;
  /** Running or queued: it may be ticked and stopped. */
  going: boolean;
  /** Request keys of its Re-run and Stop forms ("" where the member may not act, or it has ended). */
  rerunKey: string;
  stopKey: string;
}

/**
 * "catalog": every job's runs, with the job, and (for operators) a box to tick for "Stop selected" and
 * the Re-run and Stop buttons. "job": one job's history, whose page has its own actions.
 */
export function RunsTable({ rows, variant, operate = false }: { rows: RunsTableRow[]; variant: "catalog" | "job"; operate?: boolean }) {
  const catalog = variant === "catalog";
  const act = catalog && operate;
  return (
    <div className="table-wrap">
      <table aria-label={catalog ? undefined : "Runs"}>
        <thead>
          <tr>
            {act ? <th><span className="visually-hidden">Select</span></th> : null}
            <th>{catalog ? "Execution" : "Run"}</th>{catalog ? <th>Job</th> : null}<th>Batch</th><th>Status</th><th>Started</th><th>Duration</th>
            <th className={catalog ? undefined : "hide-narrow"}>Triggered by</th>
            {act ? <th><span className="visually-hidden">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id} data-testid={catalog ? "execution-row" : "history-row"}>
              {act ? (
                <td>{e.going ? <input type="checkbox" form={STOP_MANY_FORM} name="pick" value={e.id} aria-label={`Select ${e.providerId}`} /> : null}</td>
              ) : null}
                      <td className={catalog ? "wrap mono" : "mono nowrap"}>
                <IntentLink href={`/executions/${e.id}`} title={catalog ? "Open the execution: its timeline and logs" : undefined}>{e.providerId}</IntentLink>
              </td>
              {catalog ? <td>{e.jobName} <span className="badge">{e.cloud}</span></td> : null}
              <td>{e.batch && e.batchHref ? <IntentLink href={e.batchHref}>{e.batch}</IntentLink> : <span className="muted">—</span>}</td>
              <td><StatusBadge status={e.status} /></td>
              <td>{e.startedAt ? <LocalTime iso={e.startedAt} /> : "—"}</td>
              <td>{e.duration}</td>
              <td className={catalog ? "wrap" : "wrap hide-narrow"}>{e.startedBy}{e.inferred ? <span className="muted" title="Matched to a click by time"> (inferred)</span> : null}</td>
              {act ? (
                <td>
                  <div className="row" style={{ gap: 6, flexWrap: "nowrap" }}>
                    <RerunForm executionId={e.id} name={e.providerId} initialKey={e.rerunKey} small />
                    {e.going ? <StopForm executionId={e.id} name={e.providerId} initialKey={e.stopKey} /> : null}
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
