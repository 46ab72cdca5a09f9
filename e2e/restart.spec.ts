import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import pg from "pg";
import { embeddedDataDir, embeddedUrl } from "../lib/db/embedded-server";

// `npm start` killed with SIGKILL (no chance to clean up: postgres, the app server and the pid files are
// left as they were) comes back within 10 s with its data. This instance runs on the embedded Postgres,
// the default for someone without DATABASE_URL, in its own data dir and ports.
const PORT = 3210;
const PG_PORT = 54341;
const DATA_DIR = ".data/e2e-restart";
// As root in a clone under a 0700 folder the cluster lives under the temp dir, not in DATA_DIR: ask where.
const PG_DATA_DIR = embeddedDataDir(undefined, DATA_DIR);

function launch(): ChildProcess {
  const { DATABASE_URL: _external, E2E_DATABASE_URL: _e2e, ...env } = process.env;
  return spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
    detached: true, // its own process group, which is what a terminal's kill -9 of `npm start` takes down
    stdio: "ignore",
    env: { ...env, PORT: String(PORT), NEXTAUTH_URL: `http://localhost:${PORT}`, DEMO_ISSUER_PORT: "9420", SIM_PORT: "4620", EMBEDDED_PG_PORT: String(PG_PORT), BATCHDECK_DATA_DIR: DATA_DIR },
  });
}

async function waitUntilServing(deadlineMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    try {
      const res = await fetch(`http://localhost:${PORT}/signin`);
      if (res.ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not serving within ${deadlineMs} ms`);
}

async function waitUntilDown(deadlineMs: number) {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    try {
      await fetch(`http://localhost:${PORT}/signin`);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the killed instance is still serving");
}

async function query<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: embeddedUrl(PG_DATA_DIR, PG_PORT) });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

test("after SIGKILL, npm start is back within 10 s with its data", async () => {
  test.setTimeout(120_000);
  for (const dir of [DATA_DIR, PG_DATA_DIR, `${PG_DATA_DIR}.password`]) rmSync(dir, { recursive: true, force: true });
  let launcher = launch();
  try {
    await waitUntilServing(60_000); // first start: a new cluster and every migration
    await query("insert into audit_events (id, action, result, target) values ('restart-probe', 'test.probe', 'ok', 'kept across SIGKILL')");

    process.kill(-launcher.pid!, "SIGKILL");
    await waitUntilDown(10_000);

    launcher = launch();
    const elapsed = await waitUntilServing(10_000);
    console.log(`back up in ${elapsed} ms after SIGKILL`);
    const rows = await query<{ target: string }>("select target from audit_events where id = 'restart-probe'");
    expect(rows).toEqual([{ target: "kept across SIGKILL" }]);
  } finally {
    process.kill(-launcher.pid!, "SIGTERM");
    await new Promise((r) => launcher.once("exit", r));
  }
});
