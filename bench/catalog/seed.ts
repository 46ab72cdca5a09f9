import { randomBytes } from "node:crypto";
import pg from "pg";
import { REBUILD_ROLLUPS_SQL } from "../../lib/catalog/rollups";

// The catalog a lab reaches after a few years: 3 accounts (one per cloud), 200 jobs, and N executions
// written by one INSERT … SELECT over generate_series, so a million rows take well under 3 minutes.
// Distributions: busy and quiet jobs (a power law over the 200), start times over ~3 years with more
// recent runs, schedule runs on whole minutes (so many runs share a start time, as cron makes them),
// mostly succeeded with some failed, stopped, unknown, and running only in the last 20 minutes;
// durations mostly short with a tail to 2 h; three batches per job, one rare batch across all jobs.

export const JOBS = 200;
export const ACCOUNTS = [
  { id: "bench-acct-azure", name: "Azure lab", cloud: "azure" },
  { id: "bench-acct-aws", name: "AWS lab", cloud: "aws" },
  { id: "bench-acct-gcp", name: "Google lab", cloud: "gcp" },
] as const;
export const RARE_BATCH = "backfill-2023";
/** Rows g with g % RARE_EVERY = 1 carry the rare batch: ~100 in a million. */
const RARE_EVERY = 10_007;
/** Runs not started yet (no start time): they lead the first page. */
const QUEUED = 3;
export const OWNER = { id: "bench-owner", email: "owner@bench.test" };

export interface Seeded {
  executions: number;
  seconds: number;
  /** The cookie value that signs the bench in as the owner. */
  sessionToken: string;
}

const JOBS_SQL = `
insert into jobs (id, account_id, provider_id, name, kind, region, image, milli_vcpu, memory_mib, env, updated_at)
select 'bjob' || lpad(i::text, 4, '0'),
       (array['bench-acct-azure', 'bench-acct-aws', 'bench-acct-gcp'])[1 + i % 3],
       n, n, 'job', (array['japaneast', 'us-east-1', 'europe-west1'])[1 + i % 3],
       'registry.lab.example/' || n || ':2.' || (i % 7),
       (array[250, 500, 1000, 2000, 4000])[1 + i % 5], (array[512, 1024, 2048, 4096, 8192])[1 + i % 5],
       jsonb_build_object('BATCH', 'batch-' || lpad(((i * 3) % 12 + 1)::text, 2, '0')), now()
from generate_series(1, ${JOBS}) i
cross join lateral (select (array['etl', 'train', 'report', 'ingest', 'score', 'export', 'align', 'render'])[1 + i % 8] || '-' || lpad(i::text, 3, '0') as n) names`;

// One schedule per job for its main batch; every fourth job also listens to a queue.
const TRIGGERS_SQL = `
insert into triggers (id, job_id, provider_id, kind, expression, batch, updated_at)
select 'btrg' || i || '-1', 'bjob' || lpad(i::text, 4, '0'), 'schedule', 'schedule'::"TriggerKind", '0 */6 * * *',
       'batch-' || lpad(((i * 3) % 12 + 1)::text, 2, '0'), now()
from generate_series(1, ${JOBS}) i
union all
select 'btrg' || i || '-2', 'bjob' || lpad(i::text, 4, '0'), 'queue', 'event'::"TriggerKind", 'jobs-queue', null, now()
from generate_series(1, ${JOBS}) i where i % 4 = 0`;

const executionsSql = (count: number) => `
insert into executions (id, account_id, job_id, provider_id, batch, status, provider_status, started_at, ended_at, exit_code,
                        milli_vcpu, memory_mib, image, triggered_by, trigger_id, actor_id, created_at, updated_at)
select 'bx' || md5(g::text), 'bench-acct-' || (array['azure', 'aws', 'gcp'])[1 + j % 3], 'bjob' || lpad(j::text, 4, '0'),
       'run-' || lpad(g::text, 7, '0'),
       case when g % ${RARE_EVERY} = 1 then '${RARE_BATCH}'
            when rb < 0.05 then null
            else 'batch-' || lpad(((j * 3 + case when rb < 0.70 then 0 when rb < 0.90 then 1 else 2 end) % 12 + 1)::text, 2, '0') end,
       status::"ExecutionStatus", initcap(status), started,
       case when status in ('running', 'unknown') then null
            else started + make_interval(secs => 15 + floor(power(rd, 3) * 7200) + random()) end,
       case status when 'succeeded' then 0 when 'failed' then (case when rd < 0.8 then 1 else 137 end) when 'stopped' then 143 end,
       (array[250, 500, 1000, 2000, 4000])[1 + j % 5], (array[512, 1024, 2048, 4096, 8192])[1 + j % 5],
       'registry.lab.example/job:2.' || (j % 7),
       case when rt < 0.60 then 'trigger' when rt < 0.85 then 'user' when rt < 0.95 then 'external' else 'event' end::"TriggeredBy",
       case when rt < 0.60 then 'btrg' || j || '-1' end,
       case when rt >= 0.60 and rt < 0.72 then '${OWNER.id}' end,
       started, started
from (
  select g, j, rb, rt, rd, started,
         case when started > now() - interval '20 minutes' and rs < 0.7 then 'running'
              when rs < 0.90 then 'succeeded' when rs < 0.975 then 'failed' when rs < 0.993 then 'stopped' else 'unknown' end as status
  from (
    select g, j, rb, rt, rd, rs,
           case when rt < 0.60 then date_trunc('minute', t0) else date_trunc('milliseconds', t0) end as started
    from (
      select g, 1 + floor(power(random(), 1.6) * ${JOBS})::int % ${JOBS} as j, random() as rb, random() as rt, random() as rd,
             random() as rs, now() - interval '1095 days' * power(random(), 1.15) as t0
      from generate_series(1, ${count}) g
    ) raw
  ) timed
) runs`;

