import type { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, toAppError } from "@/lib/errors";
import { providerFor } from "@/lib/catalog/provider-account";
import { isOutcomeUnknown } from "@/lib/providers/timeout";
import type { InDoubt, ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { claimActionRequest, settleActionRequest } from "@/lib/services/executions/action-request";
import type { redeployInput } from "./schemas";

/** What the user reads when a redeploy's outcome is unknown. */
export function redeployInDoubtMessage(jobName: string, image: string): string {
  return `${jobName} may now run ${image}: the cloud did not answer in time. The next sync checks the job's image and records the outcome; don't click Redeploy again.`;
}

/** Points a job at a new image and waits until the cloud has applied it; kept as a Deployment. */
export async function redeployJob({ actor, audit }: ServiceContext, input: z.infer<typeof redeployInput>): Promise<ServiceOutcome<InDoubt>> {
  const job = await db().job.findUnique({ where: { id: input.jobId }, include: { account: true } });
  if (!job || job.goneAt) throw new AppError("not_found", "That job no longer exists in its cloud account. Reload the page.");
  if (job.account.readOnly) throw new AppError("rule", `${job.account.name} is read-only in Batchdeck: jobs can't be redeployed from here.`);
  if (job.image === input.image) throw new AppError("invalid", `${job.name} already runs ${input.image}.`, { image: "That is the current image." });
  const target = { targetType: "job", targetId: job.id, target: job.name };
  const detail = { from: job.image, to: input.image };

  const claim = await claimActionRequest({ key: input.requestKey, action: "redeploy", actorId: actor.id, accountId: job.accountId, jobId: job.id, params: { image: input.image } });
  if (!claim.fresh) {
    const message = claim.state === "in_doubt" ? redeployInDoubtMessage(job.name, input.image) : `The redeploy of ${job.name} was already requested.`;
    return { data: { inDoubt: claim.state === "in_doubt" }, message, audited: await audit(db(), { ...target, detail: { ...detail, duplicate: true } }) };
  }
  const deployment = await db().deployment.upsert({
    where: { actionRequestId: claim.id },
    create: { jobId: job.id, actorId: actor.id, fromImage: job.image, toImage: input.image, state: "in_progress", actionRequestId: claim.id },
    update: { state: "in_progress", error: null },
  });
  let changes: string[];
  try {
    ({ changes } = await providerFor(job.account).redeploy({ providerId: job.providerId, name: job.name }, input.image));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isOutcomeUnknown(error)) {
      // Azure may have taken the new image: neither failed nor done until the sync reads the job.
      const audited = await db().$transaction(async (tx) => {
        await settleActionRequest(claim.id, { state: "in_doubt", error: message }, tx);
        await tx.deployment.update({ where: { id: deployment.id }, data: { state: "in_doubt", error: message } });
        return audit(tx, { ...target, detail: { ...detail, outcome: "in_doubt", reason: message } });
      });
      return { data: { inDoubt: true }, message: redeployInDoubtMessage(job.name, input.image), audited };
    }
    await settleActionRequest(claim.id, { state: "failed", error: message });
    await db().deployment.update({ where: { id: deployment.id }, data: { state: "failed", error: message, completedAt: new Date() } });
    throw toAppError(error, `${job.account.name} did not redeploy ${job.name}`);
  }
  const audited = await db().$transaction(async (tx) => {
    await settleActionRequest(claim.id, { state: "succeeded" }, tx);
    await tx.deployment.update({ where: { id: deployment.id }, data: { state: "succeeded", completedAt: new Date(), changes } });
    await tx.job.update({ where: { id: job.id }, data: { image: input.image } });
    return audit(tx, { ...target, detail: changes.length ? { ...detail, changes } : detail });
  });
  const also = changes.length ? ` Changed: ${changes.join("; ")}.` : "";
  return { data: { inDoubt: false }, message: `${job.name} now runs ${input.image}; the next run uses it.${also}`, audited };
}
