import type { Prisma } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";

/** The signed-in member a service acts for. Services never read the session themselves. */
export interface Actor {
  id: string;
  email: string;
  role: Role;
}

export interface ServiceContext {
  actor: Actor;
}

/** What the audit event of a change names; services say it, the action wrapper writes it. */
export interface AuditTarget {
  targetType: string;
  targetId?: string;
  target?: string;
  detail?: Prisma.InputJsonValue;
}

export interface ServiceOutcome<T> {
  data: T;
  message: string;
  audit: AuditTarget;
}
