import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { FeedbackRegion } from "@/components/action-feedback";
import { LocalTime } from "@/components/local-time";
import { PageHead } from "@/components/page-head";
import { can } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { alertSmtp } from "@/lib/env";
import { FORMAT_LABELS } from "@/lib/alerts/message";
import { alertableJobs, alertChannels } from "@/lib/queries/alerts";
import { ChannelActions } from "./channel-actions";
import { ChannelForm } from "./channel-form";

export const metadata = { title: "Alerts" };

const STATUS_TONE = { sent: "ok", failed: "error", pending: "", sending: "" } as const;

export default async function AlertsPage() {
  const actor = await requireActor("/alerts");
  if (!can(actor.role, "alerts:manage")) {
    return (
      <>
        <PageHead title="Alerts" subtitle="Where failed runs are announced." />
        <p className="notice" style={{ background: "var(--surface-2)" }}>Owners and admins choose where failures are sent. Ask one of them to add you to the lab&apos;s alert channel.</p>
      </>
    );
  }
  const [channels, jobs] = await Promise.all([alertChannels(actor), alertableJobs(actor)]);
  const jobNames = new Map(jobs.map((j) => [j.id, j.name]));
  return (
    <>
      <PageHead title="Alerts" subtitle="Each failed run is sent once to every channel that covers its job, with a link to the run and its logs." />
      <div className="stack">
        <section className="card" aria-labelledby="add-channel-heading">
          <h2 id="add-channel-heading">Add a channel</h2>
          <ChannelForm jobs={jobs.map((j) => ({ id: j.id, name: j.name, account: j.account.name }))} emailEnabled={alertSmtp() !== null} />
        </section>
        <FeedbackRegion>
          {channels.length === 0 ? (
            <EmptyState icon="🔔" title="No alert channels">Nobody hears about failed runs yet. Add a Slack, Discord or Teams webhook, or email when the server can send it.</EmptyState>
          ) : (
            channels.map((channel) => (
              <section key={channel.id} className="card stack" aria-label={channel.name} data-testid="alert-channel">
                <div className="row" style={{ justifyContent: "space-between", flexWrap: "wrap" }}>
                  <div>
                    <h2 style={{ margin: 0 }}>{channel.name}</h2>
                    <p className="muted" style={{ margin: "4px 0 0" }}>
                      {channel.kind === "email" ? `Email to ${channel.recipients.join(", ")}` : `${FORMAT_LABELS[channel.format ?? "generic"]} · ${channel.urlHint}`}
                      {" · "}
                      {channel.allJobs ? "every job" : channel.jobIds.map((id) => jobNames.get(id) ?? "a deleted job").join(", ")}
                      {" · since "}
                      <LocalTime iso={channel.createdAt.toISOString()} />
                    </p>
                  </div>
                  <ChannelActions channelId={channel.id} name={channel.name} />
                </div>
                {channel.deliveries.length === 0 ? (
                  <p className="muted" style={{ margin: 0 }}>No failures sent here yet.</p>
                ) : (
                  <div className="table-wrap">
                    <table>
                      <thead>
                        <tr><th>Failed run</th><th>Alert</th><th>Attempts</th><th>Last answer</th></tr>
                      </thead>
                      <tbody>
                        {channel.deliveries.map((d) => (
                          <tr key={d.id} data-testid="alert-delivery">
                            <td className="wrap"><Link href={`/executions/${d.execution_id}`}>{d.job_name} · {d.provider_id}</Link></td>
                            <td><span className={`badge ${STATUS_TONE[d.status]}`}>{d.status}</span></td>
                            <td>{d.attempt_count}</td>
                            <td className="wrap">{d.last_detail ?? "—"}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </section>
            ))
          )}
        </FeedbackRegion>
      </div>
    </>
  );
}
