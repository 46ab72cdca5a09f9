"use client";

import { useActionState, useRef, useState, type FormEvent } from "react";
import type { ActionResult } from "@/lib/errors";
import { isInDoubt } from "./action-feedback";

/** The next request key after a form did its work, so a deliberate second click is a new action. */
function nextRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16)); // randomUUID needs a secure context; this doesn't
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Whether a result ends its key's use: a success does; a failure or an action in doubt keeps it, so a retry is the same action. */
function retiresKey(result: ActionResult<unknown>): boolean {
  return result.ok && !isInDoubt(result);
}

/**
 * A form action carrying a request key (lib/services/executions/schemas.ts): resubmitting or double
 * clicking sends the same key, so the server acts once; after a success the form gets a fresh key. An
 * action in doubt keeps its key: clicking again is answered "still being checked", never a second run.
 */
export function useKeyedAction<T>(action: (previous: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>, initialKey: string) {
  const [requestKey, setRequestKey] = useState(initialKey);
  const [state, formAction, pending] = useActionState(async (previous: ActionResult<T> | null, form: FormData) => {
    const result = await action(previous, form);
    if (retiresKey(result)) setRequestKey(nextRequestKey());
    return result;
  }, null);
  return { state, formAction, pending, requestKey };
}

/**
 * One keyed action for every row of a table: a single form (`id`), submitted by each row's button, whose
 * name is `field` and whose value is the row's id. Rows then carry a button each instead of a form with
 * its own state and hidden fields, which was a sixth of the Executions screen's server time. Keys are made
 * in the browser on a row's first click and kept per row by the same rule as useKeyedAction.
 */
export function useRowKeyedAction<T>(action: (previous: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>, field: string) {
  const keys = useRef(new Map<string, string>());
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [results, formAction, pending] = useActionState(async (previous: Record<string, ActionResult<T>>, form: FormData) => {
    const id = String(form.get(field) ?? "");
    const key = keys.current.get(id) ?? nextRequestKey();
    keys.current.set(id, key);
    form.set("requestKey", key);
    const result = await action(previous[id] ?? null, form);
    if (retiresKey(result)) keys.current.delete(id);
    return { ...previous, [id]: result };
  }, {});
  /** The row whose button submitted the form, read before the action runs (a confirm may still cancel it). */
  const submitter = (event: FormEvent<HTMLFormElement>) => (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
  return {
    formAction,
    results,
    /** The row whose action is under way, if any. */
    pendingId: pending ? submitted : null,
    submitter,
    markSubmitted: (event: FormEvent<HTMLFormElement>) => setSubmitted(submitter(event)?.value ?? null),
  };
}
