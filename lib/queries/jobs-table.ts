import { Prisma } from "@/lib/db/generated/client";
import { ExecutionStatus } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/client";
import { accountHealth } from "@/lib/catalog/account-health";
import type { Cloud } from "@/lib/providers/types";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";
import { batchesByJob } from "./batches";
import { recentRunsByJob, recentSince, SUMMED_BUCKETS } from "./job-stats";
import { nextRunOf, nextRunsByJob } from "./next-run";

// The Jobs screen: one page of the jobs a search and filters select, in the order asked for. The
// filters, the order and the page are one SQL query over jobs (+ the latest-run probe, + the 30-day
// rollups) whose LIMIT/OFFSET cuts the page, so the screen costs the same with 200 jobs or 20 000; only
// the page's jobs then get their triggers, batches and figures. Sorting by next run is the exception:
// the next fire time comes from each cloud's cron dialect (the descriptors), which SQL can't read, so
// that order is made in Node over every job the filters select (cheap for thousands of jobs: a cron
// walk each).

export const JOB_SORTS = ["name", "last-run", "success", "median", "next-run"] as const;
export type JobSort = (typeof JOB_SORTS)[number];
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];
export const JOB_PAGE_SIZES = [50, 100] as const;
export type JobPageSize = (typeof JOB_PAGE_SIZES)[number];
/** The status of a job's latest started run, or "never" for a job that has not run yet. */
export const LAST_STATUSES = [...Object.values(ExecutionStatus), "never"] as const;
export type LastStatus = (typeof LAST_STATUSES)[number];
/** Longer searches are cut: no job name is this long. */
export const SEARCH_MAX = 200;

export interface JobsTableQuery {
  /** Case-insensitive substring of the job's name; "" for every job. */
  q: string;
  cloud: Cloud | null;
  account: string | null;
  status: LastStatus | null;
  sort: JobSort;
  dir: SortDirection;
  /** 1-based; a page past the last one reads as the last. */
  page: number;
  size: JobPageSize;
}

export const DEFAULT_JOBS_QUERY: JobsTableQuery = { q: "", cloud: null, account: null, status: null, sort: "name", dir: "asc", page: 1, size: 50 };

/** `text` as a LIKE pattern matching itself: its wildcards and the escape character escaped. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(query: JobsTableQuery): Prisma.Sql[] {
  const where = [Prisma.sql`j.gone_at IS NULL`, Prisma.sql`a.deleted_at IS NULL`];
  const q = query.q.trim().slice(0, SEARCH_MAX);
  if (q) where.push(Prisma.sql`j.name ILIKE ${`%${likeLiteral(q)}%`} ESCAPE '\\'`);
  if (query.cloud) where.push(Prisma.sql`a.cloud = ${query.cloud}::"Cloud"`);
  if (query.account) where.push(Prisma.sql`j.account_id = ${query.account}`);
  if (query.status === "never") where.push(Prisma.sql`l.status IS NULL`);
  else if (query.status) where.push(Prisma.sql`l.status = ${query.status}::"ExecutionStatus"`);
  return where;
}

/**
 * What the order needs joined to each job, and the sort key. Jobs without the figure (never run, no
 * decided run, no succeeded run) come last in both directions; ties go by name, then id.
 */
function ordering(query: JobsTableQuery, since: Date): { joins: Prisma.Sql; key: Prisma.Sql | null } {
  const latest = Prisma.sql`
    LEFT JOIN LATERAL (
      SELECT e.status, e.started_at FROM executions e
      WHERE e.job_id = j.id AND e.started_at IS NOT NULL
      ORDER BY e.started_at DESC, e.id DESC LIMIT 1
    ) l ON true`;
  // The latest run is one index probe per job on (job_id, started_at DESC, id DESC); joined only when
  // the status filter or the order reads it.
  const needsLatest = query.status !== null || query.sort === "last-run";
  const joins = [needsLatest ? latest : Prisma.empty];
  let key: Prisma.Sql | null = null;
  if (query.sort === "last-run") key = Prisma.sql`l.started_at`;
  if (query.sort === "success") {
    // As recentRunsByJob: succeeded ÷ (succeeded + failed) over the 30 days; null with neither.
    joins.push(Prisma.sql`
      LEFT JOIN LATERAL (
        SELECT sum(r.succeeded)::float8 / nullif(sum(r.succeeded) + sum(r.failed), 0) AS rate
        FROM job_daily_rollups r WHERE r.job_id = j.id AND r.day >= ${since}::date AND r.runs > 0
      ) s ON true`);
    key = Prisma.sql`s.rate`;
  }
  if (query.sort === "median") {
    // The median's histogram bucket (lib/catalog/duration-buckets.ts: medianMs reads the lower median,
    // the first bucket where the running count reaches half the total); the shown median grows with it.
    joins.push(Prisma.sql`
      LEFT JOIN LATERAL (
        SELECT ${SUMMED_BUCKETS} AS buckets FROM job_daily_rollups r WHERE r.job_id = j.id AND r.day >= ${since}::date
      ) h ON true
      LEFT JOIN LATERAL (
        SELECT min(c.bucket) AS bucket FROM (
          SELECT u.bucket, sum(u.n) OVER (ORDER BY u.bucket) AS seen, sum(u.n) OVER () AS total
          FROM unnest(h.buckets) WITH ORDINALITY AS u(n, bucket) WHERE u.n > 0
        ) c WHERE c.seen * 2 >= c.total
      ) m ON true`);
    key = Prisma.sql`m.bucket`;
  }
  return { joins: Prisma.join(joins, " "), key };
}

