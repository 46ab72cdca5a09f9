// npm run bench:catalog [-- --quick] [-- --json <file>] [-- --port <n>]
// Seeds a million executions (--quick: 20,000) in a fresh database, starts the app (next start) and the
// floor (bench/catalog/floor.ts), and measures each page on both, alternating, signed in as an owner:
// sequential p50/p95, the app's requests/s with ten concurrent readers, and the app's peak resident memory.
import pg from "pg";
import { parseBenchArgs, round, writeJson } from "../shared/cli";
import { freshBenchDatabase, settleDatabase } from "../shared/database";
import { load, percentile } from "./measure";
import { seedCatalog } from "./seed";
import { measureSyncWrites } from "./sync-writes";
import { ensureBuild, freePort, rssSampler, startApp, startFloor, type Server } from "./servers";
import { contentProblem, resolveTargets, type Target } from "./targets";

const args = parseBenchArgs(process.argv.slice(2));
const log = (line: string) => console.log(`[bench:catalog] ${line}`);
const plan = args.quick
  ? { executions: 20_000, warmAll: 2, warmup: 2, warmupCapS: 2, atLeast: 3, sequential: 20, sequentialCapS: 2, floorCapS: 1, concurrentS: 1, syncPages: 3 }
  : { executions: 1_000_000, warmAll: 20, warmup: 3, warmupCapS: 10, atLeast: 5, sequential: 200, sequentialCapS: 20, floorCapS: 10, concurrentS: 10, syncPages: 30 };

interface Figures {
  key: string;
  target: string;
  path: string | null;
  note?: string;
  samples: number;
  p50_ms: number | null;
  p95_ms: number | null;
  floor_p95_ms: number | null;
  ratio: number | null;
  rps_c10: number | null;
}

async function fetchPage(server: Server, path: string, cookie: string) {
  const response = await fetch(`${server.url}${path}`, { headers: { cookie }, redirect: "manual" });
  return { status: response.status, location: response.headers.get("location"), body: await response.text() };
}

async function measure(target: Target, app: Server, floor: Server, cookie: string, idle: pg.Client): Promise<Figures> {
  const blank = { key: target.key, target: target.name, path: target.path, samples: 0, p50_ms: null, p95_ms: null, floor_p95_ms: null, ratio: null, rps_c10: null };
  if (!target.path) return { ...blank, note: target.unavailable };
  const answer = await fetchPage(app, target.path, cookie);
  // `/` on an app without an overview redirects to another page: nothing of its own to measure.
  if (target.path === "/" && answer.status >= 300 && answer.status < 400 && !answer.location?.includes("/signin")) {
    return { ...blank, path: null, note: `redirects to ${answer.location} (no overview page yet)` };
  }
  const appProblem = contentProblem(target, answer.status, answer.location, answer.body);
  if (appProblem) throw new Error(`the app's ${target.path} ${appProblem}; refusing to time it`);
  const floorAnswer = await fetchPage(floor, target.path, cookie);
  const floorProblem = contentProblem(target, floorAnswer.status, floorAnswer.location, floorAnswer.body);
  if (floorProblem) throw new Error(`the floor's ${target.path} ${floorProblem}`);

  const headers = { cookie };
  const one = (server: Server, amount: number, seconds: number) =>
    load({ url: `${server.url}${target.path}`, headers, connections: 1, amount, seconds, atLeast: plan.atLeast, ceilingS: 180 });
  await one(app, plan.warmup, plan.warmupCapS);
  await one(floor, plan.warmup, plan.warmupCapS);
  await settleDatabase(idle, 1_000);
  const sequential = await one(app, plan.sequential, plan.sequentialCapS);
  await settleDatabase(idle, 1_000);
  const floorRun = await one(floor, plan.sequential, plan.floorCapS);
  const concurrent = await load({ url: `${app.url}${target.path}`, headers, connections: 10, seconds: plan.concurrentS });
  const abandoned = await settleDatabase(idle, 5_000);
  if (abandoned) log(`  cancelled ${abandoned} statement(s) of requests the load tool had given up on`);
  for (const [who, run] of [["app", sequential], ["floor", floorRun], ["app (c10)", concurrent]] as const) {
    if (run.failed) throw new Error(`${who} answered ${run.failed} request(s) to ${target.path} with an error or a status other than 200`);
  }
  const p95 = percentile(sequential.latenciesMs, 95);
  const floorP95 = percentile(floorRun.latenciesMs, 95);
  if (p95 === null || floorP95 === null) throw new Error(`no response to ${target.path} within 180 s (app ${sequential.ok}, floor ${floorRun.ok})`);
  return {
    ...blank,
    samples: sequential.latenciesMs.length,
    p50_ms: round(percentile(sequential.latenciesMs, 50)!),
    p95_ms: round(p95),
    floor_p95_ms: round(floorP95, 2),
    ratio: round(p95 / floorP95),
    rps_c10: round(concurrent.ok / concurrent.seconds),
  };
}

