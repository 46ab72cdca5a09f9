"use client";

import Link from "next/link";
import type { ButtonHTMLAttributes } from "react";
import { ActionFeedback } from "@/components/action-feedback";
import { useKeyedAction } from "@/components/use-keyed-action";
import type { ActionResult } from "@/lib/errors";
import type { RerunOutcome } from "@/lib/services/executions/rerun";
import { rerunAction } from "./actions";

/** "Re-run": the same job with the same batch and overrides, one click; a double click starts one run. */
export function RerunForm({ executionId, name, initialKey, small = false }: { executionId: string; name: string; initialKey: string; small?: boolean }) {
  const { state, formAction, pending, requestKey } = useKeyedAction(rerunAction, initialKey);
  return (
    <form action={formAction} className="row" style={{ gap: 6 }}>
      <input type="hidden" name="executionId" value={executionId} />
      <input type="hidden" name="requestKey" value={requestKey} />
      <RerunButton run={name} pending={pending} small={small} />
      <RerunFeedback state={state} />
    </form>
  );
}

/** The Re-run button of the run named `run`; other attributes (a table row's form, name and value) pass through. */
export function RerunButton({ run, pending, small = false, ...button }: { run: string; pending: boolean; small?: boolean } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button {...button} className={`button secondary${small ? " small" : ""}`} type="submit" disabled={pending} aria-label={`Re-run ${run} with the same parameters`} title="Start the same job again with this run's batch and overrides">
      {pending ? "Starting…" : "Re-run"}
    </button>
  );
}

/** A re-run's outcome, with a link to the run it started. */
export function RerunFeedback({ state }: { state: ActionResult<RerunOutcome> | null }) {
  return (
    <>
      <ActionFeedback state={state} />
      {state?.ok ? <Link href={`/executions/${state.data.executionId}`}>Open the new run →</Link> : null}
    </>
  );
}
