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

/** Whom to ask for access: the owners and admins, for the /denied page. */
export async function memberManagers() {
  return db().user.findMany({
    where: { role: { in: ["owner", "admin"] } },
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { email: true, name: true, role: true },
  });
}
