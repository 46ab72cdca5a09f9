import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { batchFromEnv } from "@/lib/providers/batch";
import type { ProviderExecution } from "@/lib/providers/types";
import { redactEnv } from "@/lib/catalog/redact";
import { lockRollups, refreshRollups, type RollupClient, type RunSpan } from "@/lib/catalog/rollups";
import { HOLDER_SQL, lockHolders, priceRows, pricingCtes, refreshCostRollups, type PriceRows } from "@/lib/usage/reprice";
import { lastByKey, triggerKey, type SavedJobs } from "./save-jobs";

// A page of executions in one statement: the rows travel as one jsonb parameter (jsonb_to_recordset), so
// Postgres's 65,535 bind-parameter limit never applies, and a run is written only when a synced column
// changed. Columns other writers own are left alone: actor_id (set when an in-doubt start is settled),
// trigger_inferred. Each statement runs in a transaction with the refresh of the per-job daily rollups it
// touched (lib/catalog/rollups.ts): the rows as they were before and after the write. The same statement
// prices the runs (lib/usage/reprice.ts): every (grant holder, UTC month) a row reaches, before or after,
// is re-priced over the runs as they will be, so a new run is written once with its cost, and a run
// whose cost moved (a late older run took grant from it) is updated only if the cost differs.

/**
 * Rows per statement: bounds a statement's size and the sync's memory (two statements' runs at most)
 * whatever page size a cloud's adapter returns. Large, because each statement prices its months from the
 * earliest run it adds: a first sync whose runs interleave in time (a cloud that lists per job) re-prices
 * in every statement what the earlier ones wrote. 5,000 → 20,000 took bench:sync's database part (12,000
 * runs) from 2,650–3,510 to 3,330–4,400 executions/s, its first sync from 2,100–2,470 to 2,290–2,710.
 */
export const ROWS_PER_STATEMENT = 20_000;
/** Prisma's 5 s default is for a click's few rows; a full statement and its rollups on a busy database may take longer. */
const WRITE_TIMEOUT = { maxWait: 10_000, timeout: 120_000 };

export interface Written {
  inserted: number;
  updated: number;
}

function executionRow(jobs: SavedJobs, e: ProviderExecution) {
  const job = jobs.jobs.get(e.jobProviderId);
  if (!job) return null; // a run of a job deleted between the two calls; the next sync settles it
  return {
    job_id: job.id,
    provider_id: e.providerId,
    batch: batchFromEnv(e.env, job.batchEnvName),
    status: e.status,
    provider_status: e.providerStatus,
    started_at: e.startedAt,
    ended_at: e.endedAt,
    exit_code: e.exitCode,
    milli_vcpu: e.milliVcpu,
    memory_mib: e.memoryMiB,
    image: e.image,
    triggered_by: e.triggeredBy,
    trigger_id: e.triggerProviderId ? (jobs.triggers.get(triggerKey(job.id, e.triggerProviderId)) ?? null) : null,
    request_key: e.requestKey,
    // Shown to viewers: secret-looking values are hidden (lib/catalog/redact.ts).
    overrides: redactEnv(e.overrides),
  };
}

type Row = NonNullable<ReturnType<typeof executionRow>>;

interface WrittenRow {
  /** A run outside the page whose cost the page moved: only its day's cost is refreshed. */
  repriced: boolean;
  inserted: boolean;
  job_id: string;
  started_at: Date | null;
  ended_at: Date | null;
  old_job_id: string | null;
  old_started_at: Date | null;
  old_ended_at: Date | null;
}