const QUEUED_SQL = `
insert into executions (id, account_id, job_id, provider_id, batch, status, provider_status, triggered_by, updated_at)
select 'bq' || md5(g::text), 'bench-acct-azure', 'bjob0003', 'queued-' || g, 'batch-10', 'queued', 'Pending', 'user', now()
from generate_series(1, ${QUEUED}) g`;

export async function seedCatalog(url: string, executions: number, log: (line: string) => void): Promise<Seeded> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    await client.query("set maintenance_work_mem = '512MB'");
    await client.query("set synchronous_commit = off");
    for (const a of ACCOUNTS) {
      await client.query("insert into cloud_accounts (id, cloud, name, settings, sync_state, updated_at) values ($1, $2, $3, '{}', 'ok', now())", [a.id, a.cloud, a.name]);
    }
    await client.query("insert into users (id, email, name, role, updated_at) values ($1, $2, 'Bench Owner', 'owner', now())", [OWNER.id, OWNER.email]);
    await client.query(JOBS_SQL);
    await client.query(TRIGGERS_SQL);
    // Building the indexes once after the insert is several times faster than maintaining them row by
    // row; they are re-created from their own definitions, so the schema measured is the migrated one.
    const { rows: indexes } = await client.query<{ name: string; def: string; constraint: string | null }>(
      `select i.indexname as name, i.indexdef as def, c.conname as constraint
       from pg_indexes i left join pg_constraint c on c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
         and c.conrelid = 'executions'::regclass
       where i.schemaname = current_schema() and i.tablename = 'executions'`,
    );
    // Foreign keys into executions (alert deliveries) hang on its primary key: dropped first, put back after.
    const { rows: references } = await client.query<{ name: string; tbl: string; def: string }>(
      "select conname as name, conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as def from pg_constraint where confrelid = 'executions'::regclass and contype = 'f'",
    );
    for (const ref of references) await client.query(`alter table ${ref.tbl} drop constraint "${ref.name}"`);
    for (const index of indexes) await client.query(index.constraint ? `alter table executions drop constraint "${index.constraint}"` : `drop index "${index.name}"`);
    // The rows reference the jobs, accounts, triggers and user made above by construction; checking four
    // foreign keys per row would double the insert. Needs a superuser (the embedded server's is); else they are checked.
    const unchecked = await client.query("set session_replication_role = replica").then(() => true, () => false);
    let at = performance.now();
    await client.query(executionsSql(executions - QUEUED));
    await client.query(QUEUED_SQL);
    if (unchecked) await client.query("set session_replication_role = default");
    log(`  inserted in ${((performance.now() - at) / 1000).toFixed(1)} s${unchecked ? "" : " (foreign keys checked row by row: not a superuser)"}`);
    at = performance.now();
    for (const index of indexes) {
      await client.query(index.def);
      if (index.constraint) await client.query(`alter table executions add constraint "${index.constraint}" primary key using index "${index.name}"`);
    }
    for (const ref of references) await client.query(`alter table ${ref.tbl} add constraint "${ref.name}" ${ref.def}`);
    log(`  indexed in ${((performance.now() - at) / 1000).toFixed(1)} s`);
    at = performance.now();
    // The sync keeps job_daily_rollups in step with every write; rows written straight here need them built once.
    await client.query(REBUILD_ROLLUPS_SQL);
    log(`  rolled up in ${((performance.now() - at) / 1000).toFixed(1)} s`);
    at = performance.now();
    // A table this old has been vacuumed (autovacuum would have): visibility map and statistics.
    await client.query("vacuum (analyze) executions, job_daily_rollups, jobs, triggers, cloud_accounts, users");
    log(`  vacuumed and analysed in ${((performance.now() - at) / 1000).toFixed(1)} s`);
    const sessionToken = await createOwnerSession(client);
    const seconds = (performance.now() - started) / 1000;
    log(`seeded ${executions.toLocaleString("en")} executions over ${JOBS} jobs and ${ACCOUNTS.length} accounts in ${seconds.toFixed(1)} s`);
    return { executions, seconds, sessionToken };
  } finally {
    await client.end();
  }
}

/**
 * A signed-in owner without going through Google: a session row for a random token. The cookie carries
 * the token; the row holds its SHA-256 hex, as lib/auth/session-token.ts stores every session.
 */
async function createOwnerSession(client: pg.Client): Promise<string> {
  const token = randomBytes(32).toString("hex");
  await client.query(
    `insert into sessions (id, session_token, user_id, expires)
     values ('bench-session', encode(sha256(convert_to($1, 'UTF8')), 'hex'), $2, now() + interval '30 days')`,
    [token, OWNER.id],
  );
  return token;
}
