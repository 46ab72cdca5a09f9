// npm run bench:sync [-- --quick] [-- --json <file>]
// The real sync path (lib/sync/sync-account.ts syncAccount → the Azure adapter → HTTPS) against the
// simulator (in its own process: bench/sync/cloud.ts) holding 120 jobs × 100 runs (Azure keeps the last
// 100 per job; --quick: 10 jobs × 20 runs):
// executions/s ingested by a first sync, and the row writes (pg_stat_user_tables) of a re-sync that
// finds nothing changed. Also each part alone: the cloud's listing, and the database writes of what it
// listed (when the first sync falls short, which one holds it back).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { parseBenchArgs, round, writeJson } from "../shared/cli";
import { freshBenchDatabase } from "../shared/database";

const log = (line: string) => console.log(`[bench:sync] ${line}`);

// Node reads NODE_EXTRA_CA_CERTS only at start-up: make the simulator's certificate, then run again
// trusting it as well as whatever NODE_EXTRA_CA_CERTS already named (a bundle of both).
const SIM_DIR = path.resolve(".data/bench-sim");
const TRUST = path.join(SIM_DIR, "trust.pem");
if (process.env.NODE_EXTRA_CA_CERTS !== TRUST) {
  const { ensureSimCertificate } = await import("../../sim/tls");
  const { certPath } = await ensureSimCertificate(path.join(SIM_DIR, "tls"));
  const inherited = process.env.NODE_EXTRA_CA_CERTS && existsSync(process.env.NODE_EXTRA_CA_CERTS) ? readFileSync(process.env.NODE_EXTRA_CA_CERTS, "utf8") : "";
  writeFileSync(TRUST, `${inherited.trimEnd()}\n${readFileSync(certPath, "utf8")}`);
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const child = spawnSync(process.execPath, [tsx, "bench/sync/main.ts", ...process.argv.slice(2)], { stdio: "inherit", env: { ...process.env, NODE_EXTRA_CA_CERTS: TRUST } });
  process.exit(child.status ?? 1);
}

const args = parseBenchArgs(process.argv.slice(2));
const plan = args.quick ? { jobs: 10, rounds: 20 } : { jobs: 120, rounds: 100 };
const TABLES = ["executions", "jobs", "triggers"] as const;

const database = await freshBenchDatabase(args.quick ? "batchdeck_bench_sync_quick" : "batchdeck_bench_sync", { dataDir: ".data/bench-sync", port: 54392 }, log);
// What lib/env.ts reads, as in the demo; lib/ is loaded only after this.
const encryptionKey = randomBytes(32).toString("base64");
Object.assign(process.env, {
  DATABASE_URL: database.url,
  NEXTAUTH_URL: "http://localhost:3000",
  BATCHDECK_DEMO: "1",
  GOOGLE_CLIENT_ID: "bench",
  GOOGLE_CLIENT_SECRET: "bench",
  NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
  OWNER_EMAILS: "owner@bench.test",
  BATCHDECK_ENCRYPTION_KEY: encryptionKey,
});
const { db } = await import("../../lib/db/client");
const { seedDemoAccounts } = await import("../../lib/catalog/demo-accounts");
const { syncAccount } = await import("../../lib/sync/sync-account");
const { providerFor } = await import("../../lib/catalog/provider-account");
const { saveJobs } = await import("../../lib/sync/save-jobs");
const { saveExecutions } = await import("../../lib/sync/save-executions");