async function upsert(tx: RollupClient, accountId: string, rows: Row[], prices: PriceRows): Promise<WrittenRow[]> {
  return tx.$queryRaw<WrittenRow[]>`
    with input as (
      select r.* from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(job_id text, provider_id text, batch text, status "ExecutionStatus",
        provider_status text, started_at timestamptz, ended_at timestamptz, exit_code int, milli_vcpu int, memory_mib int, image text,
        triggered_by "TriggeredBy", trigger_id text, request_key text, overrides jsonb)
      cross join (select a.purged_before from cloud_accounts a where a.id = ${accountId}) p
      -- A run the retention purged (ended before purged_before) that the cloud still lists is not
      -- brought back; one the catalog still holds is updated (a run it saw going, now ended). The
      -- catalog is looked up only for a run older than the purge, last (Postgres evaluates OR's arms
      -- in the order written): asked for every run, under a new account's stale statistics, the
      -- planner probed the account's index run by run, 20 s for 5,000 runs.
      where r.status in ('running', 'queued') or p.purged_before is null or r.started_at is null
        or r.started_at >= p.purged_before or coalesce(r.ended_at, r.started_at) >= p.purged_before
        or exists (select 1 from executions o where o.account_id = ${accountId} and o.provider_id = r.provider_id)
    ),
    previous as (
      select e.id, e.provider_id, e.job_id, e.started_at, e.ended_at, e.milli_vcpu, e.memory_mib, e.cost_micros
      from executions e join input r on e.account_id = ${accountId} and e.provider_id = r.provider_id
    ),
    -- Ids chosen before the write (a volatile CTE is computed once), so pricing can order ties by id.
    input_ids as (
      select r.*, coalesce(p.id, gen_random_uuid()::text) as id from input r left join previous p on p.provider_id = r.provider_id
    ),
    -- The runs whose cost, or whose followers' costs, this write may move: new runs, runs whose job,
    -- times or allocation changed, and ended runs never priced (a click's stop wrote their end). A run
    -- listed again unchanged re-prices nothing, so a re-sync costs no pricing.
    changed as (
      select i.id, ${accountId}::text as account_id, i.job_id, i.started_at, i.ended_at, i.milli_vcpu, i.memory_mib,
        p.started_at as old_started_at, p.ended_at as old_ended_at
      from input_ids i left join previous p on p.provider_id = i.provider_id
      where p.id is null
        or (i.job_id, i.started_at, i.ended_at, i.milli_vcpu, i.memory_mib) is distinct from (p.job_id, p.started_at, p.ended_at, p.milli_vcpu, p.memory_mib)
        or (p.cost_micros is null and i.ended_at is not null and i.milli_vcpu is not null and i.memory_mib is not null)
    ),
    touched as (
      select ${Prisma.raw(HOLDER_SQL)} as holder, m as month
      from (select started_at, ended_at from changed union all select old_started_at, old_ended_at from changed) r
      join cloud_accounts a on a.id = ${accountId}
      cross join lateral generate_series(date_trunc('month', r.started_at at time zone 'UTC'),
        date_trunc('month', coalesce(r.ended_at, r.started_at) at time zone 'UTC'), interval '1 month') m
      where r.started_at is not null
    ),
    ${pricingCtes(prices)},
    written as (
      insert into executions as e (id, account_id, job_id, provider_id, batch, status, provider_status, started_at, ended_at, exit_code,
        milli_vcpu, memory_mib, image, triggered_by, trigger_id, request_key, overrides, cost_micros, updated_at)
      select r.id, ${accountId}, r.job_id, r.provider_id, r.batch, r.status, r.provider_status, r.started_at, r.ended_at, r.exit_code,
        r.milli_vcpu, r.memory_mib, r.image, r.triggered_by, r.trigger_id, r.request_key, nullif(r.overrides, 'null'::jsonb),
        -- A run the pricing left out (its month was cut by the retention purge) keeps the cost it had.
        case when c.id is null then p.cost_micros else c.cost end, now()
      from input_ids r left join priced c on c.id = r.id left join previous p on p.provider_id = r.provider_id
      on conflict (account_id, provider_id) do update set
        job_id = excluded.job_id, batch = excluded.batch, status = excluded.status, provider_status = excluded.provider_status,
        started_at = excluded.started_at, ended_at = excluded.ended_at, exit_code = excluded.exit_code, milli_vcpu = excluded.milli_vcpu,
        memory_mib = excluded.memory_mib, image = excluded.image, triggered_by = excluded.triggered_by, trigger_id = excluded.trigger_id,
        request_key = excluded.request_key, overrides = excluded.overrides, cost_micros = excluded.cost_micros, updated_at = excluded.updated_at
      where (e.job_id, e.batch, e.status, e.provider_status, e.started_at, e.ended_at, e.exit_code, e.milli_vcpu, e.memory_mib, e.image,
          e.triggered_by, e.trigger_id, e.request_key, e.overrides, e.cost_micros)
        is distinct from (excluded.job_id, excluded.batch, excluded.status, excluded.provider_status, excluded.started_at, excluded.ended_at,
          excluded.exit_code, excluded.milli_vcpu, excluded.memory_mib, excluded.image, excluded.triggered_by, excluded.trigger_id,
          excluded.request_key, excluded.overrides, excluded.cost_micros)
      returning e.provider_id, e.job_id, e.started_at, e.ended_at, xmax = 0 as inserted
    ),
    -- Runs of the grant holder outside this page whose cost the page moved.
    repriced as (
      update executions e set cost_micros = p.cost from priced p
      where e.id = p.id and not exists (select 1 from input_ids i where i.id = p.id) and e.cost_micros is distinct from p.cost
      returning e.job_id, e.started_at
    )
    select false as repriced, w.inserted, w.job_id, w.started_at, w.ended_at, p.job_id as old_job_id, p.started_at as old_started_at, p.ended_at as old_ended_at
    from written w left join previous p on p.provider_id = w.provider_id
    union all
    select true, false, r.job_id, r.started_at, null, null, null, null from repriced r`;
}

