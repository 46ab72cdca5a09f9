import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { whileHoldingAccountLock } from "@/lib/sync/account-lock";
import { datedBefore, retentionCut, undatedBefore } from "./cut";

// The retention purge: deletes an account's runs older than its retention (lib/retention/cut.ts says
// which), in bounded batches, each its own short transaction, so no lock is held for long and the sync
// and the pages carry on between batches. Runs still going are kept, and so are the per-job daily
// rollups (usage history stays). Nothing references an execution by foreign key (action requests keep
// the run's provider id as text, and settle in-doubt actions within minutes, long before a run of the
// shortest retention is old enough to go), so a delete breaks no other row.
//
// Run by the sync worker (lib/sync/worker.ts) under the account's sync lock: a purge never overlaps a
// sync of the account nor another purge of it, on any worker.

/** Rows per delete statement: a few hundred milliseconds of work, so a purge never blocks for long. */
export const PURGE_BATCH_ROWS = 5_000;

export interface PurgeReport {
  account: string;
  retentionDays: number | null;
  /** Runs that ended before this were removed; null when the account keeps everything. */
  cut: Date | null;
  deleted: number;
  /** Delete statements run: for runs with a start, then for runs without, each until one finds fewer than a batch. */
  batches: number;
}

/** Marks the account purged up to `cut` first: from then on the rollups of earlier days are kept as they are. */
async function freezeBefore(accountId: string, cut: Date): Promise<void> {
  await db().$executeRaw`UPDATE cloud_accounts SET purged_before = greatest(purged_before, ${cut}) WHERE id = ${accountId}`;
}

interface Batch {
  deleted: number;
  /** The oldest row the batch took, where the next batch starts (a fresh index range, past the dead rows). */
  last: { at: Date | null; id: string } | null;
}

/**
 * Deletes up to `rows` of the account's runs matching `which`, newest first after `last`. Runs with a
 * start and runs without are separate passes, each reading its own index range of (account_id,
 * started_at DESC, id DESC), continued by keyset so no batch re-reads what earlier ones deleted; the
 * delete finds its rows by primary key (= ANY of the ids), never by a table scan.
 */
async function deleteBatch(accountId: string, dated: boolean, cut: Date, last: Batch["last"], rows: number): Promise<Batch> {
  const which = dated
    ? Prisma.sql`${datedBefore(cut)} ${last ? Prisma.sql`AND (e.started_at, e.id) < (${last.at}::timestamptz, ${last.id})` : Prisma.empty} ORDER BY e.started_at DESC, e.id DESC`
    : Prisma.sql`${undatedBefore(cut)} ${last ? Prisma.sql`AND e.id < ${last.id}` : Prisma.empty} ORDER BY e.id DESC`;
  // SKIP LOCKED: a row some other writer holds (a stop being settled) waits for the next purge.
  const [batch] = await db().$queryRaw<{ deleted: number; last_at: Date | null; last_id: string | null }[]>`
    WITH doomed AS MATERIALIZED (
      SELECT e.id, e.started_at FROM executions e WHERE e.account_id = ${accountId} AND ${which}
      LIMIT ${rows} FOR UPDATE SKIP LOCKED),
    gone AS (DELETE FROM executions WHERE id = ANY (ARRAY(SELECT id FROM doomed)) RETURNING 1),
    oldest AS (SELECT d.started_at, d.id FROM doomed d ORDER BY d.started_at ASC NULLS FIRST, d.id ASC LIMIT 1)
    SELECT (SELECT count(*) FROM gone)::int AS deleted, (SELECT started_at FROM oldest) AS last_at, (SELECT id FROM oldest) AS last_id`;
  return { deleted: batch!.deleted, last: batch!.last_id ? { at: batch!.last_at, id: batch!.last_id } : null };
}

/** Purges one account now, per its retention; one audit event per run that had a retention to apply. */
export async function purgeAccount(accountId: string, options: { now?: Date; batchRows?: number } = {}): Promise<PurgeReport> {
  const account = await db().cloudAccount.findUniqueOrThrow({ where: { id: accountId }, select: { name: true, retentionDays: true } });
  const report: PurgeReport = { account: account.name, retentionDays: account.retentionDays, cut: null, deleted: 0, batches: 0 };
  if (account.retentionDays === null) return report;
  const cut = retentionCut(account.retentionDays, options.now);
  report.cut = cut;
  await freezeBefore(accountId, cut);
  const rows = options.batchRows ?? PURGE_BATCH_ROWS;
  for (const dated of [true, false]) {
    let last: Batch["last"] = null;
    for (;;) {
      const batch = await deleteBatch(accountId, dated, cut, last, rows);
      report.deleted += batch.deleted;
      report.batches += 1;
      if (batch.deleted < rows || !batch.last) break;
      last = batch.last;
    }
  }
  await recordAudit(db(), {
    actor: { id: null, email: null },
    action: "account.purge",
    result: "ok",
    targetType: "cloud_account",
    targetId: accountId,
    target: account.name,
    detail: { deleted: report.deleted, retentionDays: account.retentionDays, endedBefore: cut.toISOString(), batches: report.batches },
  });
  return report;
}

/** Accounts whose retention has moved past their last purge (set, shortened, or a new UTC day begun). */
export async function accountsDueForPurge(now: Date = new Date()): Promise<string[]> {
  const accounts = await db().cloudAccount.findMany({ where: { retentionDays: { not: null } }, select: { id: true, retentionDays: true, purgedBefore: true } });
  return accounts.filter((a) => !a.purgedBefore || a.purgedBefore < retentionCut(a.retentionDays!, now)).map((a) => a.id);
}

/** purgeAccount under the account's sync lock; null when a sync or purge of the account holds it (try again later). */
export function purgeUnderLock(connectionString: string, accountId: string, log: (line: string) => void): Promise<PurgeReport | null> {
  return whileHoldingAccountLock(connectionString, accountId, () => purgeAccount(accountId), log);
}
