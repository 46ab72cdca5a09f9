import type { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, toAppError } from "@/lib/errors";
import { providerFor } from "@/lib/catalog/provider-account";
import { isOutcomeUnknown } from "@/lib/providers/timeout";
import { assertCan } from "@/lib/queries/access";
import { takesMessages } from "@/lib/queries/sent-messages";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { claimActionRequest, settleActionRequest } from "@/lib/services/executions/action-request";
import type { sendMessageInput } from "./schemas";

// "Send a message" for a job its queue wakes (Service Bus, seed 000): the message goes to the job's queue
// once per request key, and the run it causes is found later by the sync (lib/sync/match-messages.ts),
// by time, because a message carries no id into the run it wakes.

export interface SendMessageOutcome {
  /** False when this click found an earlier one with the same key instead of sending again. */
  sent: boolean;
  sentAt: string | null;
}

/** What the request row keeps: when the cloud took the message (where the match's window starts). */
export interface SentMessageResult {
  sentAt: string;
}

export async function sendMessage(ctx: ServiceContext, input: z.infer<typeof sendMessageInput>): Promise<ServiceOutcome<SendMessageOutcome>> {
  assertCan(ctx.actor, "executions:run");
  const job = await db().job.findUnique({ where: { id: input.jobId }, include: { account: true, triggers: { select: { kind: true } } } });
  if (!job || job.goneAt) throw new AppError("not_found", "That job no longer exists in its cloud account. Reload the page.");
  if (job.account.readOnly) throw new AppError("rule", `${job.account.name} is read-only in Batchdeck: messages can't be sent from here.`);
  const provider = takesMessages(job) ? providerFor(job.account) : null;
  if (!provider?.sendTriggerMessage) throw new AppError("invalid", `${job.name} is not woken by a queue message, so there is nowhere to send one. Start it with Run instead.`);

  const bytes = Buffer.byteLength(input.body, "utf8");
  // The body is the job's input and may hold anything: the audit and the request row keep its size only.
  const target = { targetType: "job", targetId: job.id, target: job.name };
  const detail = { bytes, requestKey: input.requestKey };
  const claim = await claimActionRequest({ key: input.requestKey, action: "send_message", actorId: ctx.actor.id, accountId: job.accountId, jobId: job.id, params: { bytes } });
  if (!claim.fresh) {
    const message = claim.state === "succeeded" ? "Already sent: this click did not send the message again." : "This message is already being sent.";
    return { data: { sent: false, sentAt: null }, message, audited: await ctx.audit(db(), { ...target, detail: { ...detail, duplicate: true } }) };
  }

  let sentAt: Date;
  try {
    // The request key is the message id: a queue with duplicate detection drops a resend of this form.
    ({ sentAt } = await provider.sendTriggerMessage({ providerId: job.providerId, name: job.name }, input.body, input.requestKey));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await settleActionRequest(claim.id, { state: "failed", error: reason });
    if (isOutcomeUnknown(error)) {
      throw new AppError(
        "unreachable",
        `${job.account.name} did not answer in time, so the message may or may not be on the queue. Check the job's runs in a minute before sending it again.`,
      );
    }
    throw toAppError(error, `${job.account.name} did not take the message for ${job.name}`);
  }
  const result: SentMessageResult = { sentAt: sentAt.toISOString() };
  const audited = await db().$transaction(async (tx) => {
    await tx.actionRequest.update({ where: { id: claim.id }, data: { state: "succeeded", error: null, result: { ...result } } });
    return ctx.audit(tx, { ...target, detail: { ...detail, sentAt: result.sentAt } });
  });
  return {
    data: { sent: true, sentAt: result.sentAt },
    message: `Message sent to ${job.name}'s queue. The run it wakes shows below after the next sync, matched by time.`,
    audited,
  };
}
