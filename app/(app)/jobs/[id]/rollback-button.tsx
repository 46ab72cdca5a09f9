"use client";

import { shortImage } from "@/components/image-name";
import { useAnnounced } from "@/components/action-feedback";
import { useKeyedAction } from "@/components/use-keyed-action";
import { redeployAction } from "../actions";

/**
 * One click puts an earlier image back, through the same redeploy as a new image, so it is idempotent,
 * audited and recorded as a deployment. The row may disappear once it worked, so the outcome is
 * announced in the deployments' FeedbackRegion.
 */
export function RollbackButton({ jobId, jobName, image, initialKey }: { jobId: string; jobName: string; image: string; initialKey: string }) {
  const { formAction, pending, requestKey } = useKeyedAction(useAnnounced(redeployAction), initialKey);
  return (
    <form action={formAction}>
      <input type="hidden" name="jobId" value={jobId} />
      <input type="hidden" name="image" value={image} />
      <input type="hidden" name="requestKey" value={requestKey} />
      <button className="button secondary small" type="submit" disabled={pending} aria-label={`Roll ${jobName} back to ${image}`} title={`Redeploy ${jobName} with ${image}`}>
        {pending ? "Rolling back…" : `Roll back to ${shortImage(image)}`}
      </button>
    </form>
  );
}
