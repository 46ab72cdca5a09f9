"use client";

import { IntentLink } from "@/components/intent-link";
import { LocalTime } from "@/components/local-time";
import { StatusBadge } from "@/components/status-badge";

// The overview's failed and running runs, drawn from plain rows: the server sends each run once as data,
// not as an element tree that React's Flight renderer splits into a chunk per cell
// (app/(app)/executions/runs-table.tsx says why).

export interface OverviewRunRow {
  id: string;
  jobId: string;
  jobName: string;
  accountName: string;
  batch: string | null;
  status: string;
  startedAt: string | null;
  /** How it ended, or what the cloud says of it now. */
  detail: string;
}

export function OverviewRunsTable({ runs, label }: { runs: OverviewRunRow[]; label: string }) {
  return (
    <div className="card table-wrap">
      <table aria-label={label}>
        <thead>
          <tr><th>Job</th><th>Batch</th><th>Status</th><th>Started</th><th>Details</th><th /></tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="overview-run">
              <td><IntentLink href={`/jobs/${run.jobId}`}>{run.jobName}</IntentLink> <span className="muted">{run.accountName}</span></td>
              <td>{run.batch ?? <span className="muted">—</span>}</td>
              <td><StatusBadge status={run.status} /></td>
              <td>{run.startedAt ? <LocalTime iso={run.startedAt} /> : <span className="muted">not yet</span>}</td>
              <td className="wrap">{run.detail}</td>
              <td>
                <IntentLink href={`/logs?execution=${run.id}`}>Logs</IntentLink> ·{" "}
                <IntentLink href={`/executions/${run.id}`} title="The run's timeline, parameters and live logs">Details</IntentLink>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
