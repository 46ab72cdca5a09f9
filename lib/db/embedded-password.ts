import { existsSync, lstatSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { StartupError } from "./startup-error";

// The embedded server's superuser password: random per data dir, kept in a 0600 file beside it
// (<data dir>.password), so nobody who can read the source (or another data dir) can log in.

/** What every data dir made before the password file existed was created with. */
const LEGACY_PASSWORD = "batchdeck-embedded";

export function passwordFileOf(dataDir: string): string {
  return `${dataDir}.password`;
}

/** The data dir's password, or undefined when no file was written for it yet. */
export function readPassword(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const stat = lstatSync(file);
  if (!stat.isFile() || stat.uid !== process.getuid?.() || (stat.mode & 0o077) !== 0)
    throw new StartupError(`${file} must be a file owned by you with mode 0600 (it holds the embedded Postgres password): fix it with \`chmod 600 ${file}\`, or remove it and its data dir to start afresh.`);
  return readFileSync(file, "utf8").trim();
}

function writePassword(file: string, password: string) {
  const partial = `${file}.partial`;
  writeFileSync(partial, `${password}\n`, { mode: 0o600 });
  renameSync(partial, file);
}

/** A new data dir gets a new password, written before initdb so a failed initdb retries with it. */
export function newPassword(file: string): string {
  const password = randomBytes(24).toString("hex");
  writePassword(file, password);
  return password;
}

/**
 * A data dir made with the old constant password gets a random one, once, on its first start with this
 * version. The new password is kept in <file>.pending before the server is told, so a crash at any point
 * leaves a password that opens the server: the pending one if the change went through, else the old one.
 */
export async function migrateLegacyPassword(file: string, port: number): Promise<string> {
  const pendingFile = `${file}.pending`;
  const pending = existsSync(pendingFile) ? readPassword(pendingFile)! : randomBytes(24).toString("hex");
  if (!existsSync(pendingFile)) writePassword(pendingFile, pending);
  if (!(await opens(port, pending))) {
    if (!(await opens(port, LEGACY_PASSWORD)))
      throw new StartupError(
        `The embedded Postgres password file ${file} is missing and the server refuses the old default password: restore that file, or remove the data dir beside it to start afresh (its data is lost).`,
      );
    await withClient(port, LEGACY_PASSWORD, (c) => c.query(`alter role postgres password ${c.escapeLiteral(pending)}`));
  }
  renameSync(pendingFile, file);
  return pending;
}

async function opens(port: number, password: string): Promise<boolean> {
  try {
    await withClient(port, password, async () => {});
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "28P01") return false; // invalid_password
    throw error;
  }
}

async function withClient<T>(port: number, password: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
