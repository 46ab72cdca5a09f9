import type { ActionRequest } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";

// Actions whose outcome is unknown (the cloud may have acted, the answer was lost) are settled here,
// from what the sync has just copied out of the cloud: never reported failed while they may have worked.

/**
 * How long the cloud gets to show an in-doubt action before it counts as not done. Azure lists a run
 * as soon as its start is accepted and a PATCH's image at once; the sync runs every minute, so 15
 * minutes is many syncs, including a few failed ones.
 */
export const IN_DOUBT_BOUND_MS = 15 * 60_000;

const SYNC_ACTOR = { id: null, email: null };

type Verdict = { state: "succeeded"; executionProviderId?: string; linkRunId?: string; detail: Record<string, string> } | { state: "failed"; error: string } | null;

async function startVerdict(row: ActionRequest, expired: boolean): Promise<Verdict> {
  const run = await db().execution.findFirst({ where: { accountId: row.accountId, requestKey: row.key }, orderBy: { createdAt: "asc" } });
  if (run) return { state: "succeeded", executionProviderId: run.providerId, linkRunId: run.id, detail: { execution: run.providerId } };
  if (!expired) return null;
  return { state: "failed", error: `No run carrying request key ${row.key} appeared within ${IN_DOUBT_BOUND_MS / 60_000} minutes, so it did not start. Start it again if it is still needed.` };
}

async function redeployVerdict(row: ActionRequest, expired: boolean): Promise<Verdict> {
  const target = (row.params as { image?: string } | null)?.image;
  const job = row.jobId ? await db().job.findUnique({ where: { id: row.jobId }, select: { image: true } }) : null;
  if (target && job?.image === target) return { state: "succeeded", detail: { image: target } };
  if (!expired) return null;
  return { state: "failed", error: `The job still does not run ${target ?? "the new image"} ${IN_DOUBT_BOUND_MS / 60_000} minutes later, so the redeploy did not take. Redeploy again if it is still needed.` };
}

async function stopVerdict(row: ActionRequest, expired: boolean): Promise<Verdict> {
  const providerId = (row.params as { execution?: string } | null)?.execution;
  const run = providerId ? await db().execution.findUnique({ where: { accountId_providerId: { accountId: row.accountId, providerId } } }) : null;
  if (run?.status === "stopped") return { state: "succeeded", executionProviderId: run.providerId, detail: { execution: run.providerId } };
  if (run && run.status !== "running" && run.status !== "queued") return { state: "failed", error: `${run.providerId} ended on its own (${run.status}) before the stop took effect.` };
  if (!expired) return null;
  return { state: "failed", error: `${providerId ?? "The run"} was still running ${IN_DOUBT_BOUND_MS / 60_000} minutes later, so the stop did not take. Stop it again if needed.` };
}

const AUDIT_ACTION = { start: "execution.start", stop: "execution.stop", redeploy: "job.redeploy" } as const;

/** Settles this account's in-doubt actions from the catalog the sync just wrote; returns how many were settled. */
export async function settleInDoubtActions(accountId: string, now = new Date()): Promise<number> {
  const rows = await db().actionRequest.findMany({ where: { accountId, state: "in_doubt" }, orderBy: { createdAt: "asc" } });
  let settled = 0;
  for (const row of rows) {
    const expired = now.getTime() - row.updatedAt.getTime() >= IN_DOUBT_BOUND_MS;
    const action = row.action;
    if (action === "send_message") continue; // messages are matched to runs by time elsewhere, never put in doubt
    const verdict = await { start: startVerdict, stop: stopVerdict, redeploy: redeployVerdict }[action](row, expired);
    if (!verdict) continue;
    await db().$transaction(async (tx) => {
      // Only a row still in doubt is settled: two syncs of one account never settle it twice.
      const taken = await tx.actionRequest.updateMany({
        where: { id: row.id, state: "in_doubt" },
        data:
          verdict.state === "succeeded"
            ? { state: "succeeded", error: null, executionProviderId: verdict.executionProviderId ?? null, result: { executionProviderId: verdict.executionProviderId ?? null } }
            : { state: "failed", error: verdict.error },
      });
      if (taken.count === 0) return;
      // The run carries the key, so it is this click's: it shows who started it.
      if (verdict.state === "succeeded" && verdict.linkRunId) await tx.execution.update({ where: { id: verdict.linkRunId }, data: { actorId: row.actorId } });
      if (action === "redeploy") {
        await tx.deployment.updateMany({
          where: { actionRequestId: row.id },
          data: verdict.state === "succeeded" ? { state: "succeeded", error: null, completedAt: now } : { state: "failed", error: verdict.error, completedAt: now },
        });
      }
      await recordAudit(tx, {
        actor: SYNC_ACTOR,
        action: AUDIT_ACTION[action],
        result: verdict.state === "succeeded" ? "ok" : "error",
        targetType: "job",
        ...(row.jobId ? { targetId: row.jobId } : {}),
        detail: {
          requestKey: row.key,
          settledBy: "sync",
          requestedBy: row.actorId,
          outcome: verdict.state,
          ...(verdict.state === "succeeded" ? verdict.detail : { reason: verdict.error }),
        },
      });
      settled += 1;
    });
  }
  return settled;
}
