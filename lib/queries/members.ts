import { db } from "@/lib/db/client";

export async function membersList() {
  return db().user.findMany({
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, lastSignInAt: true, createdAt: true },
  });
}

/** Invitations not yet used or revoked, newest first; expired ones stay listed (marked) for a week. */
export async function openInvitations(now = new Date()) {
  return db().invitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date(now.getTime() - 7 * 24 * 3600 * 1000) } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, token: true, createdAt: true, expiresAt: true, invitedBy: { select: { email: true } } },
  });
}

/**
 * Whom to ask for access, for the /denied page: the owners and admins — shown only to someone whose
 * sign-in with that email was just refused, so the page doesn't list members to any passer-by.
 */
export async function memberManagersFor(email: string | undefined) {
  if (!email) return null;
  const refused = await db().auditEvent.findFirst({
    where: { action: "auth.sign_in", result: "denied", target: email.toLowerCase(), at: { gte: new Date(Date.now() - 15 * 60 * 1000) } },
    select: { id: true },
  });
  if (!refused) return null;
  return memberManagers();
}

async function memberManagers() {
  return db().user.findMany({
    where: { role: { in: ["owner", "admin"] } },
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { email: true, name: true, role: true },
  });
}
