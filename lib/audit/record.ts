import type { AuditResult, Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";

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

/** Writes one audit event. Pass a transaction client to make it part of the change it records. */
export async function recordAudit(entry: AuditEntry, client: Pick<Prisma.TransactionClient, "auditEvent"> = db()) {
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
