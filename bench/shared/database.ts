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

export async function freshBenchDatabase(name: string, log: (line: string) => void): Promise<BenchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bench database name "${name}" must be lower-case letters, digits and _`);
  if (!process.env.DATABASE_URL) {
    process.env.BATCHDECK_DATA_DIR ??= ".data/bench-db";
    process.env.EMBEDDED_PG_PORT ??= "54391";
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

/** Waits until no other session is running a statement on this database (the app finishing abandoned requests). */
export async function untilDatabaseIdle(client: pg.Client, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await client.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()",
    );
    if (rows[0]!.n === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
