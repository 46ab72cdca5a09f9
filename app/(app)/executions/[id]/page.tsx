import Link from "next/link";
import { notFound } from "next/navigation";
import { LocalTime } from "@/components/local-time";
import { PageHead } from "@/components/page-head";
import { StatusBadge } from "@/components/status-badge";
import { can } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { newRequestKey } from "@/lib/actions/request-key";
import { AppError } from "@/lib/errors";
import { executionScreen, type ExecutionScreen, type StartedBy } from "@/lib/queries/execution";
import { StopForm } from "../../jobs/run-form";
import { RerunForm } from "../rerun-form";
import { LogTail } from "./log-tail";
import { executionsHref } from "../search-params";
import { shortDuration } from "@/components/durations";

export const metadata = { title: "Execution" };

async function load(actor: Awaited<ReturnType<typeof requireActor>>, id: string): Promise<ExecutionScreen> {
  try {
    return await executionScreen(actor, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

function StartedByText({ by }: { by: StartedBy }) {
  switch (by.kind) {
    case "member":
      return (
        <>
          {by.email ?? "A member who has since been removed"}, from Batchdeck
          {by.inferred ? <span className="muted" title="Matched to a message sent from Batchdeck by time"> (inferred: matched by time)</span> : null}
        </>
      );
    case "trigger":
    case "event":
      return by.trigger ? (
        <>
          {by.trigger.kind === "schedule" ? "Schedule" : by.trigger.kind === "event" ? "Event" : "Trigger"} <span className="mono">{by.trigger.expression ?? by.trigger.providerId}</span>
          {by.trigger.batch ? <> (batch {by.trigger.batch})</> : null}
        </>
      ) : (
        <>{by.kind === "event" ? "An event rule" : "A schedule or rule"} of the job</>
      );
    case "external":
      return <>Outside Batchdeck (the cloud&apos;s console, CLI or API)</>;
  }
}

function resources(e: ExecutionScreen): string {
  const parts = [e.milliVcpu !== null ? `${e.milliVcpu / 1000} vCPU` : null, e.memoryMiB !== null ? (e.memoryMiB >= 1024 ? `${e.memoryMiB / 1024} GiB` : `${e.memoryMiB} MiB`) : null];
  return parts.filter(Boolean).join(" · ") || "—";
}

export default async function ExecutionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/executions/${encodeURIComponent(id)}`);
  const e = await load(actor, id);
  const running = e.status === "running" || e.status === "queued";
  const operate = can(actor.role, "executions:run") && !e.account.readOnly && !e.account.deleted && !e.job.goneAt;
  return (
    <>
      <PageHead
        title={`${e.job.name} · ${e.providerId}`}
        subtitle={
          <span className="row" style={{ gap: 8 }}>
            <StatusBadge status={e.status} />
            <span>{e.account.name}</span>
            {e.batch ? <span>batch {e.batch}</span> : null}
          </span>
        }
      >
        <div className="row">
          {operate && !e.hasHiddenOverrides ? <RerunForm executionId={e.id} name={e.providerId} initialKey={newRequestKey()} small /> : null}
          {operate && running ? <StopForm executionId={e.id} name={e.providerId} initialKey={newRequestKey()} /> : null}
          {e.consoleUrl ? (
            <a className="button secondary small" href={e.consoleUrl} target="_blank" rel="noreferrer noopener">
              Open in the cloud console ↗
            </a>
          ) : null}
        </div>
      </PageHead>
      {operate && e.hasHiddenOverrides ? (
        <p className="notice warn" style={{ marginBottom: 16 }}>
          This run had a secret-looking override whose value Batchdeck does not keep, so it can&apos;t be re-run from here: start {e.job.name} from the Jobs page and enter it again.
        </p>
      ) : null}

      <div className="execution-grid">
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <ol className="timeline">
            {e.timeline.map((step) => (
              <li key={step.label} data-step={step.label}>
                <strong>{step.label === "Ended" ? `Ended (${e.status})` : step.label === "Running" ? "Running for" : step.label}</strong>
                <span>
                  {step.at ? <LocalTime iso={step.at.toISOString()} style="seconds" /> : step.label === "Started" ? <span className="muted">not yet</span> : null}
                  {step.sincePreviousMs !== null ? <span className="muted"> {step.label === "Running" ? "" : "+"}{shortDuration(step.sincePreviousMs)}</span> : null}
                </span>
              </li>
            ))}
          </ol>
        </section>

        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">Run</h2>
          <dl className="facts">
            <dt>Started by</dt>
            <dd><StartedByText by={e.startedBy} /></dd>
            <dt>Job</dt>
            <dd><Link href={`/jobs/${e.job.id}`}>{e.job.name}</Link>{e.job.goneAt ? <span className="muted"> (no longer in the cloud)</span> : null}</dd>
            <dt>Batch</dt>
            <dd>{e.batch ? <Link href={executionsHref({ job: e.job.id, batch: e.batch })}>{e.batch}</Link> : <span className="muted">—</span>}</dd>
            <dt>Account</dt>
            <dd><Link href="/accounts">{e.account.name}</Link> <span className="badge">{e.account.cloud}</span></dd>
            <dt>Image</dt>
            <dd className="mono wrap">{e.image ?? "—"}</dd>
            <dt>Exit code</dt>
            <dd>{e.exitCode ?? (running ? <span className="muted">running</span> : "—")}</dd>
            <dt>Resources</dt>
            <dd>{resources(e)}</dd>
            <dt>Cloud status</dt>
            <dd>{e.providerStatus}</dd>
            {e.requestKey ? (
              <>
                <dt>Request key</dt>
                <dd className="mono wrap">{e.requestKey}</dd>
              </>
            ) : null}
          </dl>
        </section>

        <section className="card" aria-labelledby="overrides-title">
          <h2 id="overrides-title">Overrides</h2>
          {e.overrides.length === 0 ? (
            <p className="muted">None: it ran with the job&apos;s own env.</p>
          ) : (
            <table className="overrides">
              <tbody>
                {e.overrides.map(([name, value]) => (
                  <tr key={name}>
                    <th scope="row" className="mono">{name}</th>
                    <td className="mono wrap">{value === "[redacted]" ? <span className="muted" title="Secret-looking values are not kept">hidden</span> : value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <LogTail executionId={e.id} running={running} />
    </>
  );
}
