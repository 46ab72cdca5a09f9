"use client";

import type { ButtonHTMLAttributes } from "react";
import { Disclosure } from "@/components/disclosure";
import { ActionFeedback, formFeedback } from "@/components/action-feedback";
import { useKeyedAction } from "@/components/use-keyed-action";
import { startRunAction, stopRunAction } from "./actions";

/** "Run…": start one execution, optionally with a batch and extra env. One click, one run. */
export function RunForm({ jobId, jobName, batches, initialKey }: { jobId: string; jobName: string; batches: string[]; initialKey: string }) {
  const { state, formAction: action, pending, requestKey } = useKeyedAction(startRunAction, initialKey);
  const { errors, values } = formFeedback(state);
  const listId = `batches-${jobId}`;
  return (
    <Disclosure className="run-form" summaryClassName="button secondary small" summary="Run…">
      <form action={action} className="stack" style={{ gap: 8, marginTop: 8 }} aria-label={`Run ${jobName}`} noValidate>
        <input type="hidden" name="jobId" value={jobId} />
        <input type="hidden" name="requestKey" value={requestKey} />
        <div className="field">
          <label htmlFor={`batch-${jobId}`}>Batch</label>
          <input id={`batch-${jobId}`} name="batch" list={listId} defaultValue={values.batch ?? ""} placeholder="e.g. no2 (optional)" aria-invalid={errors.batch ? true : undefined} />
          <datalist id={listId}>{batches.map((b) => <option key={b} value={b} />)}</datalist>
          {errors.batch ? <span className="field-error">{errors.batch}</span> : null}
        </div>
        <div className="field">
          <label htmlFor={`env-${jobId}`}>Extra env (NAME=value per line)</label>
          <textarea id={`env-${jobId}`} name="env" rows={2} defaultValue={values.env ?? ""} spellCheck={false} aria-invalid={errors.env ? true : undefined} />
          {errors.env ? <span className="field-error">{errors.env}</span> : null}
        </div>
        <button className="button small" type="submit" disabled={pending}>{pending ? "Starting…" : `Start ${jobName}`}</button>
        <ActionFeedback state={state} />
      </form>
    </Disclosure>
  );
}

/**
 * "Stop" on one running execution (its page; the tables' rows share one form: useRowKeyedAction). Through
 * useKeyedAction like the other keyed forms: an action passed to useActionState bare is also encoded for
 * submission before hydration, which suspends the server's HTML render once per form.
 */
export function StopForm({ executionId, name, initialKey }: { executionId: string; name: string; initialKey: string }) {
  const { state, formAction: action, pending, requestKey } = useKeyedAction(stopRunAction, initialKey);
  return (
    <form action={action} className="row" onSubmit={(e) => { if (!confirmStop(name)) e.preventDefault(); }}>
      <input type="hidden" name="executionId" value={executionId} />
      <input type="hidden" name="requestKey" value={requestKey} />
      <StopButton run={name} pending={pending} />
      <ActionFeedback state={state} />
    </form>
  );
}

/** Asks before a stop: the run is cancelled in its cloud, which cannot be undone. */
export function confirmStop(name: string): boolean {
  return confirm(`Stop ${name}? The run is cancelled in the cloud.`);
}

/** The Stop button of the run named `run`; other attributes (a table row's form, name and value) pass through. */
export function StopButton({ run, pending, ...button }: { run: string; pending: boolean } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button {...button} className="button danger small" type="submit" disabled={pending} aria-label={`Stop ${run}`}>
      {pending ? "Stopping…" : "Stop"}
    </button>
  );
}