/** One statement's rows and the rollups they touch, in one transaction. */
async function writeChunk(accountId: string, rows: Row[]): Promise<Written> {
  return db().$transaction(async (tx) => {
    // The jobs of a page's runs (the old job of a moved run is the same job in practice: a run never
    // changes job in the clouds) are locked before the write, so `previous` reads current values.
    await lockRollups(tx, rows.map((r) => r.job_id));
    // Then the grant holder: pricing reads the runs of every account sharing the grant.
    await lockHolders(tx, [accountId]);
    const all = await upsert(tx, accountId, rows, await priceRows(tx));
    const written = all.filter((w) => !w.repriced);
    const spans: RunSpan[] = written.flatMap((w) => [
      { jobId: w.job_id, startedAt: w.started_at, endedAt: w.ended_at },
      ...(w.old_job_id ? [{ jobId: w.old_job_id, startedAt: w.old_started_at, endedAt: w.old_ended_at }] : []),
    ]);
    await refreshRollups(tx, spans);
    const costed = [...spans, ...all.filter((w) => w.repriced).map((w) => ({ jobId: w.job_id, startedAt: w.started_at }))];
    await refreshCostRollups(tx, costed.flatMap((s) => (s.startedAt ? [{ job_id: s.jobId, day: s.startedAt.toISOString().slice(0, 10) }] : [])));
    const inserted = written.filter((w) => w.inserted).length;
    return { inserted, updated: written.length - inserted };
  }, WRITE_TIMEOUT);
}

/** Writes one page of the cloud's executions; returns how many it listed for known jobs and how many rows changed. */
export async function saveExecutions(accountId: string, jobs: SavedJobs, page: readonly ProviderExecution[]): Promise<Written & { listed: number }> {
  const rows = lastByKey(page, (e) => e.providerId).flatMap((e) => executionRow(jobs, e) ?? []);
  const total: Written = { inserted: 0, updated: 0 };
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const written = await writeChunk(accountId, rows.slice(i, i + ROWS_PER_STATEMENT));
    total.inserted += written.inserted;
    total.updated += written.updated;
  }
  return { ...total, listed: rows.length };
}
