import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { StatusBadge } from "@/components/status-badge";
import { newRequestKey } from "@/lib/actions/request-key";
import { sentMessages, takesMessages } from "@/lib/queries/sent-messages";
import type { Actor } from "@/lib/services/context";
import type { JobPage } from "@/lib/queries/job-page";
import { SendMessageForm } from "./send-message-form";

/**
 * For a job its queue wakes: the form (operators and above) and the last messages sent from Batchdeck,
 * each with the run the sync matched to it by time. Nothing for other jobs.
 */
export async function SentMessagesSection({ actor, job, canSend }: { actor: Actor; job: JobPage; canSend: boolean }) {
  if (!takesMessages(job)) return null;
  const messages = await sentMessages(actor, job.id);
  return (
    <section className="card" aria-labelledby="messages-h">
      <h2 id="messages-h">Queue messages</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        A message on the job&apos;s queue wakes a run. The message carries no id into the run, so the run shown is the one that started next, matched by time.
      </p>
      {canSend && !job.account.readOnly ? <SendMessageForm jobId={job.id} jobName={job.name} initialKey={newRequestKey()} /> : null}
      {messages.length === 0 ? (
        <p className="muted">No messages sent from Batchdeck yet.</p>
      ) : (
        <ul className="stack" style={{ gap: 4, paddingLeft: 0, listStyle: "none" }} aria-label="Sent messages">
          {messages.map((m) => (
            <li key={m.id} data-testid="sent-message">
              <LocalTime iso={m.at.toISOString()} /> · {m.by ?? "a removed member"} ·{" "}
              {m.state === "failed" ? (
                <span className="field-error">not sent: {m.error}</span>
              ) : m.state === "sending" ? (
                <span className="muted">sending</span>
              ) : m.run ? (
                <>
                  sent, woke <Link className="mono" href={`/executions/${m.run.id}`}>{m.run.providerId}</Link> <StatusBadge status={m.run.status} />{" "}
                  <span className="muted" title="Matched to the message by time">(inferred: matched by time)</span>
                </>
              ) : m.matching ? (
                <span className="muted">sent; waiting for the run it wakes (shown after the next sync)</span>
              ) : (
                <span className="muted">sent; no run started in the time after it</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
