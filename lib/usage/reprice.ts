import { Prisma } from "@/lib/db/generated/client";
import { CLOUDS, type Cloud } from "@/lib/providers/types";
import { grantHolderSql } from "./grant-holder";
import { billingRules, COST_SCALE, effectivePrice, perMillisecondScaled, type PriceOverride } from "./price-book";
import type { Meter } from "./price-types";
import { repriceSamples } from "./reprice-samples";

// executions.cost_micros kept right in SQL, by lib/usage/run-cost.ts's rule (its comment says it; its
// tests are the hand-computed figures, and reprice.test.ts checks this SQL against it). pricingCtes
// re-prices every (grant holder, UTC month) a write reaches: the runs of the holder in those months,
// costed with window functions in execution order. The sync's statement (lib/sync/save-executions.ts)
// uses it over the runs as they are about to be, so a new run is written once with its cost; repriceAll
// (an owner changed a price or a billing group) over the stored runs. Only rows whose cost differs are
// written, so a re-sync of unchanged runs writes nothing; the days whose runs' costs moved get their
// job_daily_rollups.cost_micros recomputed in the same transaction. A run a click stopped (its end
// written by lib/services/executions/stop.ts) is priced when the sync next lists it.
// Writers of one grant holder take turns (an advisory lock per holder, taken after the jobs' rollup
// locks, never before), so each re-pricing reads the costs and runs the previous one committed.
// Limit: a month partly cut by the retention purge (lib/retention) is not re-priced: its first runs are
// gone, and the grant they consumed with them.

/** lib/usage/price-book.ts's COST_SCALE, as a numeric literal. */
const COST_SCALE_SQL = `${COST_SCALE}::numeric`;

export type RepriceClient = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

/** What re-pricing everything needs: the raw statements and the samples' models. */
export type RepriceAllClient = RepriceClient & Pick<Prisma.TransactionClient, "cloudAccount" | "usageSample" | "priceOverride">;

/** The grant holder of a cloud_accounts row aliased `a`, per cloud (two clouds never share a grant). */
const holderSql = (a: string) => `${a}.cloud::text || ' ' || ${grantHolderSql(a)}`;

/** The prices a pricing statement joins on: one row per (cloud, region, architecture) a job has, and each cloud's rules. */
export interface PriceRows {
  rates: string;
  rules: string;
}

/** Reads them (with the owners' overrides) in the writer's transaction. */
export async function priceRows(tx: RepriceClient): Promise<PriceRows> {
  const combos = await tx.$queryRaw<{ cloud: Cloud; region: string | null; architecture: string | null }[]>`
    SELECT DISTINCT a.cloud, j.region, j.cpu_architecture AS architecture FROM jobs j JOIN cloud_accounts a ON a.id = j.account_id`;
  const overrides = await tx.$queryRaw<PriceOverride[]>`
    SELECT cloud, meter, region, architecture, nano_usd AS "nanoUsd" FROM price_overrides`;
  const rate = (c: (typeof combos)[number], meter: Meter) => {
    const price = effectivePrice(c.cloud, meter, c.region, c.architecture, overrides);
    return price ? perMillisecondScaled(price).toString() : null;
  };
  const rates = combos.map((c) => ({ cloud: c.cloud, region: c.region, architecture: c.architecture, vcpu: rate(c, "vcpu-second"), gib: rate(c, "gib-second") }));
  const rules = CLOUDS.map((cloud) => {
    const r = billingRules(cloud);
    return { cloud, step_ms: r.stepMs, min_ms: r.minimumMs, grant_vcpu: r.grantVcpuMs.toString(), grant_gib: r.grantGibMs.toString() };
  });
  return { rates: JSON.stringify(rates), rules: JSON.stringify(rules) };
}

/** The grant holders' key of the cloud_accounts row aliased `a`, as SQL. */
export const HOLDER_SQL = holderSql("a");

const RUN_COLUMNS = "id, account_id, job_id, started_at, ended_at, milli_vcpu, memory_mib";

/** A run's place in its grant holder's order (the window's ORDER BY below), against the cut of the row aliased `t`. */
const atOrAfterCut = (e: string) => `(t.cut_at IS NULL OR ${e}.started_at > t.cut_at OR (${e}.started_at = t.cut_at AND ${e}.id COLLATE "C" >= t.cut_id COLLATE "C"))`;
const beforeCut = (e: string) => `(${e}.started_at < t.cut_at OR (${e}.started_at = t.cut_at AND ${e}.id COLLATE "C" < t.cut_id COLLATE "C"))`;

