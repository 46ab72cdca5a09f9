"use client";

import { createContext, useContext, useState } from "react";
import type { ActionResult } from "@/lib/errors";

/** A failed action's per-field errors and the values to show again (empty after a success). */
export function formFeedback(state: ActionResult<unknown> | null): { errors: Record<string, string>; values: Record<string, string> } {
  return state && !state.ok ? { errors: state.fieldErrors, values: state.values } : { errors: {}, values: {} };
}

/**
 * True when the action's outcome is unknown (lib/services/context.ts InDoubt): the cloud may have acted
 * but did not say, and the next sync settles it. Shown as a warning, never as done or failed.
 */
export function isInDoubt(state: ActionResult<unknown> | null): boolean {
  if (!state?.ok) return false;
  const data: unknown = state.data;
  return typeof data === "object" && data !== null && (data as { inDoubt?: unknown }).inDoubt === true;
}

/** The outcome of a form action, announced to screen readers. */
export function ActionFeedback({ state }: { state: ActionResult<unknown> | null }) {
  if (!state) return null;
  const tone = !state.ok ? "error" : isInDoubt(state) ? "warn" : "ok";
  return (
    <div role={state.ok ? "status" : "alert"} className={`notice ${tone}`} data-in-doubt={tone === "warn" ? true : undefined}>
      {state.ok ? state.message : state.error}
    </div>
  );
}

const Announce = createContext<(state: ActionResult<unknown>) => void>(() => {});

/**
 * Shows the outcome of a form whose own row disappears when it succeeds (removing a member): the
 * message is lifted to this region, which outlives the row.
 */
export function FeedbackRegion({ children }: { children: React.ReactNode }) {
  const [state, setState] = useState<ActionResult<unknown> | null>(null);
  return (
    <Announce.Provider value={setState}>
      <ActionFeedback state={state} />
      {children}
    </Announce.Provider>
  );
}

/** Wraps an action so its outcome is announced in the enclosing FeedbackRegion as soon as it arrives. */
export function useAnnounced<T>(action: (previous: ActionResult<T> | null, input: FormData) => Promise<ActionResult<T>>) {
  const announce = useContext(Announce);
  return async (previous: ActionResult<T> | null, input: FormData) => {
    const result = await action(previous, input);
    announce(result);
    return result;
  };
}
