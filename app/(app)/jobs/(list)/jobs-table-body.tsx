"use client";

import { IntentLink } from "@/components/intent-link";
import { approxDuration } from "@/components/durations";
import { shortImage } from "@/components/image-name";
import { LocalTime } from "@/components/local-time";
import { StatusBadge } from "@/components/status-badge";
import { SuccessRate } from "@/components/success-rate";
import type { JobsTableRow } from "@/lib/queries/jobs-table";
import { RedeployForm } from "../redeploy-form";
import { RunForm } from "../run-form";

// The Jobs table's rows, drawn from the rows' data in the browser's bundle: the server sends each job
// once as data, not as an element tree that React's Flight renderer splits into a chunk per cell
// (components/filter-select.tsx says why).

export interface JobsTableBodyRow {
  job: JobsTableRow;
  /** The request keys of its Run and Redeploy forms ("" when the member may not act). */
  runKey: string;
  redeployKey: string;
}

export function JobsTableBody({ rows, run, redeploy }: { rows: JobsTableBodyRow[]; run: boolean; redeploy: boolean }) {
  return (
    <tbody>
      {rows.map(({ job, runKey, redeployKey }) => {
        const last = job.lastRun;
        return (
          <tr key={job.id} data-testid="job-row">
            <td style={{ whiteSpace: "nowrap" }}><IntentLink href={`/jobs/${job.id}`}><strong>{job.name}</strong></IntentLink>{job.kind === "service" ? <span className="badge">service</span> : null}</td>
            <td>
              {job.account.name} <span className="badge">{job.account.cloud}</span>
              {job.account.health.level !== "ok" ? <> <span className={`badge ${job.account.health.level === "error" ? "error" : ""}`}>{job.account.health.title}</span></> : null}
            </td>
            <td>
              {job.triggers.length === 0 ? <span className="muted">manual only</span> : job.triggers.map((t) => (
                <div key={t.id} className={t.enabled ? undefined : "muted"}>
                  <span className="badge">{t.kind}</span> {t.expression ? <code>{t.expression}</code> : null}
                  {t.batch ? <> · batch <strong>{t.batch}</strong></> : null}
                </div>
              ))}
            </td>
            <td>{last ? <><StatusBadge status={last.status} /> <LocalTime iso={last.startedAt.toISOString()} /></> : <span className="muted">never</span>}</td>
            <td>{job.nextRun ? <LocalTime iso={job.nextRun.toISOString()} /> : <span className="muted">—</span>}</td>
            <td><SuccessRate recent={job.recent} /></td>
            <td>{job.recent?.medianMs != null ? approxDuration(job.recent.medianMs) : <span className="muted">—</span>}</td>
            <td className="mono" style={{ whiteSpace: "nowrap" }}>{job.image ? <span title={job.image}>{shortImage(job.image)}</span> : "—"}</td>
            {run ? (
              <td>
                <div className="stack" style={{ gap: 6 }}>
                  {job.kind === "job" ? <RunForm jobId={job.id} jobName={job.name} batches={job.batches} initialKey={runKey} /> : null}
                  {redeploy ? <RedeployForm jobId={job.id} jobName={job.name} image={job.image} initialKey={redeployKey} /> : null}
                </div>
              </td>
            ) : null}
          </tr>
        );
      })}
    </tbody>
  );
}