/**
 * The runs of each (holder, month, cut_at, cut_id) of the CTE `months` that overlap that month (started
 * before its end, not ended before its start) and stand at or after its cut in the holder's order
 * ("from"; a null cut: all of them) or before it ("before"), one row per pair: the stored executions,
 * read by index ranges (the account's runs started in the month from or up to the cut; those started
 * earlier that ended after its start, or have not ended), except those `changed` replaces, and the
 * `changed` rows themselves.
 */
function overlapping(months: string, part: "from" | "before"): string {
  const stored = (where: string) => `SELECT ${RUN_COLUMNS} FROM executions WHERE account_id = h.account_id AND ${where}`;
  const started = part === "from" ? "started_at >= coalesce(t.cut_at, '-infinity')" : "started_at <= t.cut_at";
  const side = part === "from" ? atOrAfterCut : beforeCut;
  return `
      SELECT t.holder, t.month, t.month_start, t.month_end, e.*
      FROM (SELECT m.*, m.month AT TIME ZONE 'UTC' AS month_start, (m.month + interval '1 month') AT TIME ZONE 'UTC' AS month_end FROM ${months} m) t
      JOIN holders h ON h.holder = t.holder
      CROSS JOIN LATERAL (
        SELECT * FROM (
          ${stored(`started_at >= t.month_start AND started_at < t.month_end AND ${started}`)}
          UNION ALL ${stored(`ended_at > t.month_start AND started_at < t.month_start AND ${started}`)}
          UNION ALL ${stored(`ended_at IS NULL AND started_at < t.month_start AND ${started}`)}
        ) s WHERE NOT EXISTS (SELECT 1 FROM changed c WHERE c.id = s.id)
        UNION ALL
        SELECT ${RUN_COLUMNS} FROM changed c
        WHERE c.account_id = h.account_id AND c.started_at < t.month_end AND coalesce(c.ended_at, 'infinity') > t.month_start
      ) e
      WHERE ${side("e")}`;
}

/** Milliseconds billed for the part of run `e` (started_at, ended_at) between two instants, in steps of `step` ms. */
const billedSql = (e: string, from: string, to: string, step: string) =>
  `ceil(extract(epoch FROM least(${e}.ended_at, ${to}) - greatest(${e}.started_at, ${from})) * 1000 / ${step}) * ${step}`;

/**
 * Each ended run's part in its month, of the rows `overlapping` gave: its vCPU and GiB quantities. The
 * part in the month a run started also carries the top-up to the cloud's minimum billed duration,
 * measured against the whole run (every month it reaches).
 */
function quantities(source: string): string {
  const wholeRun = `(SELECT sum(${billedSql("p", "g AT TIME ZONE 'UTC'", "(g + interval '1 month') AT TIME ZONE 'UTC'", "p.step_ms")})
    FROM generate_series(date_trunc('month', p.started_at AT TIME ZONE 'UTC'), date_trunc('month', p.ended_at AT TIME ZONE 'UTC'), interval '1 month') g)`;
  return `
      SELECT p.id, p.job_id, p.holder, p.month, p.started_at,
             div(p.milli_vcpu * ms.billed + 999, 1000) AS vcpu, div(p.memory_mib * ms.billed + 1023, 1024) AS gib
      FROM (SELECT e.*, u.step_ms, u.min_ms, ${billedSql("e", "e.month_start", "e.month_end", "u.step_ms")} AS billed_ms
            FROM ${source} e JOIN holders h ON h.account_id = e.account_id JOIN rules u ON u.cloud = h.cloud
            WHERE e.ended_at > e.month_start AND e.milli_vcpu IS NOT NULL AND e.memory_mib IS NOT NULL) p
      CROSS JOIN LATERAL (SELECT p.billed_ms + CASE
        WHEN p.started_at < p.month_start THEN 0
        WHEN p.ended_at <= p.month_end THEN greatest(0, p.min_ms - p.billed_ms)
        ELSE greatest(0, p.min_ms - ${wholeRun}) END AS billed) ms`;
}

/**
 * The CTEs that price runs, to follow a WITH that defines `changed` (${RUN_COLUMNS}, old_started_at,
 * old_ended_at: the runs a write changes, new or replacing the stored row of the same id, with the
 * times it had; none when re-pricing stored runs) and `touched` (holder, month: a UTC month's first
 * instant as a timestamp without zone). They define `priced` (id, cost): the runs whose cost the change
 * may move, with their cost (null: unpriced).
 * A run's cost depends only on the runs before it in its holder's month (the grant they consumed), so
 * in each touched month only the runs from the earliest changed run on (its cut) are re-priced, over
 * the sum of what the runs before the cut consumed: a sync's page of new runs re-prices those runs, not
 * the month. Re-pricing stored runs (no `changed`) takes each month whole. Runs are read per (holder,
 * month) by index ranges, never by a scan of every execution.
 */
