"use client";

import { useActionState } from "react";
import { ActionFeedback, formFeedback } from "@/components/action-feedback";
import { setBillingGroupAction } from "./actions";

// Which free grant an account's runs draw on: accounts in one billing group share one (Google: the
// projects of one billing account). Saving re-prices every run.

export function BillingGroupForm({ accountId, name, billingGroup }: { accountId: string; name: string; billingGroup: string | null }) {
  const [state, action, pending] = useActionState(setBillingGroupAction, null);
  const { errors } = formFeedback(state);
  const id = `billing-group-${accountId}`;
  return (
    <form action={action} className="stack" aria-label={`Billing group of ${name}`}>
      <input type="hidden" name="accountId" value={accountId} />
      <div className="field">
        <label htmlFor={id}>Billing group</label>
        <input id={id} name="billingGroup" defaultValue={billingGroup ?? ""} placeholder="Its own free grant" autoComplete="off" aria-invalid={errors.billingGroup ? true : undefined} />
        {errors.billingGroup ? (
          <span className="field-error">{errors.billingGroup}</span>
        ) : (
          <span className="muted" style={{ fontSize: "0.8rem" }}>Accounts with the same name here share one free grant, e.g. Google projects paid by one billing account. Blank: its own grant.</span>
        )}
      </div>
      <div className="row">
        <button className="button" type="submit" disabled={pending}>{pending ? "Re-pricing…" : "Save billing group"}</button>
      </div>
      <ActionFeedback state={state} />
    </form>
  );
}
