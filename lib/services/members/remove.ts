import type { z } from "zod";
import { db } from "@/lib/db/client";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { assertNotLastOwner, assertOutranks, findMember } from "./rules";
import type { memberIdInput } from "./schemas";

/** Deletes the member; their sessions go with them (cascade), so their next request is signed out. */
export async function removeMember({ actor }: ServiceContext, input: z.infer<typeof memberIdInput>): Promise<ServiceOutcome<null>> {
  const member = await db().$transaction(async (tx) => {
    const member = await findMember(tx, input.userId);
    assertOutranks(actor, member.role, "remove an owner");
    await assertNotLastOwner(tx, member, "removed");
    const sessions = await tx.session.count({ where: { userId: member.id } });
    await tx.user.delete({ where: { id: member.id } });
    return { ...member, sessions };
  });
  return {
    data: null,
    message: `${member.email} was removed${member.sessions ? ` and signed out of ${member.sessions} session(s)` : ""}.`,
    audit: { targetType: "user", targetId: member.id, target: member.email, detail: { role: member.role, endedSessions: member.sessions } },
  };
}
