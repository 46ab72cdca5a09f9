import PgBoss from "pg-boss";
import { db } from "@/lib/db/client";
import { syncAccount } from "./sync-account";

// The background sync: pg-boss on the catalog's own Postgres, so any number of workers can run against
// one database (jobs are taken with SKIP LOCKED). Every minute each account gets one sync job; an
// account's failures are retried with backoff on its own job and never hold up the others.
// The clouds forget quickly (ECS lists a stopped task for about an hour), hence the short period.

const SYNC_ALL = "sync-all";
const SYNC_ACCOUNT = "sync-account";
const CONCURRENT_ACCOUNTS = 3;

export interface SyncWorkerOptions {
  connectionString: string;
  /** When to enqueue every account; default every minute. */
  cron?: string;
  /** Seconds between retries of a failed account (doubled each time). */
  retryDelaySeconds?: number;
  log?: (line: string) => void;
}

export interface SyncWorker {
  /** Enqueues a sync of every account now (also done at start). */
  syncAll(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSyncWorker(options: SyncWorkerOptions): Promise<SyncWorker> {
  const log = options.log ?? (() => {});
  const boss = new PgBoss({ connectionString: options.connectionString, max: CONCURRENT_ACCOUNTS + 2, application_name: "batchdeck-sync" });
  boss.on("error", (error) => log(`sync worker: ${error.message}`));
  await boss.start();
  // "stately": at most one queued and one running sync per account, however often the schedule fires.
  await boss.createQueue(SYNC_ACCOUNT, {
    name: SYNC_ACCOUNT,
    policy: "stately",
    retryLimit: 5,
    retryDelay: options.retryDelaySeconds ?? 30,
    retryBackoff: true,
    expireInSeconds: 600,
  });
  await boss.createQueue(SYNC_ALL, { name: SYNC_ALL, policy: "singleton" });

  const syncAll = async () => {
    const accounts = await db().cloudAccount.findMany({ where: { deletedAt: null }, select: { id: true } });
    for (const { id } of accounts) await boss.send(SYNC_ACCOUNT, { accountId: id }, { singletonKey: id });
  };
  for (let i = 0; i < CONCURRENT_ACCOUNTS; i++) {
    await boss.work<{ accountId: string }>(SYNC_ACCOUNT, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      const report = await syncAccount(job!.data.accountId);
      log(`synced account ${job!.data.accountId}: ${report.jobs} jobs, ${report.executions} executions`);
    });
  }
  await boss.work(SYNC_ALL, syncAll);
  await boss.schedule(SYNC_ALL, options.cron ?? "* * * * *");
  await syncAll();
  return { syncAll, stop: () => boss.stop({ graceful: true, timeout: 10_000, wait: true }) };
}
