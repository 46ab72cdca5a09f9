// npm start: everything Batchdeck needs, in one command. Postgres (embedded unless DATABASE_URL is set),
// migrations, a build when the sources changed, and in demo mode the local sign-in issuer and the cloud
// simulator; then the app. Ctrl-C stops them all.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { isLoopbackUrl, parseServerEnv } from "../lib/env";
import { openDatabase, type DatabaseHandle } from "../lib/db/embedded-server";
import { applyMigrations } from "../lib/db/migrations";
import { DEMO_OWNER, startDemoIssuer } from "../lib/auth/demo-issuer";
import { StartupError } from "../lib/db/startup-error";
import { appServerArgs, nextBin } from "./app-server-args";
import { buildIsCurrent, recordBuild, sourceStamp } from "./build-stamp";
import { reportFailure } from "./report-failure";

const dev = process.argv.includes("--dev");
const log = (line: string) => console.log(`[batchdeck] ${line}`);
if (existsSync(".env")) process.loadEnvFile(".env");

const dataDir = path.resolve(process.env.BATCHDECK_DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
const demo = !process.env.GOOGLE_CLIENT_ID && isLoopbackUrl(process.env.NEXTAUTH_URL);

const cleanups: (() => Promise<void> | void)[] = [];
let app: ChildProcess | undefined;

let shuttingDown = false;
/** Ctrl-C reaches both this process and the app (one process group), so this may be asked twice. */
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (app && app.exitCode === null && app.signalCode === null) {
    const exited = new Promise((r) => app!.once("exit", r));
    app.kill("SIGTERM");
    await exited;
  }
  for (const cleanup of cleanups.reverse()) {
    await Promise.resolve()
      .then(cleanup)
      .catch((error: Error) => log(`while stopping: ${error.message}`));
  }
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));

/** Demo secrets are generated once and kept under the data dir, so sessions survive restarts. */
function demoSecrets(): { nextauthSecret: string; encryptionKey: string; clientSecret: string } {
  const file = path.join(dataDir, "demo-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const secrets = {
    nextauthSecret: randomBytes(32).toString("base64"),
    encryptionKey: randomBytes(32).toString("base64"),
    clientSecret: randomBytes(16).toString("hex"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * An app server whose launcher alone was killed (kill -9 <pid>, not the process group) still holds the
 * port: stop it, if that pid is still a Next server and not some later process that reused the number.
 */
function stopLeftoverApp() {
  const pidFile = path.join(dataDir, "run", "app.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8"));
  const command = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, "utf8") : "";
  if (/next/.test(command)) {
    process.kill(pid, "SIGKILL");
    log(`stopped an app server left running by an earlier run (pid ${pid})`);
  }
  rmSync(pidFile, { force: true });
}

/**
 * The simulator stands in for the clouds in the demo. It starts once the app is on its way: seeding three
 * clouds' weeks of history takes seconds of CPU in this process, which would otherwise hold up the
 * database's start and the app's. What the app needs of it is known once its certificate exists — the
 * certificate (Node reads NODE_EXTRA_CA_CERTS only at start-up) and its origin, from its fixed port
 * (`ready`); `start()` then runs it, and its accounts are put in the catalog.
 */
function startDemoSimulator() {
  const simDir = path.join(dataDir, "sim");
  const port = Number(process.env.SIM_PORT ?? 4599);
  // Loaded here, so a real deployment never loads the simulator.
  const ready = import("../sim/tls").then(async ({ ensureSimCertificate }) => {
    const { certPath } = await ensureSimCertificate(path.join(simDir, "tls"));
    process.env.NODE_EXTRA_CA_CERTS = certPath;
    // The one origin outside the clouds' own that the app's endpoint allow-list will accept (lib/env.ts refuses it outside the demo).
    process.env.BATCHDECK_SIMULATOR_ORIGIN = `https://127.0.0.1:${port}`;
  });
  // Awaited in main; a failure before then must not surface as an unhandled rejection first.
  ready.catch(() => undefined);
  const start = async () => {
    const { startSimulator } = await import("../sim/server");
    const started = await startSimulator({ port, dataDir: simDir, scenario: "demo", realtime: true, seed: 1 });
    cleanups.push(() => started.close());
    log(`cloud simulator on ${started.url}`);
    return started;
  };
  return { ready, start };
}

async function seedSimulatedAccounts(simulator: ReturnType<typeof startDemoSimulator>) {
  await simulator.ready;
  const [{ seedDemoAccounts }, sim] = await Promise.all([import("../lib/catalog/demo-accounts"), simulator.start()]);
  await seedDemoAccounts(sim.demoCatalogAccounts(), process.env.BATCHDECK_ENCRYPTION_KEY!);
}

async function hasDemoAccounts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query("select 1 from cloud_accounts where is_demo limit 1")).rowCount === 1;
  } finally {
    await client.end();
  }
}

