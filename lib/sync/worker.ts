import PgBoss from "pg-boss";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { syncAccount } from "./sync-account";
import { whileHoldingAccountLock } from "./account-lock";
import { accountsDueForPurge, purgeUnderLock } from "@/lib/retention/purge";
import { startAlertDelivery } from "@/lib/alerts/queue";

// The background sync: pg-boss on the catalog's own Postgres, so any number of workers (app servers and
// `npm run worker` processes) share the work against one database.
//
// Timing contract (interval = BATCHDECK_SYNC_INTERVAL_SECONDS, default 60 s):
// - Every account gets one sync job per interval-long time slot, whichever worker sends it first
//   (pg-boss singletonSeconds: one job per account per slot), and never more than one waiting (queue
//   policy `short`: one `created` job per singleton key). Each worker sends every half interval, so
//   every slot is covered even when timers drift.
// - Each worker runs SYNC_CONCURRENCY independent fetch loops of one job each, polling every
//   POLL_SECONDS. Under `short` a fetch is never refused because of another job (pg-boss 10 only gates
//   fetches for `singleton`/`stately` queues, whose unique index on active jobs made a queued sync of a
//   slow account A the oldest job that every fetch tried and failed to start, so account B waited for A).
//   A slow account occupies one loop; the others keep syncing the rest.
// - One sync per account at a time, across every worker: the sync holds the account's advisory lock
//   (account-lock.ts). A job whose account is already being synced ends at once; the next slot retries.
// - A worker killed mid-sync (SIGKILL) loses its lock with its connection, and its job, still marked
//   active, blocks nothing: the account syncs again on any live worker at its next slot, so within one
//   interval plus POLL_SECONDS plus the sync's own duration.
// - SYNC_EXPIRE_SECONDS bounds how long a loop waits on one sync before pg-boss fails the job and the
//   loop moves on (the sync, still holding its lock, can finish meanwhile). A sync lists the jobs and
//   then each job's executions, one call per job under the 5 s per-call deadline: a healthy lab syncs
//   in seconds, and even 30 jobs on a cloud answering just under the deadline take 155 s, so 180 s.
// - A failed sync is not retried by pg-boss: the account records the error and the next slot tries
//   again, which keeps a throttling cloud from being asked more often than once per interval.
// - The retention purge (lib/retention/purge.ts) rides along: with every send, each worker also sends a
//   purge of every account whose retention has moved past its last purge (a retention just set or
//   shortened, or a new UTC day begun), one per account per slot like the syncs, to a queue of its own
//   served by one loop, so a long purge never takes a sync's loop. It holds the account's sync lock, so
//   it never overlaps a sync or another purge of the account; one that finds the lock taken ends at once
//   and the account, still due, is sent again in the next slot.
// - On SIGTERM/SIGINT, stop() lets running syncs finish for up to STOP_TIMEOUT_MS (Docker sends
//   SIGKILL 10 s after SIGTERM), then marks what is left failed and closes.

const QUEUE = "account-sync";
const PURGE_QUEUE = "account-purge";
/** A purge deletes in batches of 5,000 rows: a million old runs take minutes, not half an hour. */
const PURGE_EXPIRE_SECONDS = 30 * 60;
/** Queues of earlier versions: createQueue never changes an existing queue's policy, hence the new name. */
const OLD_QUEUES = ["sync-all", "sync-account"];
const SYNC_CONCURRENCY = 4;
const POLL_SECONDS = 2;
const SYNC_EXPIRE_SECONDS = 180;
const STOP_TIMEOUT_MS = 8_000;
const DEFAULT_SYNC_INTERVAL_SECONDS = 60;

const jobData = z.object({ accountId: z.string().min(1) });

export interface SyncWorkerOptions {
  connectionString: string;
  /** Seconds between two syncs of an account (BATCHDECK_SYNC_INTERVAL_SECONDS). */
  intervalSeconds?: number;
  log?: (line: string) => void;
}

