import { runDuration } from "@/components/durations";
import type { ExecutionListItem } from "@/lib/queries/executions";
import type { RunsTableRow } from "./runs-table";

/**
 * A page of runs as RunsTable's rows. `batchHref`: the table's own view filtered to a batch.
 */
export function runsTableRows(items: readonly ExecutionListItem[], batchHref: (batch: string) => string): RunsTableRow[] {
  return items.map((e) => {
    const going = e.status === "running" || e.status === "queued";
    return {
      id: e.id,
      providerId: e.providerId,
      jobName: e.job.name,
      cloud: e.job.account.cloud,
      batch: e.batch,
      batchHref: e.batch ? batchHref(e.batch) : null,
      status: e.status,
      startedAt: e.startedAt?.toISOString() ?? null,
      duration: runDuration(e.startedAt, e.endedAt),
      startedBy: e.actor ? e.actor.email : e.triggeredBy,
      inferred: e.triggerInferred,
      going,
    };
  });
}
