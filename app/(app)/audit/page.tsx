import { FilterSelect } from "@/components/filter-select";
import { PageHead } from "@/components/page-head";
import { requireActor } from "@/lib/auth/session";
import { auditActionNames, auditPage } from "@/lib/queries/audit";
import { AUDIT_PERIODS, AUDIT_RESULTS, timeRangeOptions } from "@/lib/url-state/parsers";
import { AuditTable } from "./audit-table";
import { loadAuditFilters } from "./search-params";

export const metadata = { title: "Audit" };

const RESULTS = AUDIT_RESULTS.map((r) => ({ value: r, label: r }));
const PERIODS = timeRangeOptions(AUDIT_PERIODS);

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("/audit");
  const filters = loadAuditFilters(await searchParams);
  const [page, actions] = await Promise.all([auditPage(actor, filters), auditActionNames(actor)]);
  return (
    <>
      <PageHead title="Audit" subtitle="Every change and every refused attempt: who, what, when, and how it ended." />
      <form className="card filters" method="get" aria-label="Filter audit events" style={{ marginBottom: 16 }}>
        <FilterSelect id="f-action" label="Action" name="action" value={filters.action} anyLabel="All actions" options={actions.map((a) => ({ value: a, label: a }))} />
        <FilterSelect id="f-result" label="Result" name="result" value={filters.result} anyLabel="Any result" options={RESULTS} />
        <FilterSelect id="f-period" label="When" name="period" value={filters.period} anyLabel="Any time" options={PERIODS} />
        <div className="field">
          <label htmlFor="f-actor">Actor email</label>
          <input id="f-actor" name="actor" type="search" defaultValue={filters.actor ?? ""} placeholder="contains…" />
        </div>
        <button className="button secondary" type="submit">Apply</button>
      </form>
      <AuditTable filters={filters} initial={page} />
    </>
  );
}
