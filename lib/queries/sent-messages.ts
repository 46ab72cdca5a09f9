import type { ExecutionStatus } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/client";
import { descriptorOf } from "@/lib/providers/registry";
import type { Cloud } from "@/lib/providers/types";
import type { Actor } from "@/lib/services/context";
import { MATCH_FOR_MS } from "@/lib/sync/match-messages";
import { assertCan } from "./access";

// The messages sent from Batchdeck to a job's queue (lib/services/jobs/send-message.ts), newest first,
// each with the run the sync matched to it by time (lib/sync/match-messages.ts), for the job page.

const SHOWN = 5;

export interface SentMessage {
  id: string;
  at: Date;
  by: string | null;
  state: "sending" | "sent" | "failed";
  error: string | null;
  /** The run the message woke, matched by time; null until the sync finds it. */
  run: { id: string; providerId: string; status: ExecutionStatus } | null;
  /** Still within the time the sync looks for its run. */
  matching: boolean;
}

/** Whether a job of this cloud, of this kind, with these triggers, is woken by a queue message. */
export function takesMessages(job: { kind: string; account: { cloud: Cloud }; triggers: readonly { kind: string }[] }): boolean {
  return job.kind === "job" && Boolean(descriptorOf(job.account.cloud)?.triggerMessages) && job.triggers.some((t) => t.kind === "event");
}

export async function sentMessages(actor: Actor, jobId: string, now = new Date()): Promise<SentMessage[]> {
  assertCan(actor, "catalog:read");
  const rows = await db().actionRequest.findMany({
    where: { jobId, action: "send_message" },
    orderBy: { createdAt: "desc" },
    take: SHOWN,
    select: { id: true, accountId: true, createdAt: true, state: true, error: true, executionProviderId: true, actor: { select: { email: true } } },
  });
  const matched = rows.flatMap((r) => (r.executionProviderId ? [{ accountId: r.accountId, providerId: r.executionProviderId }] : []));
  const runs = matched.length
    ? await db().execution.findMany({ where: { OR: matched }, select: { id: true, accountId: true, providerId: true, status: true } })
    : [];
  return rows.map((r) => {
    const run = runs.find((e) => e.accountId === r.accountId && e.providerId === r.executionProviderId);
    return {
      id: r.id,
      at: r.createdAt,
      by: r.actor?.email ?? null,
      state: r.state === "succeeded" ? "sent" : r.state === "failed" ? "failed" : "sending",
      error: r.state === "failed" ? r.error : null,
      run: run ? { id: run.id, providerId: run.providerId, status: run.status } : null,
      matching: r.state === "succeeded" && !run && now.getTime() - r.createdAt.getTime() < MATCH_FOR_MS,
    };
  });
}