export function pricingCtes(prices: PriceRows): Prisma.Sql {
  const holder = Prisma.raw(holderSql("a"));
  return Prisma.sql`
    holders AS (
      SELECT a.id AS account_id, a.cloud::text AS cloud, ${holder} AS holder, a.purged_before FROM cloud_accounts a),
    rates AS (
      SELECT * FROM jsonb_to_recordset(${prices.rates}::jsonb) AS r(cloud text, region text, architecture text, vcpu numeric, gib numeric)),
    rules AS (
      SELECT * FROM jsonb_to_recordset(${prices.rules}::jsonb) AS r(cloud text, step_ms numeric, min_ms numeric, grant_vcpu numeric, grant_gib numeric)),
    live_months AS (
      SELECT DISTINCT t.holder, t.month FROM touched t
      WHERE NOT EXISTS (SELECT 1 FROM holders h WHERE h.holder = t.holder AND h.purged_before > (t.month AT TIME ZONE 'UTC'))),
    -- Per live month, the earliest place a changed run holds in it, as it will be or as it was.
    cuts AS (
      SELECT DISTINCT ON (t.holder, t.month) t.holder, t.month, c.started_at AS cut_at, c.id AS cut_id
      FROM live_months t JOIN holders h ON h.holder = t.holder
      LEFT JOIN (SELECT id, account_id, started_at, ended_at FROM changed UNION ALL SELECT id, account_id, old_started_at, old_ended_at FROM changed) c
        ON c.account_id = h.account_id AND c.started_at < ((t.month + interval '1 month') AT TIME ZONE 'UTC')
        AND coalesce(c.ended_at, 'infinity') > (t.month AT TIME ZONE 'UTC')
      ORDER BY t.holder, t.month, c.started_at, c.id COLLATE "C"),
    target AS (
      SELECT DISTINCT ON (o.id) ${Prisma.raw(RUN_COLUMNS)} FROM (${Prisma.raw(overlapping("cuts", "from"))}) o),
    -- Every month an ended target run reaches, cut at the earliest of them there.
    spanned AS (
      SELECT DISTINCT ON (h.holder, m) h.holder, m AS month, e.started_at AS cut_at, e.id AS cut_id
      FROM target e JOIN holders h ON h.account_id = e.account_id
      CROSS JOIN LATERAL generate_series(date_trunc('month', e.started_at AT TIME ZONE 'UTC'), date_trunc('month', e.ended_at AT TIME ZONE 'UTC'), interval '1 month') m
      WHERE e.ended_at IS NOT NULL
      ORDER BY h.holder, m, e.started_at, e.id COLLATE "C"),
    before_cut AS (
      SELECT q.holder, q.month, sum(q.vcpu) AS vcpu, sum(q.gib) AS gib FROM (${Prisma.raw(quantities(`(${overlapping("spanned", "before")})`))}) q
      GROUP BY q.holder, q.month),
    consumed AS (
      SELECT q.*, coalesce(b.vcpu, 0) + coalesce(sum(q.vcpu) OVER w, 0) AS vcpu_before, coalesce(b.gib, 0) + coalesce(sum(q.gib) OVER w, 0) AS gib_before
      FROM (${Prisma.raw(quantities(`(${overlapping("spanned", "from")})`))}) q
      LEFT JOIN before_cut b ON b.holder = q.holder AND b.month = q.month
      WINDOW w AS (PARTITION BY q.holder, q.month ORDER BY q.started_at, q.id COLLATE "C" ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),
    costs AS (
      SELECT c.id, least(c.vcpu, greatest(0, c.vcpu_before + c.vcpu - u.grant_vcpu)) * r.vcpu
             + least(c.gib, greatest(0, c.gib_before + c.gib - u.grant_gib)) * r.gib AS scaled,
             r.vcpu IS NULL OR r.gib IS NULL AS unpriced
      FROM consumed c
      JOIN jobs j ON j.id = c.job_id JOIN cloud_accounts a ON a.id = j.account_id JOIN rules u ON u.cloud = a.cloud::text
      LEFT JOIN rates r ON r.cloud = a.cloud::text AND r.region IS NOT DISTINCT FROM j.region AND r.architecture IS NOT DISTINCT FROM j.cpu_architecture),
    -- Each target run with the sum of its parts' costs, grouped rather than joined: the planner cannot
    -- know how many runs a cut leaves, and a nested loop over two sets of 5,000 took seconds.
    priced AS (
      SELECT p.id,
             CASE WHEN bool_or(p.unready) OR bool_or(p.unpriced) THEN NULL
                  -- Half up, in integers: ⌊(2x + d) ÷ 2d⌋.
                  ELSE div(2 * coalesce(sum(p.scaled), 0) + ${Prisma.raw(COST_SCALE_SQL)}, 2 * ${Prisma.raw(COST_SCALE_SQL)})::bigint END AS cost
      FROM (
        SELECT e.id, true AS target, e.started_at IS NULL OR e.ended_at IS NULL OR e.milli_vcpu IS NULL OR e.memory_mib IS NULL AS unready,
               false AS unpriced, NULL::numeric AS scaled
        FROM target e
        UNION ALL
        SELECT c.id, false, false, c.unpriced, c.scaled FROM costs c
      ) p
      GROUP BY p.id HAVING bool_or(p.target))`;
}

