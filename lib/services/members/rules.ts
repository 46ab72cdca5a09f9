import type { Prisma } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { outranks } from "@/lib/auth/roles";
import type { Actor } from "@/lib/services/context";

export function assertOutranks(actor: Actor, targetRole: Role, what: string) {
  if (!outranks(actor.role, targetRole)) {
    throw new AppError("forbidden", `Forbidden: only an owner can ${what}.`);
  }
}

/**
 * Locks the owner rows and refuses when the change would leave no owner. Run inside the transaction that
 * makes the change, so two admins demoting the last two owners at once can't both succeed.
 */
export async function assertNotLastOwner(tx: Prisma.TransactionClient, target: { id: string; email: string; role: Role }, change: string) {
  if (target.role !== "owner") return;
  const owners = await tx.$queryRaw<{ id: string }[]>`select id from users where role = 'owner' for update`;
  if (owners.length <= 1) {
    throw new AppError("rule", `${target.email} is the last owner and cannot be ${change}. Make another member an owner first.`);
  }
}

export async function findMember(tx: Prisma.TransactionClient, userId: string) {
  const member = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true } });
  if (!member) throw new AppError("not_found", "That member no longer exists; the list may be out of date. Reload the page.");
  return member;
}
