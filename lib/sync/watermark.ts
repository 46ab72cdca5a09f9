import { z } from "zod";
import type { ProviderExecution } from "@/lib/providers/types";

// The watermark of an account's incremental sync, kept in cloud_accounts.sync_cursor: the sync asks the
// cloud only for runs that started or ended since it (plus every run still going: the adapters always
// list those, see each adapter's listExecutions in lib/providers/<cloud>/).
//
// What `since` may skip, and why the watermark is set as it is:
// - It is measured on the cloud's clock (the latest start or end the cloud reported), never ours, so a
//   skew between the two cannot hide a run.
// - A run that ended before the watermark is skipped, so it must already be stored as ended. The
//   catalog may still hold a run as running that the cloud now reports ended with an end time before
//   the watermark (Azure reports the end a little after it happened, and a sync may have seen it
//   running meanwhile). So the watermark never passes the start of a run the catalog holds as running
//   or queued: that run's end comes after its start, so the next listing includes it until it ends. A
//   run held as running or queued with no start time makes the next listing a full one.
// - OVERLAP more is re-listed, for runs the cloud shows a little late. On Azure the filter is applied
//   after listing (it keeps the last 100 runs per job with no server-side time filter), so the
//   overlap costs only comparing those rows, which write nothing when unchanged.
// A full listing (since = null) is also made when a job is new to the catalog, comes back after being
// gone, or reads its batch from another variable: its older runs must be (re)stored too.

export const OVERLAP_MS = 60 * 60_000;

const Cursor = z.object({ executionsSince: z.iso.datetime() });

/** The stored watermark; null (a full listing) when there is none or it is unreadable. */
export function readWatermark(stored: unknown): Date | null {
  const parsed = Cursor.safeParse(stored);
  return parsed.success ? new Date(parsed.data.executionsSince) : null;
}

export function watermarkCursor(since: Date | null): { executionsSince: string } | null {
  return since ? { executionsSince: since.toISOString() } : null;
}

/** The latest start or end among `executions` and `latest`, on the cloud's clock; null when none has either. */
export function latestSeen(executions: readonly ProviderExecution[], latest: Date | null): Date | null {
  let t = latest?.getTime() ?? -Infinity;
  for (const e of executions) {
    if (e.startedAt && e.startedAt.getTime() > t) t = e.startedAt.getTime();
    if (e.endedAt && e.endedAt.getTime() > t) t = e.endedAt.getTime();
  }
  return Number.isFinite(t) ? new Date(t) : null;
}

/**
 * The next sync's watermark: OVERLAP_MS before the latest time the cloud reported (never behind the
 * previous watermark; the previous one stands when nothing was listed), held back to the earliest start
 * of a run the catalog still holds as going. Null (a full listing) when there is nothing to go by or a
 * run held as going has no start time.
 */
export function nextWatermark(latest: Date | null, previous: Date | null, going: { earliestStart: Date | null; undated: boolean }): Date | null {
  if (going.undated) return null;
  const fromLatest = latest ? latest.getTime() - OVERLAP_MS : -Infinity;
  const bound = Math.min(Math.max(fromLatest, previous?.getTime() ?? -Infinity), going.earliestStart?.getTime() ?? Infinity);
  return Number.isFinite(bound) ? new Date(bound) : null;
}
