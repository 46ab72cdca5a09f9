import { auditingContext } from "@/lib/actions/audit-context";
import type { Actor, ServiceContext } from "@/lib/services/context";

/** What defineAction gives a service: the actor, and an audit writer that records in the service's transaction. */
export function ctxOf(actor: Actor, action = "test.call"): ServiceContext {
  return auditingContext(actor, action).ctx;
}

/** A member in the catalog, as the audit's actor must be one. */
export async function memberActor(email: string, role: Actor["role"]): Promise<Actor> {
  const { db } = await import("@/lib/db/client");
  const user = await db().user.upsert({ where: { email }, create: { email, role }, update: { role } });
  return { id: user.id, email: user.email, role: user.role };
}
