import Link from "next/link";
import { AccountHealthNotice } from "@/components/account-health-notice";
import { EmptyState } from "@/components/empty-state";
import { PageHead } from "@/components/page-head";
import { jobsTable, jobsTableAccounts, type JobsTableQuery } from "@/lib/queries/jobs-table";
import { can } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { newRequestKey } from "@/lib/actions/request-key";
import { jobsHref, loadJobsSearchParams } from "../search-params";
import { JobsFilters, JobsPager, SortHeader } from "./table-controls";
import { JobsTableBody } from "./jobs-table-body";

export const metadata = { title: "Jobs" };

export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("/jobs");
  const run = can(actor.role, "executions:run");
  const redeploy = can(actor.role, "jobs:redeploy");
  const [params, accounts] = await Promise.all([searchParams.then(loadJobsSearchParams), jobsTableAccounts(actor)]);
  // An account that is not (or no longer) connected filters nothing, like any other unreadable value.
  const query: JobsTableQuery = { ...params, q: params.q.trim(), account: accounts.some((a) => a.id === params.account) ? params.account : null };
  const { jobs, total, page, size } = await jobsTable(actor, query);
  const filtered = Boolean(query.q || query.cloud || query.account || query.status);
  const troubled = [...new Map(jobs.filter((j) => j.account.health.level !== "ok").map((j) => [j.account.id, j.account])).values()];
  return (
    <>
      <PageHead title="Jobs" subtitle="Every batch job across your cloud accounts." />
      {troubled.length ? <div className="stack" style={{ marginBottom: 16 }}>{troubled.map((a) => <AccountHealthNotice key={a.id} name={a.name} health={a.health} />)}</div> : null}
      {total > 0 || filtered ? <JobsFilters query={query} accounts={accounts} /> : null}
      {jobs.length === 0 && filtered ? (
        <EmptyState icon="▦" title="No jobs match this search" action={<Link className="button secondary" href={jobsHref("/jobs", { sort: query.sort, dir: query.dir, size: query.size })}>Clear filters</Link>}>
          {query.q ? <>No job name contains &ldquo;{query.q}&rdquo; with these filters. </> : <>No job matches these filters. </>}
          Try part of the name, or another cloud, account or status.
        </EmptyState>
      ) : jobs.length === 0 ? (
        <EmptyState icon="▦" title="No jobs yet" action={<Link className="button" href="/accounts">Go to cloud accounts</Link>}>
          Batchdeck lists the Container Apps jobs, ECS task families and Cloud Run jobs of every connected cloud account. Connect an
          account and its jobs appear here after the first sync.
        </EmptyState>
      ) : (
        <div className="card stack" style={{ gap: 12 }}>
          <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <SortHeader query={query} sort="name">Job</SortHeader><th>Account</th><th>Triggers</th>
                <SortHeader query={query} sort="last-run">Last run</SortHeader>
                <SortHeader query={query} sort="next-run">Next run</SortHeader>
                <SortHeader query={query} sort="success">Success (30 d)</SortHeader>
                <SortHeader query={query} sort="median">Median duration (30 d)</SortHeader>
                <th>Image</th>{run ? <th><span className="visually-hidden">Actions</span></th> : null}
              </tr>
            </thead>
            <JobsTableBody run={run} redeploy={redeploy} rows={jobs.map((job) => ({ job, runKey: run ? newRequestKey() : "", redeployKey: redeploy ? newRequestKey() : "" }))} />
          </table>
          </div>
          <JobsPager query={query} total={total} page={page} size={size} />
        </div>
      )}
    </>
  );
}
