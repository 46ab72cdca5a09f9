import { Prisma } from "@/lib/db/generated/client";
import type { Cloud, ExecutionStatus, TriggeredBy } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/client";
import type { TimeRange } from "@/lib/url-state/parsers";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";
import { batchesOf } from "./batches";
import { afterCursor, pageOf } from "./keyset";

// The Executions screen: every run across accounts, newest first, filtered from the URL so a view can
// be bookmarked and shared with a lab mate.

/** Each time range a history can be narrowed to, as a Postgres interval. */
export const EXECUTION_RANGES: Record<TimeRange, string> = { "24h": "1 day", "7d": "7 days", "30d": "30 days", "90d": "90 days" };

/** The screen's filters, read from the URL by app/(app)/executions/search-params.ts; absent: no filter. */
export interface ExecutionFilters {
  cloud?: Cloud;
  job?: string;
  batch?: string;
  status?: ExecutionStatus;
  /** Runs started within this long before now. */
  range?: TimeRange;
  /** Keyset cursor: rows after this one (lib/queries/keyset.ts). */
  before?: string;
}

export const EXECUTIONS_PAGE_SIZE = 50;

interface ExecutionRow {
  id: string;
  provider_id: string;
  batch: string | null;
  status: ExecutionStatus;
  started_at: Date | null;
  ended_at: Date | null;
  triggered_by: TriggeredBy;
  trigger_inferred: boolean;
  actor_email: string | null;
  job_id: string;
  job_name: string;
  account_name: string;
  cloud: Cloud;
}

/** The filters as SQL conditions; each equality leads one of the (…, started_at DESC, id DESC) indexes. */
function conditions(filters: ExecutionFilters): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filters.job) where.push(Prisma.sql`e.job_id = ${filters.job}`);
  if (filters.batch) where.push(Prisma.sql`e.batch = ${filters.batch}`);
  if (filters.status) where.push(Prisma.sql`e.status = ${filters.status}::"ExecutionStatus"`);
  if (filters.range) where.push(Prisma.sql`e.started_at >= now() - ${EXECUTION_RANGES[filters.range]}::interval`);
  if (filters.cloud) where.push(Prisma.sql`e.account_id IN (SELECT id FROM cloud_accounts WHERE cloud = ${filters.cloud}::"Cloud")`);
  // Runs not started yet have no start time: they lead the first page only (DESC sorts nulls first).
  if (filters.before) where.push(afterCursor("e.started_at", "e.id", filters.before));
  return where;
}

export async function executionsPage(actor: Actor, filters: ExecutionFilters) {
  assertCan(actor, "catalog:read");
  const where = conditions(filters);
  // Prisma cannot say `(started_at, id) < (…)`, the only cursor Postgres reads as an index range.
  const rows = await db().$queryRaw<ExecutionRow[]>`
    SELECT e.id, e.provider_id, e.batch, e.status, e.started_at, e.ended_at, e.triggered_by, e.trigger_inferred,
           u.email AS actor_email, j.id AS job_id, j.name AS job_name, a.name AS account_name, a.cloud
    FROM executions e
    JOIN jobs j ON j.id = e.job_id
    JOIN cloud_accounts a ON a.id = e.account_id
    LEFT JOIN users u ON u.id = e.actor_id
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
    ORDER BY e.started_at DESC NULLS FIRST, e.id DESC
    LIMIT ${EXECUTIONS_PAGE_SIZE + 1}`;
  const items = rows.map((r) => ({
    id: r.id,
    providerId: r.provider_id,
    batch: r.batch,
    status: r.status,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    triggeredBy: r.triggered_by,
    triggerInferred: r.trigger_inferred,
    actor: r.actor_email === null ? null : { email: r.actor_email },
    job: { id: r.job_id, name: r.job_name, account: { name: r.account_name, cloud: r.cloud } },
  }));
  return pageOf(items, EXECUTIONS_PAGE_SIZE, (e) => e.startedAt);
}

/** One run of a page of executionsPage. */
export type ExecutionListItem = Awaited<ReturnType<typeof executionsPage>>["items"][number];

/** What the filter bar offers: the jobs, and the batches seen so far. */
export async function executionFilterOptions(actor: Actor) {
  assertCan(actor, "catalog:read");
  const [jobs, batches] = await Promise.all([
    db().job.findMany({ where: { kind: "job" }, orderBy: { name: "asc" }, select: { id: true, name: true, account: { select: { name: true } } } }),
    batchesOf(),
  ]);
  return { jobs, batches };
}
