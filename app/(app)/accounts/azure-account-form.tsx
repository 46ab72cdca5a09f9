"use client";

import { useActionState } from "react";
import { ActionFeedback, formFeedback } from "@/components/action-feedback";
import { createAzureAccountAction, updateAzureAccountAction } from "./actions";

type Field = { name: string; label: string; hint?: string; type?: string; required?: boolean; placeholder?: string };

const SETTINGS: Field[] = [
  { name: "name", label: "Name in Batchdeck", required: true, placeholder: "Lab subscription" },
  { name: "tenantId", label: "Tenant (directory) ID", required: true },
  { name: "subscriptionId", label: "Subscription ID", required: true },
  { name: "resourceGroup", label: "Resource group of the jobs", required: true },
  { name: "logAnalyticsWorkspaceId", label: "Log Analytics workspace ID", hint: "For logs; the workspace of the Container Apps environment." },
  { name: "serviceBusNamespace", label: "Service Bus namespace", hint: "For queue-triggered jobs, e.g. lab.servicebus.windows.net." },
];
const CREDENTIALS: Field[] = [
  { name: "clientId", label: "Client (application) ID", hint: "Leave both empty to use this host's managed identity." },
  { name: "clientSecret", label: "Client secret", type: "password" },
  { name: "serviceBusKeyName", label: "Service Bus key name", hint: "A shared access policy with Send, for queue-triggered jobs." },
  { name: "serviceBusKey", label: "Service Bus key", type: "password" },
];
const ENDPOINTS: Field[] = [
  { name: "resourceManager", label: "Resource Manager endpoint", placeholder: "https://management.azure.com" },
  { name: "authorityHost", label: "Entra ID authority endpoint", placeholder: "https://login.microsoftonline.com" },
  { name: "logAnalytics", label: "Log Analytics endpoint", placeholder: "https://api.loganalytics.io" },
  { name: "serviceBus", label: "Service Bus endpoint", placeholder: "https://<namespace>" },
];

/** The add form, and with `account` the edit form of that account (secret fields blank: kept). */
export function AzureAccountForm({ account }: { account?: { id: string; name: string; readOnly: boolean; values: Record<string, string> } }) {
  const [state, action, pending] = useActionState(account ? updateAzureAccountAction : createAzureAccountAction, null);
  const { errors, values: echoed } = formFeedback(state);
  // After a refused save, what was typed; otherwise what is saved (after a successful edit the form
  // resets to the values just saved, not to blanks).
  const values = state && !state.ok ? echoed : { ...(account?.values ?? {}), name: account?.name ?? "", readOnly: account?.readOnly ? "on" : "" };
  const prefix = account ? `edit-${account.id}` : "acc";
  const field = (f: Field) => (
    <div className="field" key={f.name}>
      <label htmlFor={`${prefix}-${f.name}`}>{f.label}{f.required ? null : <span className="muted"> (optional)</span>}</label>
      <input id={`${prefix}-${f.name}`} name={f.name} type={f.type ?? "text"} placeholder={account && f.type === "password" ? "Unchanged" : f.placeholder} autoComplete="off" spellCheck={false}
        defaultValue={f.type === "password" ? undefined : (values[f.name] ?? "")} aria-invalid={errors[f.name] ? true : undefined} />
      {errors[f.name] ? <span className="field-error">{errors[f.name]}</span> : f.hint ? <span className="muted" style={{ fontSize: "0.8rem" }}>{f.hint}</span> : null}
    </div>
  );
  return (
    <form action={action} className="stack" noValidate aria-label={account ? `Edit ${account.name}` : "Add an Azure account"}>
      {account ? <input type="hidden" name="accountId" value={account.id} /> : null}
      <div className="fields-2">{SETTINGS.map(field)}</div>
      <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 600, marginBottom: 8 }}>Service principal</legend>
        {account ? <p className="muted" style={{ margin: 0, fontSize: "0.85rem" }}>Leave a field blank to keep what is saved.</p> : null}
        <div className="fields-2">{CREDENTIALS.map(field)}</div>
        {account ? (
          <label className="row" style={{ fontWeight: 400, flexWrap: "nowrap", alignItems: "flex-start" }}>
            <input type="checkbox" name="useManagedIdentity" /> Use this host&apos;s managed identity instead (forget the saved service principal)
          </label>
        ) : null}
      </fieldset>
      <label className="row" style={{ fontWeight: 400, flexWrap: "nowrap", alignItems: "flex-start" }}>
        <input type="checkbox" name="readOnly" defaultChecked={values.readOnly === "on"} /> Read-only: watch this account, never start, stop or redeploy from Batchdeck
      </label>
      <details open={Boolean(account && (values.resourceManager || values.authorityHost || values.logAnalytics || values.serviceBus))}>
        <summary>Other endpoints (sovereign clouds)</summary>
        <div className="fields-2" style={{ marginTop: 8 }}>{ENDPOINTS.map(field)}</div>
      </details>
      <div className="row">
        <button className="button" type="submit" disabled={pending}>{pending ? "Testing the connection…" : account ? "Test and save" : "Test and add"}</button>
        <span className="muted" style={{ fontSize: "0.85rem" }}>Secrets are encrypted at rest and never shown again.</span>
      </div>
      <ActionFeedback state={state} />
    </form>
  );
}
