import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";

export async function membersList(actor: Actor) {
  assertCan(actor, "catalog:read");
  return db().user.findMany({
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, lastSignInAt: true, createdAt: true },
  });
}

/** Invitations not yet used or revoked, newest first; expired ones stay listed (marked) for a week. */
export async function openInvitations(actor: Actor, now = new Date()) {
  // Their tokens are sign-in links: only those who manage members may see them.
  assertCan(actor, "members:manage");
  const invitations = await db().invitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date(now.getTime() - 7 * 24 * 3600 * 1000) } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, token: true, createdAt: true, expiresAt: true, invitedBy: { select: { email: true } } },
  });
  return invitations.map((invitation) => ({ ...invitation, expired: invitation.expiresAt <= now }));
}

/**
 * Whom to ask for access (the owners and admins), for the /denied page. Members only: a refused visitor
 * is nobody the member list may be shown to, whatever email they name.
 */
export async function memberManagers(actor: Actor) {
  assertCan(actor, "catalog:read");
  return db().user.findMany({
    where: { role: { in: ["owner", "admin"] } },
    orderBy: [{ role: "asc" }, { email: "asc" }],
    select: { email: true, name: true, role: true },
  });
}