/** A database that refuses us is the user's to fix: say which server and what to check, in one line. */
async function checkDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    const reason = (error as Error).message || (error as { code?: string }).code || String(error);
    throw new StartupError(`Could not use the database at ${new URL(url).host} (${reason}): check DATABASE_URL, that the server is running, and its user and password.`);
  } finally {
    await client.end().catch(() => {});
  }
}

async function main() {
  mkdirSync(path.join(dataDir, "run"), { recursive: true });
  if (demo) {
    const secrets = demoSecrets();
    const issuerPort = Number(process.env.DEMO_ISSUER_PORT ?? 9400);
    Object.assign(process.env, {
      BATCHDECK_DEMO: "1",
      GOOGLE_CLIENT_ID: "batchdeck-demo",
      GOOGLE_CLIENT_SECRET: secrets.clientSecret,
      GOOGLE_ISSUER: `http://localhost:${issuerPort}`,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secrets.nextauthSecret,
      BATCHDECK_ENCRYPTION_KEY: process.env.BATCHDECK_ENCRYPTION_KEY ?? secrets.encryptionKey,
      // Someone has to be able to invite the others; in the demo that is this address.
      OWNER_EMAILS: process.env.OWNER_EMAILS || DEMO_OWNER,
    });
  }
  // Every configuration problem at once, before anything starts or listens; the database URL is
  // provided below when it is the embedded one.
  const env = parseServerEnv({ ...process.env, DATABASE_URL: process.env.DATABASE_URL || "postgresql://embedded" });
  stopLeftoverApp();
  const simulator = demo ? startDemoSimulator() : null;
  const database: DatabaseHandle = await openDatabase(log);
  cleanups.push(() => database.stop());
  process.env.DATABASE_URL = database.url;

  await checkDatabase(database.url);
  const applied = await applyMigrations(database.url);
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  // A first start puts the accounts in before the app runs, so its first sync finds them.
  const firstDemoStart = simulator !== null && !(await hasDemoAccounts(database.url));
  if (simulator && firstDemoStart) await seedSimulatedAccounts(simulator);
  if (simulator) {
    await simulator.ready;
    const issuer = await startDemoIssuer({ port: Number(process.env.DEMO_ISSUER_PORT ?? 9400), owners: env.OWNER_EMAILS, appUrl: env.NEXTAUTH_URL });
    cleanups.push(() => issuer.close());
    log(`demo sign-in issuer on ${issuer.url}`);
  }

  if (!dev && !buildIsCurrent()) {
    log("building the app (sources changed since the last build)…");
    const stamp = sourceStamp();
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new StartupError("`next build` failed: see its output above.");
    recordBuild(stamp);
  }

  // Demo mode listens on loopback only.
  const host = demo ? "127.0.0.1" : (process.env.HOSTNAME ?? "0.0.0.0");
  app = spawn(process.execPath, appServerArgs(dev ? "dev" : "start", port, host, env.BATCHDECK_APP_HEAP_MB), {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: dev ? "development" : "production" },
  });
  writeFileSync(path.join(dataDir, "run", "app.pid"), String(app.pid));
  app.once("exit", (code) => {
    rmSync(path.join(dataDir, "run", "app.pid"), { force: true });
    log(`app exited (${code ?? "signal"})`);
    void shutdown(code ?? 1);
  });
  // On a restart the app serves meanwhile: the accounts are there, and this only refreshes their endpoints
  // and secrets (its sync worker starts seconds later). Loaded here, after the app: the accounts' schemas
  // come with every cloud's adapter and SDK, seconds to load.
  if (simulator && !firstDemoStart) await seedSimulatedAccounts(simulator);
  log(`${demo ? "demo " : ""}Batchdeck on ${process.env.NEXTAUTH_URL}`);
}

async function fail(error: unknown) {
  reportFailure(error, "[batchdeck]", path.join(dataDir, "run"));
  await shutdown(1);
}
process.on("uncaughtException", (error) => void fail(error));
process.on("unhandledRejection", (error) => void fail(error));
main().catch(fail);
