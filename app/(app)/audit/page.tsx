import { PageHead } from "@/components/page-head";
import { requireActor } from "@/lib/auth/session";
import { auditActionNames, auditPage, parseAuditFilters } from "@/lib/queries/audit";
import { AuditTable } from "./audit-table";

export const metadata = { title: "Audit" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireActor("/audit");
  const filters = parseAuditFilters(await searchParams);
  const [page, actions] = await Promise.all([auditPage(filters), auditActionNames()]);
  return (
    <>
      <PageHead title="Audit" subtitle="Every change and every refused attempt: who, what, when, and how it ended." />
      <form className="card filters" method="get" aria-label="Filter audit events" style={{ marginBottom: 16 }}>
        <div className="field">
          <label htmlFor="f-action">Action</label>
          <select id="f-action" name="action" defaultValue={filters.action ?? ""}>
            <option value="">All actions</option>
            {actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-result">Result</label>
          <select id="f-result" name="result" defaultValue={filters.result ?? ""}>
            <option value="">Any result</option>
            <option value="ok">ok</option>
            <option value="denied">denied</option>
            <option value="error">error</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-period">When</label>
          <select id="f-period" name="period" defaultValue={filters.period ?? ""}>
            <option value="">Any time</option>
            <option value="24h">Last 24 hours</option>
            <option value="7d">Last 7 days</option>
            <option value="30d">Last 30 days</option>
          </select>
        </div>
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
