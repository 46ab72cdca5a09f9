"use client";

import { IntentLink } from "@/components/intent-link";

// Drawn in the browser's bundle from plain rows: a catalog's hundreds of jobs then cost the server one
// array of strings, not an element tree that React's Flight renderer splits into a chunk per cell
// (components/filter-select.tsx says why).

export interface JobCostRow {
  jobId: string;
  jobName: string;
  accountName: string;
  /** Each month's cost, formatted in the page's currency, oldest first. */
  costs: string[];
}

export function JobCostTable({ months, rows }: { months: string[]; rows: JobCostRow[] }) {
  return (
    <div className="card table-wrap">
      <table aria-label="Cost by job">
        <thead>
          <tr><th>Job</th><th>Account</th>{months.map((m) => <th key={m}>{m}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((j) => (
            <tr key={j.jobId} data-testid="job-cost" data-job={j.jobId}>
              <td><IntentLink href={`/jobs/${j.jobId}`}>{j.jobName}</IntentLink></td>
              <td>{j.accountName}</td>
              {j.costs.map((c, i) => <td key={i} className="mono">{c}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
