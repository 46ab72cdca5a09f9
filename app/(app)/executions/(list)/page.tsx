import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { FilterSelect } from "@/components/filter-select";
import { PageHead } from "@/components/page-head";
import { can } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { newRequestKey } from "@/lib/actions/request-key";
import { CLOUD_DESCRIPTORS, SUPPORTED_CLOUDS } from "@/lib/providers/registry";
import { StopManyForm } from "../stop-many-form";
import { RunsTable } from "../runs-table";
import { runsTableRows } from "../runs-table-rows";
import { executionFilterOptions, executionsPage } from "@/lib/queries/executions";
import { EXECUTION_STATUS_OPTIONS } from "@/lib/url-state/parsers";
import { executionsHref as href, loadExecutionFilters } from "../search-params";

export const metadata = { title: "Executions" };

const CLOUD_OPTIONS = SUPPORTED_CLOUDS.map((cloud) => ({ value: cloud, label: CLOUD_DESCRIPTORS[cloud].label }));

export default async function ExecutionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("/executions");
  const operate = can(actor.role, "executions:run");
  const filters = loadExecutionFilters(await searchParams);
  const [{ items, nextCursor }, options] = await Promise.all([executionsPage(actor, filters), executionFilterOptions(actor)]);
  const { before, ...withoutCursor } = filters;
  const filtered = Object.values(withoutCursor).some(Boolean);
  return (
    <>
      <PageHead title="Executions" subtitle="The durable history of every run: the clouds forget, Batchdeck keeps it." />
      {options.jobs.length > 0 ? (
        <form className="card filters" method="get" aria-label="Filter executions" style={{ marginBottom: 16 }}>
          <FilterSelect id="f-cloud" label="Cloud" name="cloud" value={filters.cloud} anyLabel="All clouds" options={CLOUD_OPTIONS} />
          <FilterSelect id="f-job" label="Job" name="job" value={filters.job} anyLabel="All jobs" options={options.jobs.map((j) => ({ value: j.id, label: `${j.name} (${j.account.name})` }))} />
          <FilterSelect id="f-batch" label="Batch" name="batch" value={filters.batch} anyLabel="All batches" options={options.batches.map((b) => ({ value: b, label: b }))} />
          <FilterSelect id="f-status" label="Status" name="status" value={filters.status} anyLabel="Any status" options={EXECUTION_STATUS_OPTIONS} />
          <button className="button secondary" type="submit">Apply</button>
        </form>
      ) : null}
      {items.length === 0 ? (
        filtered ? (
          <EmptyState icon="▶" title="No executions match these filters" action={<Link className="button secondary" href="/executions">Clear filters</Link>}>
            Try another job, batch or status.
          </EmptyState>
        ) : (
          <EmptyState icon="▶" title="No executions recorded yet">
            Runs appear here as soon as a connected account has synced: who or what started them, which batch, how long they took and
            what they cost.
          </EmptyState>
        )
      ) : (
        <div className="card stack" style={{ gap: 12 }}>
          {operate && items.some((e) => e.status === "running" || e.status === "queued") ? <StopManyForm initialKey={newRequestKey()} /> : null}
          <RunsTable variant="catalog" operate={operate} rows={runsTableRows(items, (batch) => href({ ...withoutCursor, batch }))} />
          <nav className="pager" aria-label="Pages">
            {before ? <Link href={href(withoutCursor)}>← Newest</Link> : <span />}
            {nextCursor ? <Link href={href({ ...withoutCursor, before: nextCursor })}>Older →</Link> : null}
          </nav>
        </div>
      )}
    </>
  );
}
