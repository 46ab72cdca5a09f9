import type { ActionResult } from "@/lib/errors";

/** The outcome of a form action, announced to screen readers. */
export function ActionFeedback({ state }: { state: ActionResult<unknown> | null }) {
  if (!state) return null;
  return (
    <div role={state.ok ? "status" : "alert"} className={`notice ${state.ok ? "ok" : "error"}`}>
      {state.ok ? state.message : state.error}
    </div>
  );
}
