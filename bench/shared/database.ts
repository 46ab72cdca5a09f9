import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../../lib/db/embedded-server";
import { applyMigrations } from "../../lib/db/migrations";

// A bench runs on its own database, dropped and created fresh on every run: on the server DATABASE_URL
// names when set (a sibling database, so the real one is never touched), else on an embedded Postgres
// kept apart from the one `npm start` uses.

export interface BenchDatabase {
  url: string;
  stop(): Promise<void>;
}

function withDatabaseName(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.href;
}

/** `embedded`: where this bench's own embedded server lives unless BATCHDECK_DATA_DIR / EMBEDDED_PG_PORT say otherwise (one per bench, so both can run at once). */
export async function freshBenchDatabase(name: string, embedded: { dataDir: string; port: number }, log: (line: string) => void): Promise<BenchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bench database name "${name}" must be lower-case letters, digits and _`);
  if (!process.env.DATABASE_URL) {
    process.env.BATCHDECK_DATA_DIR ??= embedded.dataDir;
    process.env.EMBEDDED_PG_PORT ??= String(embedded.port);
  }
  const server: DatabaseHandle = await openDatabase(log);
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.query(`create database "${name}"`);
    } finally {
      await admin.end();
    }
    const url = withDatabaseName(server.url, name);
    await applyMigrations(url);
    return { url, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

const activeElsewhere = "datname = current_database() and state = 'active' and pid <> pg_backend_pid()";

/** Waits until no other session is running a statement on this database; false if one still is at the deadline. */
export async function untilDatabaseIdle(client: pg.Client, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where ${activeElsewhere}`);
    if (rows[0]!.n === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * After a load run is cut off, the app is still working on requests whose clients have gone. Lets them
 * finish for `graceMs`, then cancels their statements, so they don't slow the next measurement down.
 * Returns how many were cancelled.
 */
export async function settleDatabase(client: pg.Client, graceMs: number): Promise<number> {
  if (await untilDatabaseIdle(client, graceMs)) return 0;
  const { rows } = await client.query<{ cancelled: boolean }>(`select pg_cancel_backend(pid) as cancelled from pg_stat_activity where ${activeElsewhere}`);
  if (!(await untilDatabaseIdle(client, 30_000))) throw new Error("the database stayed busy 30 s after cancelling the abandoned requests");
  return rows.filter((r) => r.cancelled).length;
}