/**
 * Re-prices the (holder, month)s `touched` yields (holder text, month timestamp) over the stored runs.
 * Returns the job-days whose runs' costs changed.
 */
async function repriceMonths(tx: RepriceClient, touchedSql: Prisma.Sql): Promise<CostDay[]> {
  const prices = await priceRows(tx);
  return tx.$queryRaw<CostDay[]>`
    WITH changed AS (SELECT ${Prisma.raw(RUN_COLUMNS)}, started_at AS old_started_at, ended_at AS old_ended_at FROM executions WHERE false),
    touched AS (${touchedSql}),
    ${pricingCtes(prices)}
    UPDATE executions e SET cost_micros = p.cost FROM priced p
    WHERE e.id = p.id AND e.cost_micros IS DISTINCT FROM p.cost
    RETURNING e.job_id, to_char(e.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day`;
}

/** A job-day whose runs' costs moved. */
export interface CostDay {
  job_id: string;
  day: string;
}

/** Takes the grant holders' locks for this transaction, in one order so two writers never deadlock. */
export async function lockHolders(tx: RepriceClient, accountIds: readonly string[] | null): Promise<void> {
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(hashtext('batchdeck.grant-holder'), hashtext(s.holder)))::int AS locked
    FROM (SELECT DISTINCT ${Prisma.raw(holderSql("a"))} AS holder FROM cloud_accounts a
          WHERE ${accountIds === null} OR a.id = ANY(${[...(accountIds ?? [])]}::text[]) ORDER BY 1) s`;
}

/** Recomputes job_daily_rollups.cost_micros of these job-days from their runs (days a purge froze stay). */
export async function refreshCostRollups(tx: RepriceClient, days: readonly CostDay[]): Promise<void> {
  if (days.length === 0) return;
  await tx.$executeRaw`
    WITH keys AS (
      SELECT DISTINCT k.job_id, k.day::date AS day FROM jsonb_to_recordset(${JSON.stringify(days)}::jsonb) AS k(job_id text, day text)),
    -- Per key, an index range of one job's runs of one day (a join let the planner scan every execution).
    sums AS (
      SELECT k.job_id, k.day, coalesce((
        SELECT sum(e.cost_micros) FROM executions e WHERE e.job_id = k.job_id AND e.started_at >= (k.day::timestamp AT TIME ZONE 'UTC')
          AND e.started_at < ((k.day + 1)::timestamp AT TIME ZONE 'UTC')), 0)::bigint AS cost
      FROM keys k)
    UPDATE job_daily_rollups r SET cost_micros = s.cost FROM sums s, cloud_accounts a
    WHERE r.job_id = s.job_id AND r.day = s.day AND a.id = r.account_id AND r.cost_micros <> s.cost
      AND (a.purged_before IS NULL OR r.day >= (a.purged_before AT TIME ZONE 'UTC')::date)`;
}

/** A transaction that re-prices everything may take longer than Prisma's 5 s default on a large catalog. */
export const REPRICE_TIMEOUT = { maxWait: 10_000, timeout: 120_000 };

/** Re-prices every run and usage sample of every grant holder (a price override or a billing group changed). Returns the runs whose cost changed. */
export async function repriceAll(tx: RepriceAllClient): Promise<number> {
  await lockHolders(tx, null);
  const changed = await repriceMonths(
    tx,
    Prisma.sql`SELECT DISTINCT ${Prisma.raw(holderSql("a"))} AS holder, date_trunc('month', e.started_at AT TIME ZONE 'UTC') AS month
      FROM executions e JOIN cloud_accounts a ON a.id = e.account_id WHERE e.started_at IS NOT NULL`,
  );
  await refreshCostRollups(tx, changed);
  await repriceSamples(tx, null);
  return changed.length;
}
