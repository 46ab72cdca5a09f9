"use client";

import { useActionState, useState } from "react";
import { ActionFeedback } from "@/components/action-feedback";
import { nextRequestKey } from "@/components/request-key";
import type { ActionResult } from "@/lib/errors";
import { redeployAction } from "./actions";

export function RedeployForm({ jobId, jobName, image, initialKey }: { jobId: string; jobName: string; image: string | null; initialKey: string }) {
  const [requestKey, setRequestKey] = useState(initialKey);
  const [state, action, pending] = useActionState(async (previous: ActionResult<null> | null, form: FormData) => {
    const result = await redeployAction(previous, form);
    if (result.ok) setRequestKey(nextRequestKey());
    return result;
  }, null);
  const error = state && !state.ok ? state.fieldErrors.image : undefined;
  return (
    <details className="run-form">
      <summary className="button secondary small">Redeploy…</summary>
      <form action={action} className="stack" style={{ gap: 8, marginTop: 8 }} aria-label={`Redeploy ${jobName}`} noValidate>
        <input type="hidden" name="jobId" value={jobId} />
        <input type="hidden" name="requestKey" value={requestKey} />
        <div className="field">
          <label htmlFor={`image-${jobId}`}>New image</label>
          <input id={`image-${jobId}`} name="image" defaultValue={image ?? ""} spellCheck={false} className="mono" aria-invalid={error ? true : undefined} />
          {error ? <span className="field-error">{error}</span> : null}
        </div>
        <button className="button small" type="submit" disabled={pending}>{pending ? "Redeploying… (the cloud applies it)" : `Redeploy ${jobName}`}</button>
        <ActionFeedback state={state} />
      </form>
    </details>
  );
}
