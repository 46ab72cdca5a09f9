"use client";

import { useActionState, useState } from "react";
import type { ActionResult } from "@/lib/errors";
import { isInDoubt } from "./action-feedback";

/** The next request key after a form did its work, so a deliberate second click is a new action. */
function nextRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16)); // randomUUID needs a secure context; this doesn't
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
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
    if (result.ok && !isInDoubt(result)) setRequestKey(nextRequestKey());
    return result;
  }, null);
  return { state, formAction, pending, requestKey };
}