export interface SyncWorker {
  /** Enqueues a sync of every account for the current slot (also done at start and every half interval). */
  syncAll(): Promise<void>;
  /** Enqueues a purge of every account due one (also done at start and every half interval). */
  purgeDue(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSyncWorker(options: SyncWorkerOptions): Promise<SyncWorker> {
  const log = options.log ?? (() => {});
  const intervalSeconds = options.intervalSeconds ?? DEFAULT_SYNC_INTERVAL_SECONDS;
  // One connection per fetch loop (the syncs', the purge's and the alerts'), plus sends and pg-boss's
  // maintenance; no cron (the timer below sends).
  const boss = new PgBoss({ connectionString: options.connectionString, max: SYNC_CONCURRENCY + 4, application_name: "batchdeck-sync", schedule: false });
  boss.on("error", (error) => log(`sync worker: ${error.message}`));
  await boss.start();
  // Dropping a queue also drops its schedule. Two workers starting together may race to drop the same
  // one; the loser's error only means it is gone.
  for (const name of OLD_QUEUES) await boss.deleteQueue(name).catch(() => undefined);
  await boss.createQueue(QUEUE, { name: QUEUE, policy: "short", retryLimit: 0, expireInSeconds: SYNC_EXPIRE_SECONDS });
  await boss.createQueue(PURGE_QUEUE, { name: PURGE_QUEUE, policy: "short", retryLimit: 0, expireInSeconds: PURGE_EXPIRE_SECONDS });

  const syncAll = async () => {
    const accounts = await db().cloudAccount.findMany({ where: { deletedAt: null }, select: { id: true } });
    for (const { id } of accounts) await boss.send(QUEUE, { accountId: id }, { singletonKey: id, singletonSeconds: intervalSeconds });
  };

  const purgeDue = async () => {
    for (const id of await accountsDueForPurge()) await boss.send(PURGE_QUEUE, { accountId: id }, { singletonKey: id, singletonSeconds: intervalSeconds });
  };

  const syncOne = async (accountId: string) => {
    const report = await whileHoldingAccountLock(options.connectionString, accountId, () => syncAccount(accountId), log);
    if (report === null) log(`account ${accountId}: already being synced by another worker; skipped this round`);
    else log(`synced account ${accountId}: ${report.jobs} jobs, ${report.executions} executions${report.unlisted ? `, ${report.unlisted} no longer listed (now unknown)` : ""}`);
  };
  for (let i = 0; i < SYNC_CONCURRENCY; i++) {
    await boss.work(QUEUE, { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS }, async ([job]) => {
      const { accountId } = jobData.parse(job!.data);
      try {
        await syncOne(accountId);
      } catch (error) {
        // syncAccount has recorded the error on the account; this line is for the worker's own log.
        log(`account ${accountId}: sync failed: ${(error as Error).message}`);
        throw error;
      }
    });
  }

  await boss.work(PURGE_QUEUE, { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS }, async ([job]) => {
    const { accountId } = jobData.parse(job!.data);
    const report = await purgeUnderLock(options.connectionString, accountId, log).catch((error: Error) => {
      // What was deleted stays deleted; the account is still due, so the next slot carries on from there.
      log(`account ${accountId}: purge failed: ${error.message}`);
      throw error;
    });
    if (report === null) log(`account ${accountId}: busy with a sync; purge left for the next round`);
    else log(`purged account ${accountId}: ${report.deleted} runs that ended before ${report.cut?.toISOString() ?? "(no retention)"}`);
  });

  // Failure alerts share this pg-boss (lib/alerts/queue.ts): whichever processes sync also deliver alerts.
  const alerts = await startAlertDelivery(boss, { log });

  const enqueue = () =>
    Promise.all([
      syncAll().catch((error: Error) => log(`sync worker: could not enqueue the accounts: ${error.message}`)),
      purgeDue().catch((error: Error) => log(`sync worker: could not enqueue the purges: ${error.message}`)),
    ]);
  await enqueue();
  const timer = setInterval(enqueue, (intervalSeconds * 1000) / 2);
  return {
    syncAll,
    purgeDue,
    stop: async () => {
      clearInterval(timer);
      alerts.stop();
      await boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
    },
  };
}
