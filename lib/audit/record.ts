import type { AuditResult, Prisma } from "@/lib/db/generated/client";

export interface AuditActor {
  id: string | null;
  email: string | null;
}

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  result: AuditResult;
  targetType?: string;
  targetId?: string;
  /** Human-readable target, e.g. an email or a job name, kept even after the target is gone. */
  target?: string;
  detail?: Prisma.InputJsonValue;
}

/** Where an audit event is written: the transaction of the change it records, or the client itself for a refusal. */
export type AuditClient = Pick<Prisma.TransactionClient, "auditEvent">;

/**
 * Writes one audit event with `client`. Pass the transaction that makes the change, so the record and the
 * change commit or roll back together: an audit row never claims what did not happen, nor misses what did.
 */
export async function recordAudit(client: AuditClient, entry: AuditEntry) {
  await client.auditEvent.create({
    data: {
      actorId: entry.actor.id,
      actorEmail: entry.actor.email,
      action: entry.action,
      result: entry.result,
      targetType: entry.targetType,
      targetId: entry.targetId,
      target: entry.target,
      detail: entry.detail,
    },
  });
}
