import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedDataDir } from "../lib/db/embedded-server";
import { reportFailure } from "./report-failure";

const scratch = mkdtempSync(path.join(os.tmpdir(), "bd-start-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function launch(env: Record<string, string>) {
  const { GOOGLE_CLIENT_ID: _id, GOOGLE_CLIENT_SECRET: _secret, DATABASE_URL: _db, ...inherited } = process.env;
  return spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
    env: { ...inherited, PORT: "3299", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm start", () => {
  // A forgotten variable must never open the door: without a Google client, `npm start` on a public URL
  // stops before starting anything, and says what to set.
  it("refuses a non-loopback URL without a Google client", () => {
    const run = launch({ NEXTAUTH_URL: "https://batchdeck.lab.example.edu", BATCHDECK_DATA_DIR: ".data/test-refuse" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("no Google sign-in is configured for https://batchdeck.lab.example.edu");
    expect(run.stderr).toContain("GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET");
    expect(run.stdout).not.toContain("Batchdeck on");
  });

  it("refuses plain http on a public host with one clear line and no stack trace", () => {
    // Otherwise a complete production configuration, so this is the only problem reported.
    const run = launch({
      NEXTAUTH_URL: "http://batchdeck.lab.example.edu",
      GOOGLE_CLIENT_ID: "id.apps.googleusercontent.com",
      GOOGLE_CLIENT_SECRET: "secret",
      NEXTAUTH_SECRET: "s".repeat(40),
      BATCHDECK_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      OWNER_EMAILS: "prof@lab.example.edu",
      BATCHDECK_DATA_DIR: ".data/test-refuse-http",
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "[batchdeck] Batchdeck will not start:\n" +
        "  - NEXTAUTH_URL is http://batchdeck.lab.example.edu, plain http on a public host: serve Batchdeck over https " +
        "(e.g. behind a TLS reverse proxy) and set NEXTAUTH_URL to its https:// URL.",
    );
    expect(run.stdout).not.toContain("Batchdeck on");
  });

  // Any failure to start is one line that says what to do, never a stack trace.
  it("says in one line that the embedded Postgres port is taken", { timeout: 90_000 }, async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    const { port } = blocker.address() as { port: number };
    const base = path.join(scratch, "port-taken");
    try {
      const run = launch({ BATCHDECK_DATA_DIR: base, EMBEDDED_PG_PORT: String(port) });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(
        `[batchdeck] The embedded Postgres could not listen on 127.0.0.1:${port} (in use by another program): set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use your own server.\n`,
      );
    } finally {
      blocker.close();
      const dataDir = embeddedDataDir(undefined, base);
      for (const p of [dataDir, `${dataDir}.password`]) rmSync(p, { recursive: true, force: true });
    }
  });

  it("says in one line that the database cannot be reached", () => {
    const run = launch({ BATCHDECK_DATA_DIR: path.join(scratch, "no-db"), DATABASE_URL: "postgresql://batchdeck:secret@127.0.0.1:1/batchdeck" });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      "[batchdeck] Could not use the database at 127.0.0.1:1 (connect ECONNREFUSED 127.0.0.1:1): check DATABASE_URL, that the server is running, and its user and password.\n",
    );
  });

  it("reports an unexpected failure in one line and keeps the details in a log file", () => {
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => lines.push(line);
    try {
      reportFailure(new Error("disk on fire\nsecond line"), "[batchdeck]", path.join(scratch, "run"));
    } finally {
      console.error = original;
    }
    const log = path.join(scratch, "run", "failures.log");
    expect(lines).toEqual([`[batchdeck] could not start: disk on fire (full details in ${log})`]);
    expect(existsSync(log)).toBe(true);
    expect(readFileSync(log, "utf8")).toMatch(/Error: disk on fire\nsecond line\n {4}at /);
  });
});
