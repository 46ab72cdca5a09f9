import { z } from "zod";
import { db } from "@/lib/db/client";
import { descriptorOf } from "@/lib/providers/registry";
import type { Cloud } from "@/lib/providers/types";

// After a sync wrote an account's runs: each message sent from Batchdeck (lib/services/jobs/send-message.ts)
// that has no run yet is given the run it most likely woke, by the cloud's match (its descriptor's
// triggerMessages). The run then shows who sent the message, marked inferred ("matched by time").

/**
 * How long after a send the sync keeps looking. The cloud picks a message up within a poll or two (KEDA:
 * 30 s) and the sync runs every minute; many syncs later, a run that still hasn't shown was not this one's.
 */
export const MATCH_FOR_MS = 15 * 60_000;
/** The runs read around a send: wider than any cloud's match window, which narrows them. */
const READ_BEFORE_MS = 60_000;
const READ_AFTER_MS = MATCH_FOR_MS;

const sentResult = z.object({ sentAt: z.iso.datetime() });

/** Returns how many sent messages were matched to a run this time. */
export async function matchSentMessages(accountId: string, cloud: Cloud, now = new Date()): Promise<number> {
  const match = descriptorOf(cloud)?.triggerMessages?.matchExecution;
  if (!match) return 0;
  const waiting = await db().actionRequest.findMany({
    where: { accountId, action: "send_message", state: "succeeded", executionProviderId: null, jobId: { not: null }, createdAt: { gte: new Date(now.getTime() - MATCH_FOR_MS) } },
    orderBy: { createdAt: "asc" },
  });
  let matched = 0;
  // Oldest first: an earlier message takes the earlier run.
  for (const request of waiting) {
    const parsed = sentResult.safeParse(request.result);
    const sentAt = parsed.success ? new Date(parsed.data.sentAt) : request.createdAt;
    const job = await db().job.findUnique({ where: { id: request.jobId! }, select: { providerId: true } });
    if (!job) continue;
    const runs = await db().execution.findMany({
      where: { jobId: request.jobId!, startedAt: { gte: new Date(sentAt.getTime() - READ_BEFORE_MS), lte: new Date(sentAt.getTime() + READ_AFTER_MS) } },
      select: { id: true, providerId: true, startedAt: true, requestKey: true, triggerInferred: true },
    });
    const candidate = match({
      sentAt,
      jobProviderId: job.providerId,
      executions: runs.map((r) => ({ ...r, jobProviderId: job.providerId })),
      claimedExecutionIds: runs.filter((r) => r.triggerInferred).map((r) => r.providerId),
    });
    if (!candidate) continue;
    const run = runs.find((r) => r.providerId === candidate.providerId)!;
    matched += await db().$transaction(async (tx) => {
      // Both conditional: of two syncs (or two messages) racing for one run, one takes it.
      const taken = await tx.execution.updateMany({ where: { id: run.id, triggerInferred: false }, data: { triggerInferred: true, actorId: request.actorId } });
      if (taken.count === 0) return 0;
      const settled = await tx.actionRequest.updateMany({
        where: { id: request.id, executionProviderId: null },
        data: { executionProviderId: run.providerId, result: { sentAt: sentAt.toISOString(), executionProviderId: run.providerId } },
      });
      if (settled.count === 0) throw new MatchedElsewhere();
      return 1;
    }).catch((error: unknown) => {
      if (error instanceof MatchedElsewhere) return 0;
      throw error;
    });
  }
  return matched;
}

/** Another sync matched this message first: this transaction is rolled back, the run left as that one set it. */
class MatchedElsewhere extends Error {}
