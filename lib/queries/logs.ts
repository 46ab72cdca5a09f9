import { db } from "@/lib/db/client";
import { isProviderError } from "@/lib/providers/errors";
import { AppError } from "@/lib/errors";
import { readScopeLogs } from "@/lib/logs/read";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";
import type { LogLine } from "@/lib/providers/types";

// The Logs screen: the lines of one execution, or of every recent execution of one batch of a job —
// the thing a cloud console can't show when every batch shares one image. Logs are read from the cloud
// when asked (the one read allowed on the request path), through the Postgres log cache (lib/logs), so
// many viewers cost one cloud read per interval; filtered there, never fetched whole.

/** What to read, from the URL (app/(app)/logs/search-params.ts); `cursor` is the log reader's own, not a keyset one. */
export interface LogFilters {
  execution?: string;
  job?: string;
  batch?: string;
  contains?: string;
  cursor?: string;
}

/** A batch's logs cover its most recent runs; older ones are a filter away on the Executions page. */
export const BATCH_RUNS = 20;
const PAGE_LINES = 500;

export type LogView =
  | { state: "choose" }
  | { state: "not_found"; message: string }
  | { state: "error"; title: string; executions: string[]; pages: Record<string, string>; message: string; account: string }
  /** Over the member's log-read limit with nothing cached: the cloud was not asked; the message says how long to wait. */
  | { state: "rate_limited"; title: string; message: string; retryAfterSeconds: number }
  | {
      state: "ok";
      title: string;
      executions: string[];
      lines: (Omit<LogLine, "at"> & { at: string })[];
      nextCursor: string | null;
      /** Each execution's catalog id by its provider id, for links to its page. */
      pages: Record<string, string>;
      /** When the cloud was read for these lines (they come through the log cache). */
      fetchedAt: string;
      /** Set when the cloud (or the member's limit) said wait and these are the lines read before. */
      throttled: string | null;
    };

export async function readLogView(actor: Actor, filters: LogFilters): Promise<LogView> {
  assertCan(actor, "catalog:read");
  const scope = await resolveScope(filters);
  if (scope.kind !== "found") return scope.kind === "none" ? { state: "choose" } : { state: "not_found", message: scope.message };
  const { account, title } = scope;
  const executions = scope.executions.map((e) => e.providerId);
  const pages = Object.fromEntries(scope.executions.map((e) => [e.providerId, e.id]));
  try {
    // Through the Postgres cache: a read that reaches the cloud counts against the member's log-read limit.
    const page = await readScopeLogs(actor, scope, { contains: filters.contains, cursor: filters.cursor ?? null, limit: PAGE_LINES });
    return {
      state: "ok",
      title,
      executions,
      lines: page.items.map((l) => ({ ...l, at: l.at.toISOString() })),
      nextCursor: page.cursor,
      pages,
      fetchedAt: page.fetchedAt.toISOString(),
      throttled: page.stale === "throttled" ? (page.staleReason ?? "The cloud asked to wait.") : null,
    };
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") {
      return { state: "rate_limited", title, message: error.message, retryAfterSeconds: error.retryAfterSeconds ?? 60 };
    }
    if (!isProviderError(error)) throw error;
    return { state: "error", title, executions, pages, message: error.message, account: account.name };
  }
}

const executionColumns = { id: true, providerId: true, startedAt: true, status: true, endedAt: true } as const;

/** A chosen job and batch win over an execution, so the chooser form can switch away from one run. */
async function resolveScope(filters: LogFilters) {
  if (filters.job && filters.batch) {
    const job = await db().job.findUnique({ where: { id: filters.job }, select: { name: true, account: true } });
    if (!job) return { kind: "missing" as const, message: "That job is not in the catalog." };
    const executions = await db().execution.findMany({
      where: { jobId: filters.job, batch: filters.batch },
      orderBy: { startedAt: { sort: "desc", nulls: "last" } },
      take: BATCH_RUNS,
      select: executionColumns,
    });
    if (executions.length === 0) return { kind: "missing" as const, message: `No runs of ${job.name} with batch ${filters.batch} are recorded.` };
    return { kind: "found" as const, executions, account: job.account, title: `${job.name} · batch ${filters.batch}` };
  }
  if (filters.execution) {
    const execution = await db().execution.findUnique({
      where: { id: filters.execution },
      select: { ...executionColumns, job: { select: { name: true, account: true } } },
    });
    if (!execution) return { kind: "missing" as const, message: "That execution is not in the catalog (it may belong to a removed account)." };
    return { kind: "found" as const, executions: [execution], account: execution.job.account, title: `${execution.job.name} · ${execution.providerId}` };
  }
  return { kind: "none" as const };
}
