"use client";

import { useActionState } from "react";
import { ActionFeedback, formFeedback } from "@/components/action-feedback";
import type { AccountFormField, AccountFormSpec } from "@/lib/providers/descriptor";
import { createAccountAction, updateAccountAction } from "./actions";

const NAME_FIELD: AccountFormField = { name: "name", group: "settings", label: "Name in Batchdeck", kind: "text", required: true, placeholder: "Lab subscription" };
const INPUT_TYPE = { text: "text", secret: "password", url: "url" } as const;
const isSecret = (f: AccountFormField) => f.kind === "secret" || f.kind === "secret-multiline";

/**
 * Any cloud's add form, drawn from its descriptor's fields; with `account`, the edit form of that
 * account (secret fields blank: kept).
 */
export function AccountForm({ cloud, spec, account }: { cloud: string; spec: AccountFormSpec; account?: { id: string; name: string; readOnly: boolean; values: Record<string, string> } }) {
  const [state, action, pending] = useActionState(account ? updateAccountAction : createAccountAction, null);
  const { errors, values: echoed } = formFeedback(state);
  // After a refused save, what was typed; otherwise what is saved (after a successful edit the form
  // resets to the values just saved, not to blanks).
  const values = state && !state.ok ? echoed : { ...(account?.values ?? {}), name: account?.name ?? "", readOnly: account?.readOnly ? "on" : "" };
  const prefix = account ? `edit-${account.id}` : `add-${cloud}`;
  const of = (group: AccountFormField["group"]) => spec.fields.filter((f) => f.group === group);
  const field = (f: AccountFormField) => (
    <div className="field" key={f.name}>
      <label htmlFor={`${prefix}-${f.name}`}>{f.label}{f.required ? null : <span className="muted"> (optional)</span>}</label>
      {f.kind === "secret-multiline" ? (
        <textarea id={`${prefix}-${f.name}`} name={f.name} rows={4} placeholder={account ? "Unchanged" : f.placeholder} autoComplete="off" spellCheck={false} aria-invalid={errors[f.name] ? true : undefined} />
      ) : (
        <input id={`${prefix}-${f.name}`} name={f.name} type={INPUT_TYPE[f.kind]} placeholder={account && isSecret(f) ? "Unchanged" : f.placeholder} autoComplete="off" spellCheck={false}
          defaultValue={isSecret(f) ? undefined : (values[f.name] ?? "")} aria-invalid={errors[f.name] ? true : undefined} />
      )}
      {errors[f.name] ? <span className="field-error">{errors[f.name]}</span> : f.help ? <span className="muted" style={{ fontSize: "0.8rem" }}>{f.help}</span> : null}
    </div>
  );
  return (
    <form action={action} className="stack" noValidate aria-label={account ? `Edit ${account.name}` : spec.addLabel}>
      <input type="hidden" name="cloud" value={cloud} />
      {account ? <input type="hidden" name="accountId" value={account.id} /> : null}
      <div className="fields-2">{[NAME_FIELD, ...of("settings")].map(field)}</div>
      <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600, marginBottom: 8 }}>{spec.credentialsLegend}</legend>
        {account ? <p className="muted" style={{ margin: 0, fontSize: "0.85rem" }}>Leave a field blank to keep what is saved.</p> : null}
        <div className="fields-2">{of("credentials").map(field)}</div>
        {account ? (
          <label className="row" style={{ fontWeight: 400, flexWrap: "nowrap", alignItems: "flex-start" }}>
            <input type="checkbox" name="useHostIdentity" /> {spec.hostIdentityChoice}
          </label>
        ) : null}
      </fieldset>
      <label className="row" style={{ fontWeight: 400, flexWrap: "nowrap", alignItems: "flex-start" }}>
        <input type="checkbox" name="readOnly" defaultChecked={values.readOnly === "on"} /> Read-only: watch this account, never start, stop or redeploy from Batchdeck
      </label>
      <details open={Boolean(account && of("endpoints").some((f) => values[f.name]))}>
        <summary>{spec.endpointsLegend}</summary>
        <div className="fields-2" style={{ marginTop: 8 }}>{of("endpoints").map(field)}</div>
      </details>
      <div className="row">
        <button className="button" type="submit" disabled={pending}>{pending ? "Testing the connection…" : account ? "Test and save" : "Test and add"}</button>
        <span className="muted" style={{ fontSize: "0.85rem" }}>Secrets are encrypted at rest and never shown again.</span>
      </div>
      <ActionFeedback state={state} />
    </form>
  );
}
