import { chownSync, lstatSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedDataDir, openDatabase } from "./embedded-server";
import { freePort } from "@/test/support/free-port";

// The embedded server's superuser password is random per data dir and kept in a 0600 file beside it; a
// data dir made with the old constant password moves to a random one; a data dir owned by someone else
// is refused, not re-owned. Real servers, in a temp folder, on a free port.

const base = mkdtempSync(path.join(os.tmpdir(), "bd-embedded-test-"));
const dataDir = embeddedDataDir(undefined, base);
const passwordFile = `${dataDir}.password`;
afterAll(() => {
  for (const p of [base, dataDir, passwordFile]) rmSync(p, { recursive: true, force: true });
});

async function canLogIn(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "28P01") return false;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

async function start() {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  process.env = { ...env, BATCHDECK_DATA_DIR: base, EMBEDDED_PG_PORT: String(await freePort()) };
  return openDatabase(() => {});
}

describe("embedded Postgres", () => {

  it("gets a random password kept in a 0600 file, and a data dir made with the old one moves to a new one", { timeout: 120_000 }, async () => {
    let db = await start();
    const port = Number(new URL(db.url).port);
    const password = readFileSync(passwordFile, "utf8").trim();
    try {
      expect(password).toMatch(/^[0-9a-f]{48}$/);
      expect(lstatSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(decodeURIComponent(new URL(db.url).password)).toBe(password);
      expect(await canLogIn(port, "batchdeck-embedded")).toBe(false);
      // Make it a data dir from before the password file: the old constant, no file.
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await client.query("create table kept (v text)");
      await client.query("insert into kept values ('across the password change')");
      await client.query("alter role postgres password 'batchdeck-embedded'");
      await client.end();
    } finally {
      await db.stop();
    }
    unlinkSync(passwordFile);

    db = await start();
    try {
      const migrated = readFileSync(passwordFile, "utf8").trim();
      expect(migrated).toMatch(/^[0-9a-f]{48}$/);
      expect(migrated).not.toBe(password);
      const newPort = Number(new URL(db.url).port);
      expect(await canLogIn(newPort, "batchdeck-embedded")).toBe(false);
      expect(await canLogIn(newPort, migrated)).toBe(true);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query("select v from kept");
      await client.end();
      expect(rows).toEqual([{ v: "across the password change" }]);
    } finally {
      await db.stop();
    }
  });

  // Only root can give a folder away to another user.
  it.runIf(process.getuid?.() === 0)("refuses a data dir owned by another user instead of taking it over", { timeout: 60_000 }, async () => {
    const { uid: owner, gid } = lstatSync(dataDir);
    chownSync(dataDir, 4242, 4242);
    try {
      await expect(start()).rejects.toThrow(
        `The embedded Postgres data dir ${dataDir} belongs to uid 4242, not to ${process.getuid?.() === 0 ? "the postgres user" : "you"} (uid ${owner}), so it cannot be used: ` +
          `if it is yours, \`chown -R ${owner} ${dataDir}\`; else set BATCHDECK_DATA_DIR to another folder.`,
      );
      expect(lstatSync(dataDir).uid).toBe(4242);
    } finally {
      chownSync(dataDir, owner, gid);
    }
  });
});
