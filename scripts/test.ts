// npm test: type check, unit and integration tests (Vitest) on a real Postgres, then end-to-end tests
// (Playwright) in a real Chromium against the app started as `npm start` starts it.
// Postgres: DATABASE_URL when set (CI points it at Debian's server), else an embedded one under .data/test.
//   npm test            everything        npm run test:unit   typecheck + lint + Vitest     npm run test:e2e   Playwright
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../lib/db/embedded-server";
import { assertDisposableDatabase } from "../lib/db/test-database-guard";
import { reportFailure } from "./report-failure";

const only = process.argv[2] as "unit" | "e2e" | undefined;
/** `npm run test:unit -- lib/auth` runs only those Vitest files (and skips the type check); `npm run test:e2e -- e2e/logs.spec.ts` only those specs. */
const filters = process.argv.slice(3);
/** The benches in --quick mode (test/bench): minutes of load that would slow the timing-sensitive tests beside them. */
const BENCH_TESTS = "test/bench";
const log = (line: string) => console.log(`[test] ${line}`);

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
  log(`${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

function chromiumPath(): string | null {
  const candidate = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return existsSync(candidate) ? candidate : null;
}

async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists "${name}" with (force)`);
  await client.query(`create database "${name}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.href;
}

process.env.BATCHDECK_DATA_DIR ??= ".data/test";
process.env.EMBEDDED_PG_PORT ??= "54330";
process.env.NEXT_TELEMETRY_DISABLED = "1";

const results: { step: string; ok: boolean }[] = [];
let database: DatabaseHandle;
try {
  for (const name of ["DATABASE_URL", "TEST_DATABASE_URL", "E2E_DATABASE_URL"]) assertDisposableDatabase(name, process.env[name]);
  database = await openDatabase(log);
} catch (error) {
  reportFailure(error, "[test]", path.resolve(process.env.BATCHDECK_DATA_DIR!, "run"));
  process.exit(1);
}
try {
  const testEnv: Record<string, string> = { TEST_DATABASE_URL: database.url };
  // The simulator's self-signed certificate must be trusted before Node starts (NODE_EXTRA_CA_CERTS).
  if (existsSync("sim/tls.ts")) {
    const { ensureSimCertificate } = await import("../sim/tls");
    const simTls = path.resolve(process.env.BATCHDECK_DATA_DIR!, "sim", "tls");
    testEnv.NODE_EXTRA_CA_CERTS = (await ensureSimCertificate(simTls)).certPath;
  }
  if (only !== "e2e") {
    if (!filters.length) {
      results.push({ step: "typecheck", ok: run("npx", ["tsc", "--noEmit", "-p", "."]) });
      results.push({ step: "lint", ok: run("npx", ["eslint", "--max-warnings=0", "."]) });
    }
    // The benchmarks' harness check runs last, alone, on the app the end-to-end step has built.
    results.push({ step: "vitest", ok: run("npx", ["vitest", "run", ...(filters.length ? filters : ["--exclude", `${BENCH_TESTS}/**`])], testEnv) });
  }
  if (only !== "unit") {
    const chromium = chromiumPath();
    if (!chromium) {
      console.error(
        "[test] No Chromium found at CHROMIUM_PATH or /usr/bin/chromium. Install one with `apt-get install chromium` " +
          "(or, with internet access, `npx playwright install chromium` and set CHROMIUM_PATH).",
      );
      results.push({ step: "e2e (no chromium)", ok: false });
    } else {
      const e2eUrl = await recreateDatabase(database.url, "batchdeck_e2e");
      results.push({ step: "playwright", ok: run("npx", ["playwright", "test", ...filters], { ...testEnv, CHROMIUM_PATH: chromium, E2E_DATABASE_URL: e2eUrl }) });
    }
  }
  if (!only) results.push({ step: "bench harness", ok: run("npx", ["vitest", "run", BENCH_TESTS], testEnv) });
} finally {
  await database.stop();
}
for (const r of results) log(`${r.ok ? "ok  " : "FAIL"} ${r.step}`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
