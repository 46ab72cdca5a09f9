import pg from "pg";

// One sync per account at a time, across every worker process: the sync holds a Postgres session-level
// advisory lock for the account on a connection of its own. The lock lives exactly as long as that
// session, so it cannot go stale the way a claim row can:
// - the sync ends (or throws): unlocked, and the connection closed;
// - the worker process dies (SIGKILL, OOM): the kernel closes the socket and Postgres drops the lock at
//   once, so the next worker to try takes the account over without waiting for any expiry;
// - the worker's host vanishes (power, network): nothing closes the socket, so the session asks the
//   server to probe it with TCP keepalives (idle 30 s, then every 10 s, 3 misses), which ends it and
//   frees the lock about a minute later instead of after the kernel's default two hours
//   (https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-TCP-KEEPALIVES-IDLE;
//   ignored on a Unix socket, where the host is the database's own).
// A session lock needs a real session: behind a transaction-pooling PgBouncer point DATABASE_URL at
// Postgres itself (or a session-pooled port) for the workers.
// The key is two int4s: a fixed namespace and the account id's hash. Two ids that share a hash merely
// take turns (the other one syncs in the next round), and the two-key space never meets pg-boss's own
// single-bigint advisory locks (https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS).

const LOCK_KEY = "hashtext('batchdeck.account-sync'), hashtext($1)";
const KEEPALIVE_OPTIONS = "-c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3";

/**
 * Runs `sync` while holding the account's sync lock; returns null without running it when another sync
 * of the account holds the lock (in this process or any other).
 */
export async function whileHoldingAccountLock<T>(
  connectionString: string,
  accountId: string,
  sync: () => Promise<T>,
  log: (line: string) => void,
): Promise<T | null> {
  const session = new pg.Client({ connectionString, application_name: "batchdeck-sync-lock", keepAlive: true, options: KEEPALIVE_OPTIONS });
  // A broken connection after the lock was taken is reported, not thrown from an event the sync cannot
  // catch; the sync itself then fails on its own database writes, or finishes and the unlock is moot.
  session.on("error", (error) => log(`account ${accountId}: lost the sync lock's connection: ${error.message}`));
  await session.connect();
  try {
    const { rows } = await session.query<{ locked: boolean }>(`select pg_try_advisory_lock(${LOCK_KEY}) as locked`, [accountId]);
    if (!rows[0]?.locked) return null;
    try {
      return await sync();
    } finally {
      // If the unlock fails the connection is gone, and with it the lock.
      await session.query(`select pg_advisory_unlock(${LOCK_KEY})`, [accountId]).catch(() => undefined);
    }
  } finally {
    await session.end().catch(() => undefined);
  }
}
