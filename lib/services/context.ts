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

/** What an action that may end in doubt says besides its message, so the form can show it as such. */
export interface InDoubt {
  /** The cloud may have acted but did not say; the next sync settles it. Don't repeat the click. */
  inDoubt: boolean;
}
