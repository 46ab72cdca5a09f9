"use client";

import { Disclosure } from "@/components/disclosure";
import { ActionFeedback, formFeedback } from "@/components/action-feedback";
import { useKeyedAction } from "@/components/use-keyed-action";
import { redeployAction } from "./actions";

export function RedeployForm({ jobId, jobName, image, initialKey }: { jobId: string; jobName: string; image: string | null; initialKey: string }) {
  const { state, formAction: action, pending, requestKey } = useKeyedAction(redeployAction, initialKey);
  const { errors, values } = formFeedback(state);
  const error = errors.image;
  const typed = values.image;
  return (
    <Disclosure className="run-form" summaryClassName="button secondary small" summary="Redeploy…">
      <form action={action} className="stack" style={{ gap: 8, marginTop: 8 }} aria-label={`Redeploy ${jobName}`} noValidate>
        <input type="hidden" name="jobId" value={jobId} />
        <input type="hidden" name="requestKey" value={requestKey} />
        <div className="field">
          <label htmlFor={`image-${jobId}`}>New image</label>
          <input id={`image-${jobId}`} name="image" defaultValue={typed ?? image ?? ""} spellCheck={false} className="mono" aria-invalid={error ? true : undefined} />
          {error ? <span className="field-error">{error}</span> : null}
        </div>
        <button className="button small" type="submit" disabled={pending}>{pending ? "Redeploying… (the cloud applies it)" : `Redeploy ${jobName}`}</button>
        <ActionFeedback state={state} />
      </form>
    </Disclosure>
  );
}
