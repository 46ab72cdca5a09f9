import type { z } from "zod";
import { db } from "@/lib/db/client";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { assertNotLastOwner, assertOutranks, lockMembers } from "./rules";
import type { memberIdInput } from "./schemas";

/**
 * Deletes the member; their sessions go with them (cascade), so their next request is signed out. The
 * removal is remembered, so neither ALLOWED_EMAIL_DOMAINS nor OWNER_EMAILS lets them back in (only a new
 * invitation does), and their pending invitations are revoked with them.
 */
export async function removeMember({ actor, audit }: ServiceContext, input: z.infer<typeof memberIdInput>): Promise<ServiceOutcome<null>> {
  const { member, audited } = await db().$transaction(async (tx) => {
    const locked = await lockMembers(tx, actor, input.userId);
    const { member } = locked;
    assertOutranks(locked.actor, member.role, "remove an owner");
    assertNotLastOwner(locked, "removed");
    const sessions = await tx.session.count({ where: { userId: member.id } });
    await tx.user.delete({ where: { id: member.id } });
    const removal = { removedAt: new Date(), removedById: actor.id };
    await tx.removedMember.upsert({ where: { email: member.email }, create: { email: member.email, ...removal }, update: removal });
    await tx.invitation.updateMany({ where: { email: member.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: removal.removedAt } });
    const audited = await audit(tx, { targetType: "user", targetId: member.id, target: member.email, detail: { role: member.role, endedSessions: sessions } });
    return { member: { ...member, sessions }, audited };
  });
  return {
    data: null,
    message: `${member.email} was removed${member.sessions ? ` and signed out of ${member.sessions} session(s)` : ""}.`,
    audited,
  };
}
