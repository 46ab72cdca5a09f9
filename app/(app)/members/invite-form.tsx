"use client";

import { useActionState } from "react";
import type { Role } from "@/lib/db/generated/enums";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/roles";
import { inviteMemberAction } from "./actions";
import { ActionFeedback, formFeedback } from "@/components/action-feedback";
import { CopyButton } from "./copy-button";

export function InviteForm({ roles }: { roles: readonly Role[] }) {
  const [state, action, pending] = useActionState(inviteMemberAction, null);
  const { errors, values } = formFeedback(state);
  return (
    <form action={action} className="stack" noValidate aria-label="Invite a member">
      <div className="form-grid">
        <div className="field">
          <label htmlFor="invite-email">Email</label>
          <input id="invite-email" name="email" type="email" placeholder="name@lab.example.edu" autoComplete="off" required defaultValue={values.email ?? ""}
            aria-invalid={errors.email ? true : undefined} aria-describedby={errors.email ? "invite-email-error" : undefined} />
          {errors.email ? <span id="invite-email-error" className="field-error">{errors.email}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" name="role" key={values.role ?? "viewer"} defaultValue={values.role ?? "viewer"} aria-invalid={errors.role ? true : undefined}>
            {roles.map((r) => (
              <option key={r} value={r}>{ROLE_LABELS[r]} — {ROLE_DESCRIPTIONS[r]}</option>
            ))}
          </select>
          {errors.role ? <span className="field-error">{errors.role}</span> : null}
        </div>
        <div className="field">
          <span aria-hidden="true" style={{ height: "1.3em" }} />
          <button className="button" type="submit" disabled={pending}>{pending ? "Inviting…" : "Create invitation"}</button>
        </div>
      </div>
      <ActionFeedback state={state} />
      {state?.ok ? (
        <div className="row">
          <code className="wrap" data-testid="new-invitation-link" style={{ overflowWrap: "anywhere" }}>{state.data.link}</code>
          <CopyButton text={state.data.link} />
        </div>
      ) : null}
    </form>
  );
}