function printTable(rows: Figures[], rssMb: number) {
  const cell = (v: number | null) => (v === null ? "n/a" : String(v));
  const header = ["target", "p50 ms", "p95 ms", "floor p95 ms", "ratio", "rps c10", "n"];
  const lines = rows.map((r) => [r.target, cell(r.p50_ms), cell(r.p95_ms), cell(r.floor_p95_ms), r.ratio === null ? "n/a" : `${r.ratio}×`, cell(r.rps_c10), String(r.samples)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (l: string[]) => `| ${l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  console.log(format(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const l of lines) console.log(format(l));
  for (const r of rows) if (r.note) console.log(`  ${r.target}: n/a, ${r.note}`);
  console.log(`app server peak resident memory (next-server process tree, sampled every 250 ms): ${rssMb} MB`);
}

const database = await freshBenchDatabase(args.quick ? "batchdeck_bench_quick" : "batchdeck_bench", { dataDir: ".data/bench-catalog", port: 54391 }, log);
const servers: Server[] = [];
try {
  const seeded = await seedCatalog(database.url, plan.executions, log);
  ensureBuild(log);
  const appPort = args.port ?? (await freePort());
  const floorPort = args.port ? args.port + 1 : await freePort();
  const app = await startApp(database.url, appPort);
  servers.push(app);
  const floor = await startFloor(database.url, floorPort);
  servers.push(floor);
  log(`app on ${app.url} (pid ${app.pid}), floor on ${floor.url}`);
  const rss = rssSampler(app.pid);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const rows: Figures[] = [];
  try {
    const cookie = `next-auth.session-token=${seeded.sessionToken}`;
    const targets = await resolveTargets(client, plan.executions);
    // A fresh Node process compiles its hot code during its first requests. Each page is asked for
    // before any is timed, so the first page timed is not the one that pays for that (its p95 was
    // 10–20 ms above the same page's later on): the figures are a server's that has been up a while.
    log(`warming up: every page ${plan.warmAll} times on the app and the floor`);
    for (let i = 0; i < plan.warmAll; i++) {
      for (const target of targets) if (target.path) await Promise.all([fetchPage(app, target.path, cookie), fetchPage(floor, target.path, cookie)]);
    }
    for (const target of targets) {
      log(`measuring ${target.name}${target.path ? ` (${target.path})` : ""}`);
      rows.push(await measure(target, app, floor, cookie, client));
    }
  } finally {
    rss.stop();
    await client.end();
  }
  const rssMb = round(rss.peak(), 0);
  // After the pages: the runs it writes would otherwise change what they list.
  log(`measuring the sync's writes (${plan.syncPages} pages of new and ended runs)`);
  const syncWrites = await measureSyncWrites(database.url, plan.syncPages);
  printTable(rows, rssMb);
  console.log(`a sync's write of a page of new and ended runs into this catalog (${syncWrites.pages} pages): p50 ${syncWrites.p50_ms?.toFixed(1)} ms, p95 ${syncWrites.p95_ms?.toFixed(1)} ms`);
  writeJson(args.json, {
    executions: plan.executions,
    seed_seconds: round(seeded.seconds),
    rss_mb: rssMb,
    sync_write: syncWrites,
    targets: Object.fromEntries(rows.map(({ key, ...figures }) => [key, figures])),
  });
} finally {
  for (const server of servers.reverse()) await server.stop();
  await database.stop();
}
process.exit(0);
