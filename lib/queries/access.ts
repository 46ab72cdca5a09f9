import { can, type Permission } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/services/context";

// The data-access layer's one gate: every exported read in lib/queries takes the signed-in member and
// calls this first. A layout's check is not enough, because Next renders a page without re-running a
// layout the client says it already has (an RSC request with Next-Router-State-Tree).
// https://nextjs.org/docs/app/guides/data-security#data-access-layer

/** Throws unless `actor` is a member whose role grants `permission`; nothing is read before it. */
export function assertCan(actor: Actor, permission: Permission): void {
  // The type requires an actor; this also stops a caller that cast a missing one past the compiler.
  if (!actor?.id) throw new AppError("unauthenticated", "Sign in to continue.");
  if (!can(actor.role, permission)) throw new AppError("forbidden", `Forbidden: your role (${actor.role}) does not allow this.`);
}
