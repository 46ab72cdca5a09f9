import type { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, toAppError } from "@/lib/errors";
import { providerFor } from "@/lib/catalog/provider-account";
import { lockRollups, refreshRollups } from "@/lib/catalog/rollups";
import { isOutcomeUnknown } from "@/lib/providers/timeout";
import type { InDoubt, ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { claimActionRequest, settleActionRequest } from "./action-request";
import type { stopInput } from "./schemas";

export async function stopRun({ actor, audit }: ServiceContext, input: z.infer<typeof stopInput>): Promise<ServiceOutcome<InDoubt>> {
  const execution = await db().execution.findUnique({ where: { id: input.executionId }, include: { job: { include: { account: true } } } });
  if (!execution) throw new AppError("not_found", "That execution is not in the catalog. Reload the page.");
  const { job } = execution;
  const target = { targetType: "execution", targetId: execution.id, target: `${job.name} ${execution.providerId}` };
  if (execution.status !== "running" && execution.status !== "queued") {
    throw new AppError("conflict", `${execution.providerId} has already ended (${execution.status}); there is nothing to stop.`);
  }
  if (job.account.readOnly) throw new AppError("rule", `${job.account.name} is read-only in Batchdeck: runs can't be stopped from here.`);
  const claim = await claimActionRequest({ key: input.requestKey, action: "stop", actorId: actor.id, accountId: job.accountId, jobId: job.id, params: { execution: execution.providerId } });
  if (!claim.fresh) {
    const inDoubt = claim.state === "in_doubt";
    const message = inDoubt ? `Stopping ${execution.providerId} is in doubt: the next sync shows whether it stopped; don't click Stop again.` : `Stopping ${execution.providerId} was already requested.`;
    return { data: { inDoubt }, message, audited: await audit(db(), { ...target, detail: { duplicate: true } }) };
  }
  try {
    await providerFor(job.account).stopExecution({ providerId: job.providerId, name: job.name }, execution.providerId, actor.email);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isOutcomeUnknown(error)) {
      const audited = await db().$transaction(async (tx) => {
        await settleActionRequest(claim.id, { state: "in_doubt", error: message }, tx);
        return audit(tx, { ...target, detail: { outcome: "in_doubt", reason: message } });
      });
      return {
        data: { inDoubt: true },
        message: `${execution.providerId} may be stopping: the cloud did not answer in time. The next sync shows whether it stopped; don't click Stop again.`,
        audited,
      };
    }
    await settleActionRequest(claim.id, { state: "failed", error: message });
    throw toAppError(error, `${job.account.name} did not stop ${execution.providerId}`);
  }
  const audited = await db().$transaction(async (tx) => {
    await settleActionRequest(claim.id, { state: "succeeded", executionProviderId: execution.providerId }, tx);
    // The cloud's stop finished (it is a long-running operation we waited for); the next sync confirms.
    await lockRollups(tx, [execution.jobId]);
    const span = { jobId: true, startedAt: true, endedAt: true } as const;
    const before = await tx.execution.findUniqueOrThrow({ where: { id: execution.id }, select: span });
    const after = await tx.execution.update({ where: { id: execution.id }, data: { status: "stopped", providerStatus: "Stopped", endedAt: new Date() }, select: span });
    await refreshRollups(tx, [before, after]);
    return audit(tx, target);
  });
  return { data: { inDoubt: false }, message: `Stopped ${execution.providerId}.`, audited };
}
