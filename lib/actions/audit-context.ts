import { recordAudit } from "@/lib/audit/record";
import type { Actor, Audited, ServiceContext } from "@/lib/services/context";

/** The receipt ServiceContext.audit hands back; the brand exists only in types. */
const AUDITED = {} as Audited;

/**
 * The context a service runs in for one action: `audit` writes the action's "ok" record with the client
 * the service passes (its transaction). `recorded()` tells the caller whether that record was written, so
 * a failure afterwards can say the change was probably made.
 */
export function auditingContext(actor: Actor, action: string): { ctx: ServiceContext; recorded: () => boolean } {
  let recorded = false;
  const ctx: ServiceContext = {
    actor,
    audit: async (client, target) => {
      await recordAudit(client, { actor: { id: actor.id, email: actor.email }, action, result: "ok", ...target });
      recorded = true;
      return AUDITED;
    },
  };
  return { ctx, recorded: () => recorded };
}
