import { EmptyState } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import { PageHead } from "@/components/page-head";
import { StatusBadge } from "@/components/status-badge";
import { recentExecutions } from "@/lib/queries/catalog";

export const metadata = { title: "Executions" };

function duration(start: Date | null, end: Date | null): string {
  if (!start || !end) return "—";
  const seconds = Math.round((end.getTime() - start.getTime()) / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

export default async function ExecutionsPage() {
  const executions = await recentExecutions();
  return (
    <>
      <PageHead title="Executions" subtitle="The durable history of every run: the clouds forget, Batchdeck keeps it." />
      {executions.length === 0 ? (
        <EmptyState icon="▶" title="No executions recorded yet">
          Runs appear here as soon as a connected account has synced: who or what started them, which batch, how long they took and
          what they cost.
        </EmptyState>
      ) : (
        <div className="card table-wrap">
          <table>
            <thead>
              <tr><th>Execution</th><th>Job</th><th>Batch</th><th>Status</th><th>Started</th><th>Duration</th><th>Triggered by</th></tr>
            </thead>
            <tbody>
              {executions.map((e) => (
                <tr key={e.id}>
                  <td className="wrap mono">{e.providerId}</td>
                  <td>{e.job.name} <span className="badge">{e.job.account.cloud}</span></td>
                  <td>{e.batch ?? <span className="muted">—</span>}</td>
                  <td><StatusBadge status={e.status} /></td>
                  <td>{e.startedAt ? <LocalTime iso={e.startedAt.toISOString()} /> : "—"}</td>
                  <td>{duration(e.startedAt, e.endedAt)}</td>
                  <td>{e.triggeredBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
