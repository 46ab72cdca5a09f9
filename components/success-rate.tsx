import type { RecentRuns } from "@/lib/queries/job-stats";

/** A job's 30-day success rate from the rollups, with its counts on hover. */
export function SuccessRate({ recent }: { recent: RecentRuns | null }) {
  if (!recent || recent.successRate === null) return <span className="muted">no ended runs</span>;
  return <span title={`${recent.succeeded} succeeded, ${recent.failed} failed, ${recent.stopped} stopped of ${recent.runs} runs`}>{Math.round(recent.successRate * 100)} %</span>;
}
