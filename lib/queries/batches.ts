import { db } from "@/lib/db/client";
import { distinctValues } from "./distinct-values";

// The batch names runs have carried, for filter bars and run forms. A million executions hold a few
// dozen names: each query is a loose index scan (recursive CTE), one index probe per name found, where
// SELECT DISTINCT would read every row.

/** Every batch name seen, A to Z: skips through the (batch, started_at, id) index one name at a time. */
export async function batchesOf(): Promise<string[]> {
  return distinctValues({ table: "executions", column: "batch" });
}

/** Each job's batch names, A to Z, in one query: skips through the (job_id, batch, …) index per job. */
export async function batchesByJob(jobIds: string[]): Promise<Map<string, string[]>> {
  const rows = await db().$queryRaw<{ job_id: string; batch: string }[]>`
    WITH RECURSIVE b(job_id, batch) AS (
      SELECT j.id, (SELECT min(e.batch) FROM executions e WHERE e.job_id = j.id) FROM unnest(${jobIds}::text[]) AS j(id)
      UNION ALL
      SELECT b.job_id, (SELECT min(e.batch) FROM executions e WHERE e.job_id = b.job_id AND e.batch > b.batch) FROM b WHERE b.batch IS NOT NULL
    )
    SELECT job_id, batch FROM b WHERE batch IS NOT NULL ORDER BY job_id, batch`;
  const byJob = new Map<string, string[]>();
  for (const r of rows) {
    const list = byJob.get(r.job_id);
    if (list) list.push(r.batch);
    else byJob.set(r.job_id, [r.batch]);
  }
  return byJob;
}
