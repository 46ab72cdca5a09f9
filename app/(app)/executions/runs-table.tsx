"use client";

import { ActionFeedback, isInDoubt } from "@/components/action-feedback";
import { IntentLink } from "@/components/intent-link";
import { LocalTime } from "@/components/local-time";
import { StatusBadge } from "@/components/status-badge";
import { useRowKeyedAction } from "@/components/use-keyed-action";
import type { ActionResult } from "@/lib/errors";
import { stopRunAction } from "../jobs/actions";
import { confirmStop, StopButton } from "../jobs/run-form";
import { rerunAction } from "./actions";
import { RerunButton, RerunFeedback } from "./rerun-form";
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
}

function stopFeedback(state: ActionResult<unknown> | undefined, going: boolean): ActionResult<unknown> | null {
  return state && (going || !state.ok || isInDoubt(state)) ? state : null;
}

/** The forms every row's Re-run and Stop buttons submit (useRowKeyedAction). */
const RERUN_FORM = "rerun-row";
const STOP_FORM = "stop-row";

/**
 * "catalog": every job's runs, with the job, and (for operators) a box to tick for "Stop selected" and
 * the Re-run and Stop buttons. "job": one job's history, whose page has its own actions.
 */
export function RunsTable({ rows, variant, operate = false }: { rows: RunsTableRow[]; variant: "catalog" | "job"; operate?: boolean }) {
  const catalog = variant === "catalog";
  const act = catalog && operate;
  const rerun = useRowKeyedAction(rerunAction, "executionId");
  const stop = useRowKeyedAction(stopRunAction, "executionId");
  return (
    <div className="table-wrap">
      {act ? (
        <>
          <form id={RERUN_FORM} action={rerun.formAction} onSubmit={rerun.markSubmitted} hidden />
          <form
            id={STOP_FORM}
            action={stop.formAction}
            hidden
            onSubmit={(e) => {
              if (!confirmStop(stop.submitter(e)?.dataset.name ?? "this run")) e.preventDefault();
              else stop.markSubmitted(e);
            }}
          />
        </>
      ) : null}
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
                    <RerunButton form={RERUN_FORM} name="executionId" value={e.id} run={e.providerId} pending={rerun.pendingId === e.id} small />
                    {e.going ? <StopButton form={STOP_FORM} name="executionId" value={e.id} data-name={e.providerId} run={e.providerId} pending={stop.pendingId === e.id} /> : null}
                  </div>
                  <RerunFeedback state={rerun.results[e.id] ?? null} />
                  {/* A stop that worked shows in the row's status; a failed or uncertain one says why here. */}
                  <ActionFeedback state={stopFeedback(stop.results[e.id], e.going)} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
