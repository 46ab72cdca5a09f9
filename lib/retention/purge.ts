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
  /** Delete statements run, the last one finding fewer than a batch. */
  batches: number;
}

/** Marks the account purged up to `cut` first: from then on the rollups of earlier days are kept as they are. */
async function freezeBefore(accountId: string, cut: Date): Promise<void> {
  await db().$executeRaw`UPDATE cloud_accounts SET purged_before = greatest(purged_before, ${cut}) WHERE id = ${accountId}`;
}

async function deleteBatch(accountId: string, cut: Date, rows: number): Promise<number> {
  // SKIP LOCKED: a row some other writer holds (a stop being settled) waits for the next purge.
  return db().$executeRaw`
    WITH doomed AS (
      SELECT e.id FROM executions e
      WHERE e.account_id = ${accountId} AND ((${datedBefore(cut)}) OR (${undatedBefore(cut)}))
      LIMIT ${rows} FOR UPDATE SKIP LOCKED)
    DELETE FROM executions x USING doomed d WHERE x.id = d.id`;
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
  for (;;) {
    const deleted = await deleteBatch(accountId, cut, rows);
    report.deleted += deleted;
    report.batches += 1;
    if (deleted < rows) break;
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
