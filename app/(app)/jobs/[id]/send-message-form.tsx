"use client";

import { ActionFeedback, formFeedback } from "@/components/action-feedback";
import { useKeyedAction } from "@/components/use-keyed-action";
import { sendMessageAction } from "../actions";

/** "Send a message" to the queue that wakes the job: one click, one message (the request key is its id). */
export function SendMessageForm({ jobId, jobName, initialKey }: { jobId: string; jobName: string; initialKey: string }) {
  const { state, formAction, pending, requestKey } = useKeyedAction(sendMessageAction, initialKey);
  const { errors, values } = formFeedback(state);
  return (
    <form action={formAction} className="stack" style={{ gap: 8 }} aria-label={`Send a message to ${jobName}`} noValidate>
      <input type="hidden" name="jobId" value={jobId} />
      <input type="hidden" name="requestKey" value={requestKey} />
      <div className="field">
        <label htmlFor={`message-${jobId}`}>Message (JSON)</label>
        <textarea
          id={`message-${jobId}`}
          name="body"
          rows={3}
          defaultValue={values.body ?? ""}
          placeholder='{"batch": "no2"}'
          spellCheck={false}
          aria-invalid={errors.body ? true : undefined}
        />
        {errors.body ? <span className="field-error">{errors.body}</span> : null}
      </div>
      <button className="button small" type="submit" disabled={pending}>{pending ? "Sending…" : "Send message"}</button>
      <ActionFeedback state={state} />
    </form>
  );
}
