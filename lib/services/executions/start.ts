import type { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, toAppError } from "@/lib/errors";
import { providerFor } from "@/lib/catalog/provider-account";
import { isOutcomeUnknown } from "@/lib/providers/timeout";
import { redactEnv } from "@/lib/catalog/redact";
import { lockRollups, refreshRollups } from "@/lib/catalog/rollups";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { claimActionRequest, settleActionRequest } from "./action-request";
import type { startInput } from "./schemas";

export interface StartOutcome {
  executionProviderId: string | null;
  /** False when this click found an earlier one with the same key instead of starting a run. */
  started: boolean;
  /** The cloud may have started it but did not say; the next sync settles it by the request key. */
  inDoubt: boolean;
}

/** What the user reads when a start's outcome is unknown: what happened, what Batchdeck does, what not to do. */
export function startInDoubtMessage(jobName: string, requestKey: string): string {
  return `${jobName} may have started: the cloud did not answer in time. The next sync looks for the run carrying request key ${requestKey} and shows it here; don't click Start again.`;
}

/** Starts one run of a job with env overrides (the batch among them), at most once per request key. */
export async function startRun({ actor, audit }: ServiceContext, input: z.infer<typeof startInput>): Promise<ServiceOutcome<StartOutcome>> {
  const job = await db().job.findUnique({ where: { id: input.jobId }, include: { account: true } });
  if (!job || job.goneAt) throw new AppError("not_found", "That job no longer exists in its cloud account. Reload the page.");
  if (job.kind !== "job") throw new AppError("invalid", `${job.name} is a service, not a job: it runs on requests, not on demand.`);
  if (job.account.readOnly) throw new AppError("rule", `${job.account.name} is read-only in Batchdeck: runs can't be started from here.`);

  const overrides = { ...input.env, ...(input.batch ? { [job.batchEnvVar ?? "BATCH"]: input.batch } : {}) };
  // Audited and stored for display with secret-looking values hidden; the cloud gets the real ones.
  const shown = redactEnv(overrides);
  const target = { targetType: "job", targetId: job.id, target: job.name };
  const detail = { overrides: shown, requestKey: input.requestKey };
  const claim = await claimActionRequest({ key: input.requestKey, action: "start", actorId: actor.id, accountId: job.accountId, jobId: job.id, params: shown });
  if (!claim.fresh) {
    const message =
      claim.state === "succeeded"
        ? `Already started: ${claim.executionProviderId}. This click did not start another run.`
        : claim.state === "in_doubt"
          ? startInDoubtMessage(job.name, input.requestKey)
          : "This run is already being started.";
    return {
      data: { executionProviderId: claim.executionProviderId, started: false, inDoubt: claim.state === "in_doubt" },
      message,
      audited: await audit(db(), { ...target, detail: { ...detail, duplicate: true } }),
    };
  }

  let executionProviderId: string;
  try {
    ({ providerId: executionProviderId } = await providerFor(job.account).startExecution({ job: { providerId: job.providerId, name: job.name }, overrides, requestKey: input.requestKey }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isOutcomeUnknown(error)) {
      const audited = await db().$transaction(async (tx) => {
        await settleActionRequest(claim.id, { state: "in_doubt", error: message }, tx);
        return audit(tx, { ...target, detail: { ...detail, outcome: "in_doubt", reason: message } });
      });
      return { data: { executionProviderId: null, started: false, inDoubt: true }, message: startInDoubtMessage(job.name, input.requestKey), audited };
    }
    await settleActionRequest(claim.id, { state: "failed", error: message });
    throw toAppError(error, `${job.account.name} did not start ${job.name}`);
  }
  const audited = await db().$transaction(async (tx) => {
    await settleActionRequest(claim.id, { state: "succeeded", executionProviderId }, tx);
    // Recorded now so the run shows at once, with who started it; the next sync fills in the rest.
    await lockRollups(tx, [job.id]);
    const run = await tx.execution.upsert({
      where: { accountId_providerId: { accountId: job.accountId, providerId: executionProviderId } },
      create: {
        accountId: job.accountId,
        jobId: job.id,
        providerId: executionProviderId,
        batch: input.batch || null,
        status: "queued",
        providerStatus: "Starting",
        startedAt: new Date(),
        triggeredBy: "user",
        actorId: actor.id,
        requestKey: input.requestKey,
        overrides: shown,
        // The start template copies the job's containers with their resources (template.ts), so the run is
        // allocated what the job is until the sync reads the execution itself.
        image: job.image,
        milliVcpu: job.milliVcpu,
        memoryMiB: job.memoryMiB,
      },
      update: { actorId: actor.id, requestKey: input.requestKey },
      select: { jobId: true, startedAt: true, endedAt: true },
    });
    // The update leaves the run's job and times as they were, so its span after is also its span before.
    await refreshRollups(tx, [run]);
    return audit(tx, { ...target, detail: { ...detail, execution: executionProviderId } });
  });
  return {
    data: { executionProviderId, started: true, inDoubt: false },
    message: `Started ${job.name}${input.batch ? ` (batch ${input.batch})` : ""}: ${executionProviderId}.`,
    audited,
  };
}
