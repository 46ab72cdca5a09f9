import type { Prisma } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";
import type { AuditClient } from "@/lib/audit/record";

/** The signed-in member a service acts for. Services never read the session themselves. */
export interface Actor {
  id: string;
  email: string;
  role: Role;
}

export interface ServiceContext {
  actor: Actor;
  /**
   * Records this action's audit event (who, which action, "ok") with `client`: the transaction that makes
   * the change, so the record and the change commit together. The receipt it returns is what a service's
   * outcome must carry, so a service cannot succeed without having written its record.
   */
  audit: (client: AuditClient, target: AuditTarget) => Promise<Audited>;
}

declare const auditedBrand: unique symbol;
/** Proof that ServiceContext.audit ran; only the action wrapper makes one. */
export type Audited = { readonly [auditedBrand]: true };

/** What the audit event of a change names; the service writes it through ServiceContext.audit. */
export interface AuditTarget {
  targetType: string;
  targetId?: string;
  target?: string;
  detail?: Prisma.InputJsonValue;
}

export interface ServiceOutcome<T> {
  data: T;
  message: string;
  audited: Audited;
}

/** What an action that may end in doubt says besides its message, so the form can show it as such. */
export interface InDoubt {
  /** The cloud may have acted but did not say; the next sync settles it. Don't repeat the click. */
  inDoubt: boolean;
}
