import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { providerFor } from "@/lib/catalog/provider-account";
import { isProviderError } from "@/lib/providers/errors";
import type { CloudProvider, Page, ProviderExecution } from "@/lib/providers/types";
import { settleInDoubtActions } from "@/lib/services/executions/in-doubt";
import { saveJobs } from "./save-jobs";
import { ROWS_PER_STATEMENT, saveExecutions } from "./save-executions";
import { saveRequests } from "./save-requests";
import { goingRunsOf, markUnlistedRuns } from "./mark-unlisted";
import { matchSentMessages } from "./match-messages";
import { latestSeen, nextWatermark, readWatermark, watermarkCursor } from "./watermark";

// Copies one account's jobs, triggers and executions into the catalog, upserting by provider id. The
// clouds forget (Azure keeps the last 100 runs of a job), so the catalog is the durable history: rows
// are never deleted here, and a job that disappeared is marked gone. Writes are in bulk (one statement
// per page of executions) and touch only rows that changed; the listing is incremental from the
// account's watermark (lib/sync/watermark.ts says what it may skip).

export interface SyncReport {
  jobs: number;
  /** Executions the cloud listed this sync (all it keeps on a full listing, what changed since the watermark otherwise). */
  executions: number;
  /** Executions new to the catalog, and stored ones that changed. */
  inserted: number;
  updated: number;
  /** In-doubt actions this sync settled from what the cloud listed. */
  settled: number;
  /** Runs held as going that the cloud no longer lists, now unknown (lib/sync/mark-unlisted.ts). */
  unlisted: number;
}

/**
 * One page of the cloud's executions, asked for ahead of use. A write that fails first leaves this
 * promise unawaited, so its own failure is marked handled here (awaiting it still throws it).
 */
function listPage(provider: CloudProvider, since: Date | null, cursor: string | null): Promise<Page<ProviderExecution>> {
  const page = provider.listExecutions(since, cursor);
  page.catch(() => undefined);
  return page;
}

/**
 * The earliest start of a run the catalog holds as still going, and whether one has no start at all.
 * Runs of gone jobs are left out: the cloud lists them no more, so they must not hold the watermark back.
 */
async function runsGoing(accountId: string): Promise<{ earliestStart: Date | null; undated: boolean }> {
  const [row] = await db().$queryRaw<{ earliest_start: Date | null; undated: boolean | null }[]>`
    select min(e.started_at) as earliest_start, bool_or(e.started_at is null) as undated from ${goingRunsOf(accountId)}`;
  return { earliestStart: row?.earliest_start ?? null, undated: row?.undated ?? false };
}

export async function syncAccount(accountId: string): Promise<SyncReport> {
  const row = await db().cloudAccount.update({ where: { id: accountId }, data: { syncState: "syncing", lastSyncStartedAt: new Date() } });
  try {
    const provider = providerFor(row);
    const listedJobs = await provider.listJobs();
    const saved = await saveJobs(accountId, listedJobs);
    const since = saved.needsFullListing ? null : readWatermark(row.syncCursor);

    const report = { jobs: listedJobs.length, executions: 0, inserted: 0, updated: 0, settled: 0, unlisted: 0 };
    let latest: Date | null = null;
    const listingStartedAt = new Date();
    const listed = new Set<string>();
    // Pages are gathered up to one statement's worth of runs before they are written: a cloud that pages
    // per job (Azure lists one job's runs a page) would otherwise cost a transaction, a rollup refresh and
    // a re-pricing of the grant holder's month (lib/usage/reprice.ts) per job. The listing goes on while
    // a statement is written (the cloud's answers and Postgres's work overlap), with at most one
    // statement in flight and one being gathered, so memory holds two statements' runs at most.
    let gathered: ProviderExecution[] = [];
    let writing: Promise<void> = Promise.resolve();
    const write = async (runs: ProviderExecution[]) => {
      const written = await saveExecutions(accountId, saved, runs);
      report.executions += written.listed;
      report.inserted += written.inserted;
      report.updated += written.updated;
    };
    try {
      let next: Promise<Page<ProviderExecution>> | null = listPage(provider, since, null);
      while (next) {
        const page: Page<ProviderExecution> = await next;
        next = page.cursor ? listPage(provider, since, page.cursor) : null;
        gathered = gathered.concat(page.items);
        for (const e of page.items) listed.add(e.providerId);
        latest = latestSeen(page.items, latest);
        if (gathered.length < ROWS_PER_STATEMENT && next) continue;
        await writing;
        writing = write(gathered);
        // Awaited above or below; marked handled so a failure while the listing goes on is not reported as unhandled meanwhile.
        writing.catch(() => undefined);
        gathered = [];
      }
      await writing;
    } finally {
      // A listing that failed leaves the write in flight to finish before the account says so.
      await writing.catch(() => undefined);
    }
    report.unlisted = await markUnlistedRuns(accountId, listed, listingStartedAt);
    report.settled = await settleInDoubtActions(accountId);
    await matchSentMessages(accountId, row.cloud);
    await saveRequests(accountId, provider);

    const watermark = nextWatermark(latest, since, await runsGoing(accountId));
    await db().cloudAccount.update({
      where: { id: accountId },
      data: { syncState: "ok", lastSyncedAt: new Date(), lastError: null, lastErrorKind: null, syncCursor: watermarkCursor(watermark) ?? Prisma.DbNull },
    });
    return report;
  } catch (error) {
    // The account shows what went wrong; nothing else is touched, and other accounts sync on.
    const kind = isProviderError(error) ? error.kind : "internal";
    const message = isProviderError(error) ? error.message : `Sync failed: ${(error as Error).message}`;
    await db().cloudAccount.update({ where: { id: accountId }, data: { syncState: "error", lastError: message, lastErrorKind: kind } });
    throw error;
  }
}
