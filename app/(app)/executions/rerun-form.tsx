"use client";

import Link from "next/link";
import { ActionFeedback } from "@/components/action-feedback";
import { useKeyedAction } from "@/components/use-keyed-action";
import { rerunAction } from "./actions";

/** "Re-run": the same job with the same batch and overrides, one click; a double click starts one run. */
export function RerunForm({ executionId, name, initialKey, small = false }: { executionId: string; name: string; initialKey: string; small?: boolean }) {
  const { state, formAction, pending, requestKey } = useKeyedAction(rerunAction, initialKey);
  const started = state?.ok ? state.data.executionId : null;
  return (
    <form action={formAction} className="row" style={{ gap: 6 }}>
      <input type="hidden" name="executionId" value={executionId} />
      <input type="hidden" name="requestKey" value={requestKey} />
      <button className={`button secondary${small ? " small" : ""}`} type="submit" disabled={pending} aria-label={`Re-run ${name} with the same parameters`} title="Start the same job again with this run's batch and overrides">
        {pending ? "Starting…" : "Re-run"}
      </button>
      <ActionFeedback state={state} />
      {started ? <Link href={`/executions/${started}`}>Open the new run →</Link> : null}
    </form>
  );
}
