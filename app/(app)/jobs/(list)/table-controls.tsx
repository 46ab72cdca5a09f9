import Link from "next/link";
import { FilterSelect } from "@/components/filter-select";
import { CLOUD_DESCRIPTORS, SUPPORTED_CLOUDS } from "@/lib/providers/registry";
import { JOB_PAGE_SIZES, LAST_STATUSES, type JobSort, type JobsTableQuery, type SortDirection } from "@/lib/queries/jobs-table";
import { jobsHref } from "../search-params";

// The Jobs screen's search and filter bar, sortable column headers and pager: plain links and a GET
// form over the URL state of search-params.ts, so they work before (and without) JavaScript.

const CLOUD_OPTIONS = SUPPORTED_CLOUDS.map((cloud) => ({ value: cloud, label: CLOUD_DESCRIPTORS[cloud].label }));
const STATUS_OPTIONS = LAST_STATUSES.map((s) => ({ value: s, label: s === "never" ? "never run" : s }));

/** The way a column sorts first: the newest run, the worst success rate, the longest run, the soonest next run. */
const FIRST_DIRECTION: Record<JobSort, SortDirection> = { name: "asc", "last-run": "desc", success: "asc", median: "desc", "next-run": "asc" };

export function JobsFilters({ query, accounts }: { query: JobsTableQuery; accounts: readonly { id: string; name: string }[] }) {
  return (
    <form className="card filters" method="get" action="/jobs" role="search" aria-label="Search and filter jobs" style={{ marginBottom: 16 }}>
      <div className="field">
        <label htmlFor="f-q">Name contains</label>
        <input id="f-q" name="q" type="search" defaultValue={query.q} maxLength={200} placeholder="e.g. etl" />
      </div>
      <FilterSelect id="f-cloud" label="Cloud" name="cloud" value={query.cloud ?? undefined} anyLabel="All clouds" options={CLOUD_OPTIONS} />
      <FilterSelect id="f-account" label="Account" name="account" value={query.account ?? undefined} anyLabel="All accounts" options={accounts.map((a) => ({ value: a.id, label: a.name }))} />
      <FilterSelect id="f-status" label="Last run" name="status" value={query.status ?? undefined} anyLabel="Any status" options={STATUS_OPTIONS} />
      {/* The order and page size survive a new search; the page starts over. */}
      {query.sort !== "name" ? <input type="hidden" name="sort" value={query.sort} /> : null}
      {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
      {query.size !== JOB_PAGE_SIZES[0] ? <input type="hidden" name="size" value={query.size} /> : null}
      <button className="button secondary" type="submit">Apply</button>
    </form>
  );
}

/** A column header that sorts by its column: first in the column's natural direction, then the other way. */
export function SortHeader({ query, sort, children }: { query: JobsTableQuery; sort: JobSort; children: string }) {
  const active = query.sort === sort;
  const dir: SortDirection = active ? (query.dir === "asc" ? "desc" : "asc") : FIRST_DIRECTION[sort];
  return (
    <th aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={jobsHref("/jobs", { ...query, sort, dir, page: 1 })} title={`Sort by ${children.toLowerCase()}`}>
        {children}
        {active ? <span aria-hidden="true">{query.dir === "asc" ? " ↑" : " ↓"}</span> : null}
      </Link>
    </th>
  );
}

export function JobsPager({ query, total, page, size }: { query: JobsTableQuery; total: number; page: number; size: number }) {
  const first = (page - 1) * size + 1;
  const last = Math.min(page * size, total);
  const count = (n: number) => n.toLocaleString("en");
  return (
    <nav className="pager" aria-label="Pages" style={{ flexWrap: "wrap", gap: 8, alignItems: "center" }}>
      <span data-testid="jobs-count">Showing {count(first)}–{count(last)} of {count(total)}</span>
      <span className="row" style={{ gap: 12 }}>
        {page > 1 ? <Link href={jobsHref("/jobs", { ...query, page: page - 1 })}>← Previous</Link> : null}
        {last < total ? <Link href={jobsHref("/jobs", { ...query, page: page + 1 })}>Next →</Link> : null}
        <span className="muted">
          Per page:{" "}
          {JOB_PAGE_SIZES.map((n) =>
            n === size ? <strong key={n}> {n}</strong> : <Link key={n} href={jobsHref("/jobs", { ...query, size: n, page: 1 })}> {n}</Link>,
          )}
        </span>
      </span>
    </nav>
  );
}
