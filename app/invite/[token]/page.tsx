import { CenteredCard } from "@/components/centered-card";
import { LocalTime } from "@/components/local-time";
import { SignInButton } from "@/components/sign-in-button";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { currentActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";

export const metadata = { title: "Invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = /^[A-Za-z0-9_-]{20,64}$/.test(token)
    ? await db().invitation.findUnique({ where: { token }, include: { invitedBy: { select: { email: true } } } })
    : null;
  const actor = await currentActor();
  const inviter = invitation?.invitedBy?.email ?? "the person who invited you";

  if (!invitation) {
    return (
      <CenteredCard>
        <h1>Invitation not found</h1>
        <p>This link is not a valid invitation. Check that you copied all of it, or ask for a new one.</p>
      </CenteredCard>
    );
  }
  if (invitation.acceptedAt) {
    return (
      <CenteredCard>
        <h1>Invitation already used</h1>
        <p>{invitation.email} has already joined. Sign in with that Google account.</p>
        <SignInButton callbackUrl="/" label="Sign in" />
      </CenteredCard>
    );
  }
  if (invitation.revokedAt || invitation.expiresAt <= new Date()) {
    const expired = !invitation.revokedAt;
    return (
      <CenteredCard>
        <h1>{expired ? "Invitation expired" : "Invitation revoked"}</h1>
        <p>
          {expired ? <>This invitation expired on <LocalTime iso={invitation.expiresAt.toISOString()} />.</> : "This invitation was withdrawn."} Ask{" "}
          <strong>{inviter}</strong> for a new one.
        </p>
      </CenteredCard>
    );
  }
  return (
    <CenteredCard>
      <h1>You&apos;re invited</h1>
      <p>
        <strong>{inviter}</strong> invited <strong>{invitation.email}</strong> to join as <strong>{ROLE_LABELS[invitation.role]}</strong>.
      </p>
      <p className="muted">
        Sign in with the Google account for {invitation.email}. The invitation expires on <LocalTime iso={invitation.expiresAt.toISOString()} />.
      </p>
      {actor && actor.email !== invitation.email ? (
        <p className="notice error">You are signed in as {actor.email}. Sign out first, then open this link again.</p>
      ) : (
        <SignInButton callbackUrl="/" label={`Sign in as ${invitation.email}`} />
      )}
    </CenteredCard>
  );
}