/** bench/sync/cloud.ts in its own process (see there why): its URL and the catalog fields of its account. */
async function startCloud(size: { jobs: number; rounds: number }) {
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const child = spawn(process.execPath, [tsx, "bench/sync/cloud.ts", "--jobs", String(size.jobs), "--rounds", String(size.rounds), "--data-dir", SIM_DIR], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([new Promise<string>((resolve) => lines.once("line", resolve)), exited.then(() => null)]);
  if (first === null) throw new Error("the simulated cloud exited before it was ready; see its output above");
  const ready = JSON.parse(first) as { url: string; account: { settings: object; endpoints: object; credentials: object } };
  return {
    ...ready,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * Ends the app's connection pool so its backends exit and flush their table statistics (an idle backend
 * may hold them for up to 10 s), then waits until they are gone. lib/db/client keeps the client on
 * globalThis; forgetting it makes the next db() call open a new pool.
 */
async function flushAppConnections(client: pg.Client) {
  await db().$disconnect();
  delete (globalThis as { batchdeckPrisma?: unknown }).batchdeckPrisma;
  for (let i = 0; i < 100; i++) {
    const { rows } = await client.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
    if (rows[0]!.n === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the app's database connections did not close within 10 s");
}

async function rowWrites(client: pg.Client): Promise<Record<string, number>> {
  await client.query("select pg_stat_clear_snapshot()");
  const { rows } = await client.query<{ relname: string; n: string }>(
    "select relname, n_tup_ins + n_tup_upd + n_tup_del as n from pg_stat_user_tables where relname = any($1)",
    [TABLES],
  );
  return Object.fromEntries(TABLES.map((t) => [t, Number(rows.find((r) => r.relname === t)?.n ?? 0)]));
}

const delta = (after: Record<string, number>, before: Record<string, number>) => Object.fromEntries(TABLES.map((t) => [t, after[t]! - before[t]!]));
const sum = (writes: Record<string, number>) => Object.values(writes).reduce((a, b) => a + b, 0);

const cloud = await startCloud(plan);
// The app's endpoint allow-list accepts the simulator only when named exactly, as npm start does in the demo.
process.env.BATCHDECK_SIMULATOR_ORIGIN = cloud.url;
const stats = new pg.Client({ connectionString: database.url });
try {
  await stats.connect();
  await seedDemoAccounts([{ name: "bench lab", cloud: "azure", ...cloud.account }], encryptionKey);
  const { id: accountId } = await db().cloudAccount.findUniqueOrThrow({ where: { name: "bench lab" }, select: { id: true } });

  // The cloud's part alone: the listing a first sync makes (adapter, SDK, HTTPS, simulator), kept to time
  // the database's part alone below. The sync overlaps the two, so its time is not their sum.
  let started = performance.now();
  const provider = providerFor(await db().cloudAccount.findUniqueOrThrow({ where: { id: accountId } }));
  const listedJobs = await provider.listJobs();
  const pages: Awaited<ReturnType<typeof provider.listExecutions>>["items"][] = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page = await provider.listExecutions(null, cursor);
    pages.push(page.items);
    cursor = page.cursor;
  }
  const listingSeconds = (performance.now() - started) / 1000;
  const listed = pages.reduce((n, items) => n + items.length, 0);

  await flushAppConnections(stats);
  const before = await rowWrites(stats);
  started = performance.now();
  const first = await syncAccount(accountId);
  const firstSeconds = (performance.now() - started) / 1000;
  await flushAppConnections(stats);
  const afterFirst = await rowWrites(stats);
  const stored = await db().execution.count({ where: { accountId } });
  if (stored !== first.executions) throw new Error(`the sync reported ${first.executions} executions but the catalog holds ${stored}`);
  if (stored < plan.jobs * plan.rounds) throw new Error(`the simulator listed ${stored} executions, fewer than the ${plan.jobs * plan.rounds} planned`);

  started = performance.now();
  const second = await syncAccount(accountId);
  const secondSeconds = (performance.now() - started) / 1000;
  await flushAppConnections(stats);
  const resync = delta(await rowWrites(stats), afterFirst);

  // The database's part alone: the same writes for what the listing returned, into a second account.
  const { id: writesOnly } = await db().cloudAccount.create({ data: { cloud: "azure", name: "bench writes only", settings: {} }, select: { id: true } });
  started = performance.now();
  const savedJobs = await saveJobs(writesOnly, listedJobs);
  // As the sync gathers them: every page at once, written by saveExecutions a statement of 5,000 at a time.
  await saveExecutions(writesOnly, savedJobs, pages.flat());
  const databaseSeconds = (performance.now() - started) / 1000;

  const figures = {
    jobs: first.jobs,
    executions: first.executions,
    first_sync_seconds: round(firstSeconds, 2),
    executions_per_s: round(first.executions / firstSeconds, 0),
    first_sync_row_writes: sum(delta(afterFirst, before)),
    listing_seconds: round(listingSeconds, 2),
    listing_executions_per_s: round(listed / listingSeconds, 0),
    database_seconds: round(databaseSeconds, 2),
    database_executions_per_s: round(listed / databaseSeconds, 0),
    resync_seconds: round(secondSeconds, 2),
    resync_executions_listed: second.executions,
    resync_row_writes: sum(resync),
    resync_row_writes_by_table: resync,
  };
  log(`first sync: ${figures.executions} executions of ${figures.jobs} jobs in ${figures.first_sync_seconds} s = ${figures.executions_per_s} executions/s (${figures.first_sync_row_writes} row writes)`);
  log(`each part alone: listing the cloud (adapter, SDK, simulator) ${figures.listing_seconds} s = ${figures.listing_executions_per_s} executions/s; writing them (database) ${figures.database_seconds} s = ${figures.database_executions_per_s} executions/s`);
  log(`re-sync of unchanged runs: ${figures.resync_seconds} s, ${figures.resync_row_writes} row writes (${TABLES.map((t) => `${t} ${resync[t]}`).join(", ")})`);
  writeJson(args.json, figures);
} finally {
  await stats.end();
  await db().$disconnect();
  await cloud.stop();
  await database.stop();
}
process.exit(0);
