import { EmptyState } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import { PageHead } from "@/components/page-head";
import { cloudAccounts } from "@/lib/queries/catalog";

export const metadata = { title: "Accounts" };

const CLOUD_NAMES = { azure: "Azure Container Apps", aws: "AWS ECS Fargate", gcp: "Google Cloud Run" } as const;

export default async function AccountsPage() {
  const accounts = await cloudAccounts();
  return (
    <>
      <PageHead title="Cloud accounts" subtitle="The subscriptions, AWS accounts and Google projects Batchdeck watches." />
      {accounts.length === 0 ? (
        <EmptyState icon="☁" title="No cloud accounts connected">
          Connect an Azure subscription, an AWS account or a Google Cloud project to see its jobs, runs and free-tier usage. Credentials
          are encrypted at rest and never sent to the browser.
        </EmptyState>
      ) : (
        <div className="card table-wrap">
          <table>
            <thead>
              <tr><th>Account</th><th>Cloud</th><th>Jobs</th><th>Sync</th></tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id}>
                  <td><strong>{a.name}</strong> {a.isDemo ? <span className="badge">simulated</span> : null} {a.readOnly ? <span className="badge">read-only</span> : null}</td>
                  <td>{CLOUD_NAMES[a.cloud]}</td>
                  <td>{a._count.jobs}</td>
                  <td>
                    {a.syncState === "error" ? <span className="badge error" title={a.lastError ?? undefined}>error</span> : <span className="badge">{a.syncState}</span>}{" "}
                    {a.lastSyncedAt ? <LocalTime iso={a.lastSyncedAt.toISOString()} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
