import { z } from "zod";
import { db } from "@/lib/db/client";
import { providerFor } from "@/lib/catalog/provider-account";
import { isProviderError } from "@/lib/providers/errors";
import { hitRateLimit } from "@/lib/rate-limit/hit";
import { RATE_LIMITS } from "@/lib/rate-limit/limits";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";
import type { LogLine } from "@/lib/providers/types";
import { flattenParams } from "./keyset";
import { freshLogPage, logCacheKey, readThroughLogCache } from "./log-cache";

// The Logs screen: the lines of one execution, or of every recent execution of one batch of a job —
// the thing a cloud console can't show when every batch shares one image. Logs are read from the cloud
// when asked (the one read allowed on the request path), filtered there, never fetched whole.

export const logFiltersSchema = z.object({
  execution: z.string().max(40).optional().catch(undefined),
  job: z.string().max(40).optional().catch(undefined),
  batch: z.string().max(200).optional().catch(undefined),
  contains: z.string().max(200).optional().catch(undefined),
  // A cloud's page token: Cloud Logging's run to a few hundred characters.
  cursor: z.string().max(4000).optional().catch(undefined),
});
export type LogFilters = z.infer<typeof logFiltersSchema>;

export function parseLogFilters(params: Record<string, string | string[] | undefined>): LogFilters {
  return logFiltersSchema.parse(flattenParams(params));
}

/** A batch's logs cover its most recent runs; older ones are a filter away on the Executions page. */
export const BATCH_RUNS = 20;
const PAGE_LINES = 500;

export type LogView =
  | { state: "choose" }
  | { state: "not_found"; message: string }
  | { state: "error"; title: string; executions: string[]; message: string; account: string }
  /** Over the member's log-read limit: the cloud was not asked; the message says how long to wait. */
  | { state: "rate_limited"; title: string; message: string; retryAfterSeconds: number }
  | {
      state: "ok";
      title: string;
      executions: string[];
      lines: (Omit<LogLine, "at"> & { at: string })[];
      nextCursor: string | null;
      /** When the lines were read from the cloud (the log cache serves one read to every viewer for a while). */
      fetchedAt: string;
      ageSeconds: number;
      /** Why the lines are older than usual (the cloud throttled the refresh); null when fresh. */
      stale: string | null;
    };

export async function readLogView(actor: Actor, filters: LogFilters): Promise<LogView> {
  assertCan(actor, "catalog:read");
  const scope = await resolveScope(filters);
  if (scope.kind !== "found") return scope.kind === "none" ? { state: "choose" } : { state: "not_found", message: scope.message };
  const { account, title } = scope;
  const executions = scope.executions.map((e) => e.providerId);
  // The cloud's log API is asked from just before the earliest run, not over its whole retention.
  const starts = scope.executions.flatMap((e) => (e.startedAt ? [e.startedAt.getTime()] : []));
  const since = starts.length ? new Date(Math.min(...starts) - 60_000) : undefined;
  const cursor = filters.cursor ?? null;
  const key = logCacheKey({ executions, contains: filters.contains, since, cursor });
  const ok = (read: { page: { items: LogLine[]; cursor: string | null }; fetchedAt: Date; stale: string | null }): LogView => ({
    state: "ok",
    title,
    executions,
    lines: read.page.items.map((l) => ({ ...l, at: l.at.toISOString() })),
    nextCursor: read.page.cursor,
    fetchedAt: read.fetchedAt.toISOString(),
    ageSeconds: Math.max(0, Math.round((Date.now() - read.fetchedAt.getTime()) / 1000)),
    stale: read.stale,
  });
  const cached = await freshLogPage(account.id, key);
  if (cached) return ok(cached);
  // Each read is a call to the cloud's log API, which has its own quota (Google: about 60 a minute per
  // project); a member over their share waits instead of spending everyone's. Only reads that would reach
  // the cloud are counted.
  const allowance = await hitRateLimit("logRead", actor.id);
  if (!allowance.allowed) {
    const wait = allowance.retryAfterSeconds;
    return { state: "rate_limited", title, message: `${RATE_LIMITS.logRead.what}. Try again in ${wait} s.`, retryAfterSeconds: wait };
  }
  try {
    const provider = providerFor(account);
    return ok(await readThroughLogCache(account.id, key, () => provider.readLogs(executions, { contains: filters.contains, limit: PAGE_LINES, since }, cursor)));
  } catch (error) {
    if (!isProviderError(error)) throw error;
    return { state: "error", title, executions, message: error.message, account: account.name };
  }
}

const executionColumns = { providerId: true, startedAt: true } as const;

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
