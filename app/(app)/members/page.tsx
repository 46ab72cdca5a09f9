import { EmptyState } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import { PageHead } from "@/components/page-head";
import { can, outranks, ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { invitationLink } from "@/lib/services/members/invite";
import { membersList, openInvitations } from "@/lib/queries/members";
import { FeedbackRegion } from "@/components/action-feedback";
import { CopyButton } from "./copy-button";
import { InviteForm } from "./invite-form";
import { RemoveMemberForm, RevokeInvitationForm, RoleForm } from "./member-controls";

export const metadata = { title: "Members" };

export default async function MembersPage() {
  const actor = await requireActor("/members");
  const manage = can(actor.role, "members:manage");
  const [members, invitations] = await Promise.all([membersList(actor), manage ? openInvitations(actor) : Promise.resolve([])]);
  // An admin can hand out every role but owner; the server enforces the same rule.
  const grantable = ROLES.filter((r) => outranks(actor.role, r));
  return (
    <>
      <PageHead title="Members" subtitle="Who can sign in, and what each person may do." />
      <div className="stack">
        {manage ? (
          <section className="card" aria-labelledby="invite-heading">
            <h2 id="invite-heading">Invite someone</h2>
            <p className="muted" style={{ marginTop: -6 }}>They sign in with the Google account of this email. You get a link to send them.</p>
            <InviteForm roles={grantable} />
          </section>
        ) : (
          <p className="notice" style={{ background: "var(--surface-2)" }}>You can see who is here. Owners and admins invite people and change roles.</p>
        )}

        {manage ? (
          invitations.length === 0 ? (
            <EmptyState icon="✉" title="No pending invitations">New invitations are listed here until they are used, revoked or expire.</EmptyState>
          ) : (
            <section className="card table-wrap" aria-labelledby="pending-heading">
              <h2 id="pending-heading">Pending invitations</h2>
              <table>
                <thead>
                  <tr><th>Email</th><th>Role</th><th>Expires</th><th>Invited by</th><th /></tr>
                </thead>
                <tbody>
                  {invitations.map((inv) => {
                    const { expired } = inv;
                    return (
                      <tr key={inv.id} data-testid="invitation-row">
                        <td className="wrap">{inv.email}</td>
                        <td>{ROLE_LABELS[inv.role]}</td>
                        <td>{expired ? <span className="badge error">expired</span> : <LocalTime iso={inv.expiresAt.toISOString()} />}</td>
                        <td className="wrap">{inv.invitedBy?.email ?? "—"}</td>
                        <td>
                          {expired ? null : (
                            <div className="row">
                              <CopyButton text={invitationLink(inv.token)} />
                              {outranks(actor.role, inv.role) ? <RevokeInvitationForm invitationId={inv.id} email={inv.email} /> : null}
                            </div>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          )
        ) : null}

        <section className="card table-wrap" aria-labelledby="members-heading">
          <h2 id="members-heading">Members ({members.length})</h2>
          <FeedbackRegion>
          <table>
            <thead>
              <tr><th>Member</th><th>Role</th><th className="hide-narrow">Last sign-in</th>{manage ? <th /> : null}</tr>
            </thead>
            <tbody>
              {members.map((m) => {
                const editable = manage && outranks(actor.role, m.role);
                return (
                  <tr key={m.id} data-testid="member-row">
                    <td className="wrap">
                      <strong>{m.name ?? m.email}</strong>
                      {m.name ? <div className="muted">{m.email}</div> : null}
                      {m.id === actor.id ? <span className="badge">you</span> : null}
                    </td>
                    <td>
                      {editable ? <RoleForm userId={m.id} email={m.email} role={m.role} roles={grantable} /> : <span className={`badge role-${m.role}`}>{ROLE_LABELS[m.role]}</span>}
                    </td>
                    <td className="hide-narrow">{m.lastSignInAt ? <LocalTime iso={m.lastSignInAt.toISOString()} /> : <span className="muted">never</span>}</td>
                    {manage ? <td>{editable ? <RemoveMemberForm userId={m.id} email={m.email} /> : null}</td> : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
          </FeedbackRegion>
        </section>
      </div>
    </>
  );
}
