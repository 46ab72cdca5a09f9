"use client";

import { useActionState } from "react";
import { ActionFeedback, formFeedback } from "@/components/action-feedback";
import { setBudgetAction, setRateAction } from "./actions";

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? <span id={id} className="field-error">{error}</span> : null;
}

/** An owner's monthly budget for one grant holder, in US dollars; blank removes it. */
export function BudgetForm({ holderKey, name, current }: { holderKey: string; name: string; current: string }) {
  const [state, action, pending] = useActionState(setBudgetAction, null);
  const { errors, values } = formFeedback(state);
  const id = `budget-${holderKey.replace(/[^a-z0-9]/gi, "-")}`;
  return (
    <form action={action} className="row" style={{ flexWrap: "wrap", alignItems: "end" }} noValidate aria-label={`Budget of ${name}`}>
      <input type="hidden" name="holderKey" value={holderKey} />
      <div className="field">
        <label htmlFor={id}>Monthly budget (USD)</label>
        <input id={id} name="amount" inputMode="decimal" defaultValue={values.amount ?? current} placeholder="none" aria-invalid={errors.amount ? true : undefined} aria-describedby={`${id}-error`} />
        <FieldError id={`${id}-error`} error={errors.amount} />
      </div>
      <button className="button secondary" type="submit" disabled={pending}>{pending ? "Saving…" : "Save budget"}</button>
      <ActionFeedback state={state} />
    </form>
  );
}

/** The rate one currency is shown at: units per US dollar. */
export function RateForm({ currency, current }: { currency: "JPY" | "EUR"; current: string }) {
  const [state, action, pending] = useActionState(setRateAction, null);
  const { errors, values } = formFeedback(state);
  const id = `rate-${currency}`;
  return (
    <form action={action} className="row" style={{ flexWrap: "wrap", alignItems: "end" }} noValidate aria-label={`Rate of ${currency}`}>
      <input type="hidden" name="currency" value={currency} />
      <div className="field">
        <label htmlFor={id}>{currency} per US dollar</label>
        <input id={id} name="rate" inputMode="decimal" defaultValue={values.rate ?? current} placeholder={currency === "JPY" ? "155.25" : "0.92"} aria-invalid={errors.rate ? true : undefined} aria-describedby={`${id}-error`} />
        <FieldError id={`${id}-error`} error={errors.rate} />
      </div>
      <button className="button secondary" type="submit" disabled={pending}>{pending ? "Saving…" : `Save ${currency} rate`}</button>
      <ActionFeedback state={state} />
    </form>
  );
}
