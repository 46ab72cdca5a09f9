"use client";

import { useActionState, useState } from "react";
import { ActionFeedback, formFeedback } from "@/components/action-feedback";
import { setRetentionAction } from "./actions";

// How long an account's run history is kept. Before a retention that removes runs can be saved, the
// form says how many and over which time (from /api/accounts/retention-preview), links to the export of
// exactly those runs, and asks for an explicit confirmation.

interface Preview {
  days: number;
  cut: string;
  runs: number;
  from: string | null;
  to: string | null;
}

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

export function RetentionForm({ accountId, name, retentionDays }: { accountId: string; name: string; retentionDays: number | null }) {
  const [state, action, pending] = useActionState(setRetentionAction, null);
  const { errors } = formFeedback(state);
  const [days, setDays] = useState(retentionDays === null ? "" : String(retentionDays));
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const id = `retention-${accountId}`;

  const check = async () => {
    setChecking(true);
    setPreview(null);
    setPreviewError(null);
    try {
      const response = await fetch(`/api/accounts/retention-preview?${new URLSearchParams({ account: accountId, days })}`);
      const body = (await response.json()) as Preview | { message: string };
      if ("message" in body) setPreviewError(body.message);
      else setPreview(body);
    } catch {
      setPreviewError("Could not reach Batchdeck to count the runs. Check your connection and try again.");
    } finally {
      setChecking(false);
    }
  };
  const exportHref = (format: "csv" | "json") => `/api/executions/export?${new URLSearchParams({ account: accountId, format, olderThanDays: String(preview?.days ?? "") })}`;
  const removes = preview !== null && preview.runs > 0;

  return (
    <form action={action} className="stack" aria-label={`Run history of ${name}`}>
      <input type="hidden" name="accountId" value={accountId} />
      <p className="muted" style={{ margin: 0 }}>
        {retentionDays === null ? "Keeps every run (the default)." : `Keeps ${retentionDays} days of runs; older ones are removed daily.`} Job stats and usage keep counting removed days.
      </p>
      <div className="field">
        <label htmlFor={id}>Keep runs for (days)</label>
        <input id={id} name="retentionDays" inputMode="numeric" placeholder="Keep everything" value={days} autoComplete="off"
          onChange={(e) => { setDays(e.target.value.trim()); setPreview(null); setPreviewError(null); }} aria-invalid={errors.retentionDays ? true : undefined} />
        {errors.retentionDays ? <span className="field-error">{errors.retentionDays}</span> : <span className="muted" style={{ fontSize: "0.8rem" }}>7 to 3650 days; blank keeps everything.</span>}
      </div>
      {days === "" ? null : (
        <div className="row">
          <button type="button" className="button secondary small" onClick={check} disabled={checking}>{checking ? "Counting…" : "Check what it removes"}</button>
        </div>
      )}
      {previewError ? <div role="alert" className="notice error">{previewError}</div> : null}
      {preview ? (
        <div role="status" className={`notice ${removes ? "warn" : "ok"}`} data-testid="retention-preview">
          {removes ? (
            <>
              Keeping {preview.days} days removes {preview.runs.toLocaleString("en-US")} run{preview.runs === 1 ? "" : "s"}, from {utc(preview.from!)} to {utc(preview.to!)} (every run
              that ended before {utc(preview.cut)}). Download them first if you need them: <a href={exportHref("csv")} download>CSV</a> · <a href={exportHref("json")} download>JSON</a>
            </>
          ) : (
            <>Keeping {preview.days} days removes no runs now (none ended before {utc(preview.cut)}).</>
          )}
        </div>
      ) : null}
      {removes ? (
        <label className="row" style={{ fontWeight: 400, flexWrap: "nowrap", alignItems: "flex-start" }}>
          <input type="checkbox" name="confirm" required /> Remove these {preview.runs.toLocaleString("en-US")} runs for good
        </label>
      ) : null}
      {errors.confirm ? <span className="field-error">{errors.confirm}</span> : null}
      <div className="row">
        <button className="button" type="submit" disabled={pending || (days !== "" && preview === null)}>{pending ? "Saving…" : "Save retention"}</button>
      </div>
      <ActionFeedback state={state} />
    </form>
  );
}
