"use client";

import { useActionState } from "react";
import type { Role } from "@/lib/db/generated/enums";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { changeRoleAction, removeMemberAction, revokeInvitationAction } from "./actions";
import { ActionFeedback, useAnnounced } from "@/components/action-feedback";

export function RoleForm({ userId, email, role, roles }: { userId: string; email: string; role: Role; roles: readonly Role[] }) {
  const [state, action, pending] = useActionState(changeRoleAction, null);
  return (
    <form action={action} className="row" aria-label={`Role of ${email}`}>
      <input type="hidden" name="userId" value={userId} />
      <select name="role" defaultValue={role} aria-label={`Role for ${email}`}>
        {roles.map((r) => (
          <option key={r} value={r}>{ROLE_LABELS[r]}</option>
        ))}
      </select>
      <button className="button secondary small" type="submit" disabled={pending}>Save</button>
      <ActionFeedback state={state} />
    </form>
  );
}

export function RemoveMemberForm({ userId, email }: { userId: string; email: string }) {
  const [, action, pending] = useActionState(useAnnounced(removeMemberAction), null);
  return (
    <form
      action={action}
      className="row"
      onSubmit={(e) => {
        if (!confirm(`Remove ${email}? They are signed out at once and need a new invitation to come back.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="userId" value={userId} />
      <button className="button danger small" type="submit" disabled={pending} aria-label={`Remove ${email}`}>Remove</button>
    </form>
  );
}

export function RevokeInvitationForm({ invitationId, email }: { invitationId: string; email: string }) {
  const [state, action, pending] = useActionState(revokeInvitationAction, null);
  return (
    <form action={action} className="row">
      <input type="hidden" name="invitationId" value={invitationId} />
      <button className="button danger small" type="submit" disabled={pending} aria-label={`Revoke invitation for ${email}`}>Revoke</button>
      <ActionFeedback state={state} />
    </form>
  );
}
