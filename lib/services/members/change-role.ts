import type { z } from "zod";
import { db } from "@/lib/db/client";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { assertNotLastOwner, assertOutranks, lockMembers } from "./rules";
import type { changeRoleInput } from "./schemas";

export async function changeRole({ actor, audit }: ServiceContext, input: z.infer<typeof changeRoleInput>): Promise<ServiceOutcome<null>> {
  const { member, audited } = await db().$transaction(async (tx) => {
    const locked = await lockMembers(tx, actor, input.userId);
    const { member } = locked;
    assertOutranks(locked.actor, member.role, "change an owner's role");
    assertOutranks(locked.actor, input.role, "make someone an owner");
    if (input.role !== "owner") assertNotLastOwner(locked, "demoted");
    await tx.user.update({ where: { id: member.id }, data: { role: input.role } });
    const audited = await audit(tx, { targetType: "user", targetId: member.id, target: member.email, detail: { from: member.role, to: input.role } });
    return { member, audited };
  });
  // No session to end: the role is read from the database on every request.
  return {
    data: null,
    message: `${member.email} is now ${ROLE_LABELS[input.role]}.`,
    audited,
  };
}
