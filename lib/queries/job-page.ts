import { z } from "zod";
import type { ExecutionStatus } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/client";
import { descriptorOf } from "@/lib/providers/registry";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";
import { batchesByJob } from "./batches";
import { executionsPage, type ExecutionFilters } from "./executions";
import { recentRunsByJob } from "./job-stats";

// The job page (/jobs/[id]), in one read: the job, its triggers read in its cloud's cron dialect, its
// deployments, its 30-day figures from the rollups, its last runs for the chart, one page of its history
// and the batches its runs carried. Bounded whatever the history's size: the chart and the history are
// index ranges of (job_id, started_at DESC, id DESC), the figures at most 30 rollup rows.

/** The history's filters: those of the Executions screen, for this one job. */
export type JobHistoryFilters = Pick<ExecutionFilters, "batch" | "status" | "range" | "before">;

/** How many of the latest runs the duration chart plots. */
export const CHART_RUNS = 200;
/** How many deployments the page lists, newest first. */
export const DEPLOYMENTS_SHOWN = 20;

/** deployments.changes as the redeploy service stores it: lines in the user's words; older rows have none. */
const DEPLOYMENT_CHANGES = z.array(z.string()).nullable().catch(null);

export interface ChartRun {
  id: string;
  startedAt: string;
  durationMs: number;
  status: ExecutionStatus;
}

/** Whether the job page shows this job: the catalog has it, its cloud still has it, its account is not removed. */
function shown<J extends { goneAt: Date | null; account: { deletedAt: Date | null } }>(job: J | null): job is J {
  return job !== null && job.goneAt === null && job.account.deletedAt === null;
}

/**
 * Whether /jobs/[id] has a job to show, read before the page's loading state streams (its layout.tsx):
 * once a response has started, its status can no longer become 404.
 */
export async function jobExists(actor: Actor, jobId: string): Promise<boolean> {
  assertCan(actor, "catalog:read");
  if (jobId.length > 64) return false;
  return shown(await db().job.findUnique({ where: { id: jobId }, select: { goneAt: true, account: { select: { deletedAt: true } } } }));
}

/** The job's page, or null when there is no such job (never synced, gone from its cloud, or its account removed). */
export async function jobPage(actor: Actor, jobId: string, filters: JobHistoryFilters, now = new Date()) {
  assertCan(actor, "catalog:read");
  const job = await db().job.findUnique({
    where: { id: jobId },
    select: {
      id: true,
      name: true,
      kind: true,
      image: true,
      region: true,
      goneAt: true,
      account: { select: { id: true, name: true, cloud: true, readOnly: true, deletedAt: true } },
      triggers: { orderBy: { providerId: "asc" }, select: { id: true, kind: true, expression: true, timeZone: true, batch: true, enabled: true } },
      deployments: {
        orderBy: { createdAt: "desc" },
        take: DEPLOYMENTS_SHOWN,
        select: { id: true, fromImage: true, toImage: true, state: true, error: true, changes: true, createdAt: true, completedAt: true, actor: { select: { email: true } } },
      },
    },
  });
  if (!shown(job)) return null;
  const [recent, latest, history, batches] = await Promise.all([
    recentRunsByJob([job.id], now),
    db().$queryRaw<{ id: string; status: ExecutionStatus; started_at: Date; ended_at: Date | null }[]>`
      SELECT e.id, e.status, e.started_at, e.ended_at FROM executions e
      WHERE e.job_id = ${job.id} AND e.started_at IS NOT NULL
      ORDER BY e.started_at DESC, e.id DESC LIMIT ${CHART_RUNS}`,
    executionsPage(actor, { ...filters, job: job.id }),
    batchesByJob([job.id]),
  ]);
  const descriptor = descriptorOf(job.account.cloud);
  const triggers = job.triggers.map((t) => ({
    ...t,
    reading: t.expression && descriptor ? descriptor.schedule({ kind: t.kind, expression: t.expression, timeZone: t.timeZone }, now) : null,
  }));
  // Oldest first, so the chart reads left to right; a run still going has no duration yet.
  const chart: ChartRun[] = latest
    .filter((r) => r.ended_at !== null)
    .reverse()
    .map((r) => ({ id: r.id, startedAt: r.started_at.toISOString(), durationMs: r.ended_at!.getTime() - r.started_at.getTime(), status: r.status }));
  const { goneAt: _gone, account, deployments, ...rest } = job;
  return {
    ...rest,
    // What a redeploy changed besides the job (e.g. the rules and schedules repointed to a new revision).
    deployments: deployments.map((d) => ({ ...d, changes: DEPLOYMENT_CHANGES.parse(d.changes) })),
    account: { id: account.id, name: account.name, cloud: account.cloud, readOnly: account.readOnly },
    triggers,
    recent: recent.get(job.id) ?? null,
    chart,
    history,
    batches: batches.get(job.id) ?? [],
  };
}

export type JobPage = NonNullable<Awaited<ReturnType<typeof jobPage>>>;
