import { FeedbackRegion } from "@/components/action-feedback";
import { EmptyState } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import { PageHead } from "@/components/page-head";
import { can } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { cloudAccounts } from "@/lib/queries/catalog";
import { AccountActions } from "./account-actions";
import { AccountForm } from "./account-form";
import { RetentionForm } from "./retention-form";
import { BillingGroupForm } from "./billing-group-form";
import { CLOUDS } from "@/lib/providers/types";
import { CLOUD_DESCRIPTORS, descriptorOf, isCloudSupported, SUPPORTED_CLOUDS, unsupportedReason } from "@/lib/providers/registry";

export const metadata = { title: "Accounts" };

/** The saved, non-secret settings and endpoints as the edit form's text fields (a list as "a, b"). */
function formValuesOf(settings: unknown, endpoints: unknown): Record<string, string> {
  const text = (x: unknown) => (typeof x === "string" ? x : Array.isArray(x) && x.every((i) => typeof i === "string") ? x.join(", ") : null);
  const strings = (v: unknown) => Object.fromEntries(Object.entries(v && typeof v === "object" ? v : {}).flatMap(([k, x]) => (text(x) === null ? [] : [[k, text(x)!]])));
  return { ...strings(settings), ...strings(endpoints) };
}

/** Why the clouds this build lacks can't be added yet, as one sentence each. */
const NOT_YET = CLOUDS.map(unsupportedReason).filter((reason) => reason !== null).join(" ");

export default async function AccountsPage() {
  const actor = await requireActor("/accounts");
  const manage = can(actor.role, "accounts:manage");
  const retention = can(actor.role, "accounts:retention");
  const prices = can(actor.role, "usage:prices");
  const accounts = await cloudAccounts(actor);
  return (
    <>
      <PageHead title="Cloud accounts" subtitle="The subscriptions, AWS accounts and Google projects Batchdeck watches." />
      {accounts.length === 0 ? (
        <EmptyState icon="☁" title="No cloud accounts connected">
          Connect an Azure subscription, an AWS account or a Google Cloud project to see its jobs, runs and free-tier usage. Credentials
          are encrypted at rest and never sent to the browser.
        </EmptyState>
      ) : (
        <FeedbackRegion>
          <div className="card table-wrap">
            <table>
              <thead>
                <tr><th>Account</th><th className="hide-narrow">Cloud</th><th className="hide-narrow">Jobs</th><th>Sync</th>{manage ? <th /> : null}</tr>
              </thead>
              <tbody>
                {accounts.map((a) => (
                  <tr key={a.id}>
                    <td><strong>{a.name}</strong> {a.isDemo ? <span className="badge">simulated</span> : null} {a.readOnly ? <span className="badge">read-only</span> : null} {a.deletedAt ? <span className="badge">deleted</span> : null}</td>
                    <td className="hide-narrow">{descriptorOf(a.cloud)?.label ?? "Not supported by this version"}</td>
                    <td className="hide-narrow">{a._count.jobs}</td>
                    <td>
                      {a.syncState === "error" ? <span className="badge error">error</span> : <span className="badge">{a.syncState}</span>}{" "}
                      {a.lastSyncedAt ? <LocalTime iso={a.lastSyncedAt.toISOString()} /> : null}
                      {a.syncState === "error" && a.lastError ? <div className="field-error">{a.lastError}</div> : null}
                    </td>
                    {manage ? (
                      <td>
                        {a.deletedAt ? <span className="muted">Deleted; its history stays.</span> : <AccountActions accountId={a.id} name={a.name} />}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </FeedbackRegion>
      )}
      {manage
        ? // Each form below the table at full width: inside a table cell it was squeezed to a column.
          accounts
            .filter((a) => !a.deletedAt)
            .map((a) => {
              const cloud = a.cloud;
              if (!isCloudSupported(cloud)) return null;
              return (
                <details key={a.id} className="card" style={{ marginTop: 16 }}>
                  <summary style={{ fontWeight: 600, cursor: "pointer" }}>Edit {a.name}</summary>
                  <div style={{ marginTop: 12 }}>
                    <AccountForm cloud={cloud} spec={CLOUD_DESCRIPTORS[cloud].form} account={{ id: a.id, name: a.name, readOnly: a.readOnly, values: formValuesOf(a.settings, a.endpoints) }} />
                  </div>
                </details>
              );
            })
        : null}
      {retention
        ? accounts
            .filter((a) => !a.deletedAt)
            .map((a) => (
              <details key={a.id} className="card" style={{ marginTop: 16 }}>
                <summary style={{ fontWeight: 600, cursor: "pointer" }}>Run history of {a.name}</summary>
                <div style={{ marginTop: 12 }}>
                  <RetentionForm accountId={a.id} name={a.name} retentionDays={a.retentionDays} />
                </div>
              </details>
            ))
        : null}
      {prices
        ? accounts
            .filter((a) => !a.deletedAt)
            .map((a) => (
              <details key={a.id} className="card" style={{ marginTop: 16 }}>
                <summary style={{ fontWeight: 600, cursor: "pointer" }}>Billing of {a.name}{a.billingGroup ? ` (group ${a.billingGroup})` : ""}</summary>
                <div style={{ marginTop: 12 }}>
                  <BillingGroupForm accountId={a.id} name={a.name} billingGroup={a.billingGroup} />
                </div>
              </details>
            ))
        : null}
      {manage
        ? SUPPORTED_CLOUDS.map((cloud, i) => {
            const { form } = CLOUD_DESCRIPTORS[cloud];
            return (
              <section key={cloud} className="card" aria-labelledby={`add-account-${cloud}`} style={{ marginTop: 16 }}>
                <h2 id={`add-account-${cloud}`}>{form.title}</h2>
                <p className="muted" style={{ marginTop: -6 }}>
                  {form.intro} {i === SUPPORTED_CLOUDS.length - 1 ? NOT_YET : null}
                </p>
                <AccountForm cloud={cloud} spec={form} />
              </section>
            );
          })
        : null}
    </>
  );
}
