"use client";

import { useActionState, useState } from "react";
import { ActionFeedback, formFeedback } from "@/components/action-feedback";
import { FORMAT_LABELS } from "@/lib/alerts/message";
import { createChannelAction } from "./actions";

export interface JobChoice {
  id: string;
  name: string;
  account: string;
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? <span id={id} className="field-error">{error}</span> : null;
}

export function ChannelForm({ jobs, emailEnabled }: { jobs: JobChoice[]; emailEnabled: boolean }) {
  const [state, action, pending] = useActionState(createChannelAction, null);
  const { errors, values } = formFeedback(state);
  const [kind, setKind] = useState(values.kind ?? "webhook");
  const [scope, setScope] = useState(values.scope ?? "all");
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <form action={action} className="stack" noValidate aria-label="Add an alert channel">
      <div className="form-grid">
        <div className="field">
          <label htmlFor="alert-name">Name</label>
          <input id="alert-name" name="name" required defaultValue={values.name ?? ""} placeholder="#lab-alerts" aria-invalid={errors.name ? true : undefined} aria-describedby="alert-name-error" />
          <FieldError id="alert-name-error" error={errors.name} />
        </div>
        <div className="field">
          <label htmlFor="alert-kind">Send to</label>
          <select id="alert-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value)} aria-invalid={errors.kind ? true : undefined} aria-describedby="alert-kind-error">
            <option value="webhook">A webhook</option>
            {emailEnabled ? <option value="email">Email</option> : null}
          </select>
          <FieldError id="alert-kind-error" error={errors.kind} />
        </div>
        {kind === "webhook" ? (
          <>
            <div className="field">
              <label htmlFor="alert-format">Format</label>
              <select id="alert-format" name="format" defaultValue={values.format ?? "slack"} aria-invalid={errors.format ? true : undefined}>
                {Object.entries(FORMAT_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>{label}</option>
                ))}
              </select>
              <FieldError id="alert-format-error" error={errors.format} />
            </div>
            <div className="field">
              <label htmlFor="alert-url">Webhook URL</label>
              {/* Never echoed back after an error: it is a secret (define-action leaves out secret-named fields). */}
              <input id="alert-url" name="secretUrl" type="url" autoComplete="off" placeholder="https://hooks.slack.com/services/…" aria-invalid={errors.secretUrl ? true : undefined} aria-describedby="alert-url-error" />
              <FieldError id="alert-url-error" error={errors.secretUrl} />
            </div>
          </>
        ) : (
          <div className="field">
            <label htmlFor="alert-recipients">Recipients (comma-separated)</label>
            <input id="alert-recipients" name="recipients" defaultValue={values.recipients ?? ""} placeholder="ada@lab.example.edu, grace@lab.example.edu" aria-invalid={errors.recipients ? true : undefined} aria-describedby="alert-recipients-error" />
            <FieldError id="alert-recipients-error" error={errors.recipients} />
          </div>
        )}
      </div>
      <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0, gap: 6 }}>
        <legend>Failures of</legend>
        <label className="row"><input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} /> every job</label>
        <label className="row"><input type="radio" name="scope" value="chosen" checked={scope === "chosen"} onChange={() => setScope("chosen")} /> the jobs I choose</label>
        {scope === "chosen" ? (
          <div className="stack" style={{ gap: 4, maxHeight: 220, overflowY: "auto" }} role="group" aria-label="Jobs">
            {jobs.length === 0 ? <span className="muted">No jobs yet: they appear after the first sync.</span> : null}
            {jobs.map((job) => (
              <label key={job.id} className="row">
                <input type="checkbox" checked={chosen.includes(job.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, job.id] : chosen.filter((id) => id !== job.id))} />
                {job.name} <span className="muted">({job.account})</span>
              </label>
            ))}
            <FieldError id="alert-jobs-error" error={errors.jobIds} />
          </div>
        ) : null}
        {/* One field for the chosen jobs: the action reads the form as one value per name. */}
        <input type="hidden" name="jobIds" value={chosen.join(",")} />
      </fieldset>
      <div className="row">
        <button className="button" type="submit" disabled={pending}>{pending ? "Checking…" : "Add channel"}</button>
      </div>
      <ActionFeedback state={state} />
    </form>
  );
}
