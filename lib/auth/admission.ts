import type { Role } from "@/lib/db/generated/enums";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";

// Who may sign in: members, holders of a live invitation, OWNER_EMAILS while the installation has no owner
// (the first owners), and verified emails of an ALLOWED_EMAIL_DOMAINS domain (as viewers). A removed
// member is remembered (removed_members) and only a new invitation lets them back: neither their domain nor
// OWNER_EMAILS does. Everyone else is sent to /denied.

export interface AdmissionPolicy {
  ownerEmails: readonly string[];
  allowedDomains: readonly string[];
}

export type Admission =
  | { admitted: true; via: "member"; role: Role }
  | { admitted: true; via: "owner_bootstrap"; role: "owner" }
  | { admitted: true; via: "invitation"; role: Role; invitationId: string }
  | { admitted: true; via: "domain"; role: "viewer" }
  | { admitted: false; reason: "unverified_email" | "not_invited" | "removed" };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function liveInvitationFor(email: string, client: Prisma.TransactionClient | ReturnType<typeof db> = db()) {
  return client.invitation.findFirst({
    where: { email: normaliseEmail(email), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
}

export async function decideAdmission(
  email: string,
  emailVerified: boolean,
  policy: AdmissionPolicy,
  client: Prisma.TransactionClient | ReturnType<typeof db> = db(),
): Promise<Admission> {
  const address = normaliseEmail(email);
  const member = await client.user.findUnique({ where: { email: address }, select: { role: true } });
  if (member) return { admitted: true, via: "member", role: member.role };
  // Google marks addresses it has verified; an unverified one could be anybody's.
  if (!emailVerified) return { admitted: false, reason: "unverified_email" };
  // Inviting a removed email again clears its removal (services/members/invite.ts); until then nothing
  // below admits it, not even an invitation sent before the removal.
  if (await client.removedMember.findUnique({ where: { email: address }, select: { email: true } })) return { admitted: false, reason: "removed" };
  const invitation = await liveInvitationFor(address, client);
  if (invitation) return { admitted: true, via: "invitation", role: invitation.role, invitationId: invitation.id };
  // OWNER_EMAILS bootstraps an installation that has no owner yet; once there is one, owners are made by
  // owners, so editing the environment is not a way around a removal or a demotion.
  if (policy.ownerEmails.includes(address) && (await client.user.count({ where: { role: "owner" } })) === 0) {
    return { admitted: true, via: "owner_bootstrap", role: "owner" };
  }
  const domain = address.split("@")[1] ?? "";
  if (policy.allowedDomains.includes(domain)) return { admitted: true, via: "domain", role: "viewer" };
  return { admitted: false, reason: "not_invited" };
}
