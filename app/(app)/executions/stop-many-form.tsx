"use client";

import { useKeyedAction } from "@/components/use-keyed-action";
import { ActionFeedback } from "@/components/action-feedback";
import type { ActionResult } from "@/lib/errors";
import type { StopResult } from "@/lib/services/executions/stop-many";
import { stopManyAction } from "./actions";

// "Stop selected": the running rows' checkboxes belong to this form (form="stop-many"), wherever they sit
// in the table; their ids travel as one field, and each run's result is listed after.

export const STOP_MANY_FORM = "stop-many";

const OUTCOME: Record<StopResult["outcome"], string> = {
  stopped: "stopped",
  in_doubt: "may be stopping",
  already_ended: "already ended",
  failed: "failed",
};

export function StopManyForm({ initialKey }: { initialKey: string }) {
  const { state, formAction, pending, requestKey } = useKeyedAction(async (previous: ActionResult<{ results: StopResult[] }> | null, form: FormData) => {
    form.set("executionIds", form.getAll("pick").join(","));
    form.delete("pick");
    return stopManyAction(previous, form);
  }, initialKey);
  return (
    <div className="stack" style={{ gap: 8 }}>
      <form
        id={STOP_MANY_FORM}
        action={formAction}
        className="row"
        aria-label="Stop selected executions"
        onSubmit={(e) => {
          const count = e.currentTarget.ownerDocument.querySelectorAll(`input[form="${STOP_MANY_FORM}"]:checked`).length;
          if (count === 0 || !confirm(`Stop ${count} run${count === 1 ? "" : "s"}? Each is cancelled in its cloud.`)) e.preventDefault();
        }}
      >
        <input type="hidden" name="requestKey" value={requestKey} />
        <button className="button danger small" type="submit" disabled={pending}>{pending ? "Stopping…" : "Stop selected"}</button>
        <span className="muted" style={{ fontSize: "0.85rem" }}>Tick running executions below, then stop them together.</span>
      </form>
      <ActionFeedback state={state} />
      {state?.ok ? (
        <ul className="stop-results" aria-label="Stop results">
          {state.data.results.map((r) => (
            <li key={r.executionId} data-testid="stop-result" data-outcome={r.outcome}>
              <span className="mono">{r.name}</span>: <strong>{OUTCOME[r.outcome]}</strong>
              {"message" in r ? <span className="muted"> ({r.message})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
