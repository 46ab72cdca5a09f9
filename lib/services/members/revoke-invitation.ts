import type { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { assertOutranks } from "./rules";
import type { invitationIdInput } from "./schemas";

export async function revokeInvitation({ actor, audit }: ServiceContext, input: z.infer<typeof invitationIdInput>): Promise<ServiceOutcome<null>> {
  const { invitation, audited } = await db().$transaction(async (tx) => {
    const found = await tx.invitation.findUnique({ where: { id: input.invitationId } });
    if (!found) throw new AppError("not_found", "That invitation no longer exists. Reload the page.");
    assertOutranks(actor, found.role, "revoke an owner's invitation");
    if (found.acceptedAt) throw new AppError("conflict", `${found.email} already accepted this invitation; remove the member instead.`);
    if (found.revokedAt) throw new AppError("conflict", `The invitation for ${found.email} was already revoked.`);
    if (found.expiresAt <= new Date()) throw new AppError("conflict", `The invitation for ${found.email} has already expired; nothing to revoke.`);
    const invitation = await tx.invitation.update({ where: { id: found.id }, data: { revokedAt: new Date() } });
    return { invitation, audited: await audit(tx, { targetType: "invitation", targetId: invitation.id, target: invitation.email }) };
  });
  return {
    data: null,
    message: `Invitation for ${invitation.email} revoked; its link no longer works.`,
    audited,
  };
}
