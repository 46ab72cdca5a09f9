import type pg from "pg";
import { usageTotalsSql } from "../../lib/queries/usage";

// The best query for each page on the schema as migrated, for the floor the app is compared with: the
// row-comparison keyset (a range on the (started_at DESC) indexes), LATERAL … LIMIT 1 for a job's
// latest run, a loose index scan for the distinct batches, aggregates summed in SQL, not in Node.

const PAGE = 50;

export interface ExecutionQuery {
  job?: string;
  batch?: string;
  status?: string;
  cloud?: string;
  before?: { at: string; id: string };
}

export async function executionRows(client: pg.PoolClient, q: ExecutionQuery) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.job) add((n) => `e.job_id = ${n}`, q.job);
  if (q.batch) add((n) => `e.batch = ${n}`, q.batch);
  if (q.status) add((n) => `e.status = ${n}::"ExecutionStatus"`, q.status);
  if (q.cloud) add((n) => `e.account_id in (select id from cloud_accounts where cloud = ${n}::"Cloud")`, q.cloud);
  if (q.before) {
    params.push(q.before.at, q.before.id);
    where.push(`(e.started_at, e.id) < ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  const { rows } = await client.query(
    `select e.id, e.provider_id, e.batch, e.status, e.started_at, e.ended_at, e.triggered_by, e.trigger_inferred,
            u.email as actor_email, j.name as job_name, a.name as account_name, a.cloud
     from executions e join jobs j on j.id = e.job_id join cloud_accounts a on a.id = e.account_id left join users u on u.id = e.actor_id
     ${where.length ? `where ${where.join(" and ")}` : ""}
     order by e.started_at desc nulls first, e.id desc limit ${PAGE + 1}`,
    params,
  );
  return rows;
}

/** Distinct batches by skipping through the (job_id, batch, …) index once per job and batch. */
export async function batchOptions(client: pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ batch: string }>(`
    with recursive b(job_id, batch) as (
      select j.id, (select e.batch from executions e where e.job_id = j.id and e.batch is not null order by e.batch limit 1) from jobs j
      union all
      select b.job_id, (select e.batch from executions e where e.job_id = b.job_id and e.batch > b.batch order by e.batch limit 1)
      from b where b.batch is not null
    )
    select distinct batch from b where batch is not null order by batch`);
  return rows.map((r) => r.batch);
}

export async function jobOptions(client: pg.PoolClient) {
  const { rows } = await client.query("select j.id, j.name, a.name as account_name from jobs j join cloud_accounts a on a.id = j.account_id where j.kind = 'job' order by j.name");
  return rows;
}

const JOB_COLUMNS = `j.id, j.name, j.kind, j.image, a.name as account_name, a.cloud, l.status as last_status, l.started_at as last_started_at,
  (select coalesce(json_agg(json_build_object('kind', t.kind, 'expression', t.expression, 'batch', t.batch, 'enabled', t.enabled) order by t.provider_id), '[]')
   from triggers t where t.job_id = j.id) as triggers`;
const LATEST_RUN = "left join lateral (select e.status, e.started_at from executions e where e.job_id = j.id order by e.started_at desc limit 1) l on true";

export async function jobRows(client: pg.PoolClient) {
  const { rows } = await client.query(
    `select ${JOB_COLUMNS} from jobs j join cloud_accounts a on a.id = j.account_id ${LATEST_RUN} where j.gone_at is null order by j.name limit 200`,
  );
  return rows;
}

/** One job: its row, triggers and latest run, and its newest page of executions. */
export async function jobPage(client: pg.PoolClient, id: string) {
  const { rows } = await client.query(`select ${JOB_COLUMNS} from jobs j join cloud_accounts a on a.id = j.account_id ${LATEST_RUN} where j.id = $1`, [id]);
  return rows[0] ? { job: rows[0], executions: await executionRows(client, { job: id }) } : null;
}

/** Month-to-date compute per account: the app's own query (lib/queries/usage.ts), the best there is — per-job daily rollups plus the runs still going. */
export async function usageRows(client: pg.PoolClient, now = new Date()) {
  const totals = usageTotalsSql(now);
  const [accounts, sums] = await Promise.all([
    client.query("select id, name, cloud from cloud_accounts order by name"),
    client.query(totals.text, totals.values),
  ]);
  return accounts.rows.map((a) => ({ ...a, ...sums.rows.find((row) => row.account_id === a.id) }));
}

/** A dashboard's needs: jobs per account, the last 24 h's runs by status, the ten newest runs. */
export async function overviewRows(client: pg.PoolClient) {
  const [accounts, statuses, latest] = await Promise.all([
    client.query("select a.name, a.cloud, count(j.id) as jobs from cloud_accounts a left join jobs j on j.account_id = a.id and j.gone_at is null group by a.id order by a.name"),
    client.query("select status, count(*) as runs from executions where started_at > now() - interval '24 hours' group by status"),
    client.query(
      `select e.provider_id, e.status, e.started_at, j.name as job_name from executions e join jobs j on j.id = e.job_id
       where e.started_at is not null order by e.started_at desc, e.id desc limit 10`,
    ),
  ]);
  return { accounts: accounts.rows, statuses: statuses.rows, latest: latest.rows };
}
