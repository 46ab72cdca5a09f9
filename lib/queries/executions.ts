import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";
import { afterCursor, cursorSchema, flattenParams, pageOf } from "./keyset";

// The Executions screen: every run across accounts, newest first, filtered from the URL so a view can
// be bookmarked and shared with a lab mate.

export const executionFiltersSchema = z.object({
  cloud: z.enum(["azure", "aws", "gcp"]).optional().catch(undefined),
  job: z.string().max(40).optional().catch(undefined),
  batch: z.string().max(200).optional().catch(undefined),
  status: z.enum(["queued", "running", "succeeded", "failed", "stopped", "unknown"]).optional().catch(undefined),
  before: cursorSchema,
});
export type ExecutionFilters = z.infer<typeof executionFiltersSchema>;

export function parseExecutionFilters(params: Record<string, string | string[] | undefined> | URLSearchParams): ExecutionFilters {
  return executionFiltersSchema.parse(flattenParams(params));
}

export const EXECUTIONS_PAGE_SIZE = 50;

export async function executionsPage(actor: Actor, filters: ExecutionFilters) {
  assertCan(actor, "catalog:read");
  const where: Prisma.ExecutionWhereInput = {
    ...(filters.cloud ? { account: { cloud: filters.cloud } } : {}),
    ...(filters.job ? { jobId: filters.job } : {}),
    ...(filters.batch ? { batch: filters.batch } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    // Runs not started yet have no start time; they lead the first page only.
    ...(filters.before ? { AND: [{ startedAt: { not: null } }, afterCursor("startedAt", filters.before)] } : {}),
  };
  const rows = await db().execution.findMany({
    where,
    orderBy: [{ startedAt: { sort: "desc", nulls: "first" } }, { id: "desc" }],
    take: EXECUTIONS_PAGE_SIZE + 1,
    select: {
      id: true,
      providerId: true,
      batch: true,
      status: true,
      startedAt: true,
      endedAt: true,
      triggeredBy: true,
      triggerInferred: true,
      actor: { select: { email: true } },
      job: { select: { id: true, name: true, account: { select: { name: true, cloud: true } } } },
    },
  });
  return pageOf(rows, EXECUTIONS_PAGE_SIZE, (e) => e.startedAt);
}

/** What the filter bar offers: the jobs, and the batches seen so far. */
export async function executionFilterOptions(actor: Actor) {
  assertCan(actor, "catalog:read");
  const [jobs, batches] = await Promise.all([
    db().job.findMany({ where: { kind: "job" }, orderBy: { name: "asc" }, select: { id: true, name: true, account: { select: { name: true } } } }),
    db().execution.findMany({ where: { batch: { not: null } }, distinct: ["batch"], orderBy: { batch: "asc" }, select: { batch: true } }),
  ]);
  return { jobs, batches: batches.map((b) => b.batch!) };
}
