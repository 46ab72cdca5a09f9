import type { Prisma } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { can, outranks } from "@/lib/auth/roles";
import type { Actor } from "@/lib/services/context";

export function assertOutranks(actor: Pick<Actor, "role">, targetRole: Role, what: string) {
  if (!outranks(actor.role, targetRole)) {
    throw new AppError("forbidden", `Forbidden: only an owner can ${what}.`);
  }
}

type MemberRow = { id: string; email: string; role: Role };

/** The rows a change to a member is decided on, locked until its transaction ends. */
export interface LockedMembers {
  /** The acting member as the database has them now, not as their session read them. */
  actor: Actor;
  member: MemberRow;
  owners: number;
}

/**
 * Locks (FOR UPDATE) the acting member, the target and every owner, in one statement in id order, and
 * reads their roles after the lock. A concurrent role change or removal waits for this transaction, then
 * decides on what it committed: two owners demoting each other can't both succeed, and an admin can't
 * demote someone an owner has just promoted. One statement in one order means two such changes never hold
 * locks the other wants (no deadlock). Postgres re-checks `role = 'owner'` on the newest row version after
 * waiting (READ COMMITTED), so the owner count is the committed one.
 */
export async function lockMembers(tx: Prisma.TransactionClient, actor: Actor, userId: string): Promise<LockedMembers> {
  const rows = await tx.$queryRaw<MemberRow[]>`
    select id, email, role from users where id = ${actor.id} or id = ${userId} or role = 'owner' order by id for update`;
  const self = rows.find((r) => r.id === actor.id);
  if (!self || !can(self.role, "members:manage")) {
    throw new AppError("forbidden", "Forbidden: your role changed and no longer lets you manage members. Reload the page.");
  }
  const member = rows.find((r) => r.id === userId);
  if (!member) throw new AppError("not_found", "That member no longer exists; the list may be out of date. Reload the page.");
  return { actor: { ...actor, role: self.role }, member, owners: rows.filter((r) => r.role === "owner").length };
}

/** Refuses a change that would leave no owner; decided on lockMembers' rows, inside the same transaction. */
export function assertNotLastOwner({ member, owners }: LockedMembers, change: string) {
  if (member.role === "owner" && owners <= 1) {
    throw new AppError("rule", `${member.email} is the last owner and cannot be ${change}. Make another member an owner first.`);
  }
}
