import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { assertOutranks } from "./rules";
import type { inviteInput } from "./schemas";

export function invitationLink(token: string): string {
  return new URL(`/invite/${token}`, serverEnv().NEXTAUTH_URL).href;
}

/** Creates an invitation and returns its link: no mail server is assumed, the inviter passes it on. */
export async function inviteMember(
  { actor, audit }: ServiceContext,
  input: z.infer<typeof inviteInput>,
): Promise<ServiceOutcome<{ invitationId: string; link: string }>> {
  assertOutranks(actor, input.role, "invite an owner");
  const ttlDays = serverEnv().INVITATION_TTL_DAYS;
  const { invitation, audited } = await db().$transaction(async (tx) => {
    const member = await tx.user.findUnique({ where: { email: input.email }, select: { role: true } });
    if (member) {
      throw new AppError("conflict", `${input.email} is already a member (${ROLE_LABELS[member.role]}). Change their role in the list instead.`, {
        email: "Already a member.",
      });
    }
    const pending = await tx.invitation.findFirst({
      where: { email: input.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    });
    if (pending) {
      throw new AppError("conflict", `${input.email} already has a pending invitation. Copy its link from the list, or revoke it first.`, {
        email: "Already invited.",
      });
    }
    // Inviting is how an owner or admin lets a removed member back: the removal is forgotten here, in the
    // transaction that creates the invitation (lib/auth/admission.ts).
    await tx.removedMember.deleteMany({ where: { email: input.email } });
    const invitation = await tx.invitation.create({
      data: {
        email: input.email,
        role: input.role,
        token: randomBytes(24).toString("base64url"),
        invitedById: actor.id,
        expiresAt: new Date(Date.now() + ttlDays * 24 * 3600 * 1000),
      },
    });
    const audited = await audit(tx, { targetType: "invitation", targetId: invitation.id, target: input.email, detail: { role: input.role, expiresAt: invitation.expiresAt.toISOString() } });
    return { invitation, audited };
  });
  return {
    data: { invitationId: invitation.id, link: invitationLink(invitation.token) },
    message: `Invitation for ${input.email} created. Copy the link and send it to them; it expires in ${ttlDays} days.`,
    audited,
  };
}