function orderBy(query: JobsTableQuery, key: Prisma.Sql | null): Prisma.Sql {
  const dir = query.dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  if (query.sort === "name") return Prisma.sql`ORDER BY j.name ${dir}, j.id ASC`;
  // next-run is ordered in Node (stably) over this name order.
  if (!key) return Prisma.sql`ORDER BY j.name ASC, j.id ASC`;
  return Prisma.sql`ORDER BY ${key} ${dir} NULLS LAST, j.name ASC, j.id ASC`;
}

/** The ids of one page of the selected jobs, in order, and how many jobs the filters select. */
async function pageIds(query: JobsTableQuery, now: Date): Promise<{ ids: string[]; total: number; page: number; nextRuns: Map<string, Date> | null }> {
  const { joins, key } = ordering(query, recentSince(now));
  const where = Prisma.join(conditions(query), " AND ");
  const from = Prisma.sql`FROM jobs j JOIN cloud_accounts a ON a.id = j.account_id ${joins} WHERE ${where}`;
  if (query.sort === "next-run") {
    const rows = await db().$queryRaw<{ id: string }[]>`SELECT j.id ${from} ${orderBy(query, null)}`;
    const nextRuns = await nextRunsByJob(rows.map((r) => r.id), now);
    const sign = query.dir === "desc" ? -1 : 1;
    // Array.prototype.sort is stable: equal next runs keep the SQL's name, id order.
    const ordered = rows.map((r) => r.id).sort((x, y) => {
      const a = nextRuns.get(x), b = nextRuns.get(y);
      if (!a || !b) return a ? -1 : b ? 1 : 0;
      return sign * (a.getTime() - b.getTime());
    });
    const page = Math.min(query.page, Math.max(1, Math.ceil(ordered.length / query.size)));
    return { ids: ordered.slice((page - 1) * query.size, page * query.size), total: ordered.length, page, nextRuns };
  }
  const read = (page: number) =>
    db().$queryRaw<{ id: string; total: number }[]>`
      SELECT j.id, count(*) OVER ()::int AS total ${from} ${orderBy(query, key)}
      LIMIT ${query.size} OFFSET ${(page - 1) * query.size}`;
  const rows = await read(query.page);
  if (rows.length > 0 || query.page === 1) return { ids: rows.map((r) => r.id), total: rows[0]?.total ?? 0, page: query.page, nextRuns: null };
  // Past the last page (a stale link after jobs went away): show the last page instead.
  const [counted] = await db().$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${from}`;
  const total = counted?.total ?? 0;
  if (total === 0) return { ids: [], total: 0, page: 1, nextRuns: null };
  const last = Math.ceil(total / query.size);
  return { ids: (await read(last)).map((r) => r.id), total, page: last, nextRuns: null };
}

/** One page of the Jobs screen: its jobs in order, the total the filters select, and the page shown. */
export async function jobsTable(actor: Actor, query: JobsTableQuery, now = new Date()) {
  assertCan(actor, "catalog:read");
  const normalised = { ...query, page: Math.max(1, Math.floor(query.page)) };
  const { ids, total, page, nextRuns } = await pageIds(normalised, now);
  const [jobs, latest, batches, recent] = await Promise.all([
    db().job.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        name: true,
        kind: true,
        image: true,
        account: { select: { id: true, name: true, cloud: true, syncState: true, lastSyncedAt: true, lastErrorKind: true, lastError: true } },
        triggers: { orderBy: { providerId: "asc" }, select: { id: true, kind: true, expression: true, timeZone: true, batch: true, enabled: true } },
      },
    }),
    db().$queryRaw<{ job_id: string; status: ExecutionStatus; started_at: Date }[]>`
      SELECT j.id AS job_id, l.status, l.started_at
      FROM unnest(${ids}::text[]) AS j(id)
      CROSS JOIN LATERAL (
        SELECT e.status, e.started_at FROM executions e
        WHERE e.job_id = j.id AND e.started_at IS NOT NULL
        ORDER BY e.started_at DESC, e.id DESC LIMIT 1
      ) l`,
    batchesByJob(ids),
    recentRunsByJob(ids, now),
  ]);
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const lastRun = new Map(latest.map((r) => [r.job_id, { status: r.status, startedAt: r.started_at }]));
  const rows = ids.map((id) => {
    const { account: { syncState, lastSyncedAt, lastErrorKind, lastError, ...account }, ...job } = byId.get(id)!;
    return {
      ...job,
      // A cloud in trouble says so on its jobs too (lib/catalog/account-health.ts), while the others read as usual.
      account: { ...account, health: accountHealth({ syncState, lastSyncedAt, lastErrorKind, lastError }, now) },
      lastRun: lastRun.get(id) ?? null,
      recent: recent.get(id) ?? null,
      nextRun: nextRuns ? (nextRuns.get(id) ?? null) : nextRunOf(account.cloud, job.triggers, now),
      batches: batches.get(id) ?? [],
    };
  });
  return { jobs: rows, total, page, size: normalised.size };
}

export type JobsTable = Awaited<ReturnType<typeof jobsTable>>;
export type JobsTableRow = JobsTable["jobs"][number];

/** The filter bar's accounts (every connected account, A to Z): one query per page, not per row. */
export async function jobsTableAccounts(actor: Actor) {
  assertCan(actor, "catalog:read");
  return db().cloudAccount.findMany({ where: { deletedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, cloud: true } });
}
