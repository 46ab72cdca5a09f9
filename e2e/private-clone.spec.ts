import { expect, test } from "@playwright/test";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { embeddedDataDir } from "../lib/db/embedded-server";
import { freePort } from "../test/support/free-port";

// A newcomer's `git clone … && npm install && npm start` as root, in a folder only root may enter (like
// /root, or mktemp -d): the embedded Postgres runs as the postgres OS user, which cannot reach the clone's
// node_modules, and the launcher must still come up, then stop cleanly on SIGTERM leaving nothing running.
// node_modules and the generated Prisma client are hard-linked copies, so the binaries really sit inside
// the 0700 folder. It builds the app in the clone, so it is in Playwright (one test at a time), not Vitest.

/**
 * Processes whose command line or working directory names one of these paths: what the launcher started
 * from the clone (the app renames itself "next-server", but keeps the clone as its working directory).
 */
function processesUsing(paths: string[]): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)) {
    let command = "";
    let cwd = "";
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      continue; // exited meanwhile
    }
    if (paths.some((p) => command.includes(p) || cwd === p || cwd.startsWith(`${p}/`))) found.push(`${pid} ${command.trim()} (in ${cwd})`);
  }
  return found;
}

test("npm start comes up from a clone inside a 0700 folder and stops cleanly", async () => {
  test.setTimeout(600_000);
  const folder = mkdtempSync(path.join(os.tmpdir(), "bd-clone-"));
  const clone = path.join(folder, "batchdeck");
  let dataDir = "";
  try {
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    execFileSync("git", ["clone", "--quiet", process.cwd(), clone]);
    for (const dir of ["node_modules", "lib/db/generated"]) execFileSync("cp", ["-al", path.resolve(dir), path.join(clone, dir)]);
    dataDir = embeddedDataDir(undefined, path.join(clone, ".data"));

    const [port, pgPort, issuerPort, simPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const { DATABASE_URL: _external, E2E_DATABASE_URL: _e2e, BATCHDECK_DATA_DIR: _data, ...env } = process.env;
    let output = "";
    const launcher = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
      cwd: clone,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...env, PORT: String(port), NEXTAUTH_URL: `http://localhost:${port}`, EMBEDDED_PG_PORT: String(pgPort), DEMO_ISSUER_PORT: String(issuerPort), SIM_PORT: String(simPort) },
    });
    for (const stream of [launcher.stdout!, launcher.stderr!]) stream.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-6000)));
    const exited = new Promise<number | null>((r) => launcher.once("exit", (code) => r(code)));

    // First start: a new cluster, every migration and a production build of the app.
    let status = 0;
    const deadline = Date.now() + 540_000; // the build takes ~1 min on an idle 2-core machine, 7 on a busy one
    while (status !== 200 && Date.now() < deadline && launcher.exitCode === null) {
      status = await fetch(`http://localhost:${port}/signin`).then((r) => r.status, () => 0);
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status, `the launcher's last output:\n${output}`).toBe(200);

    launcher.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("still running after 30 s"), 30_000))]);
    expect(code, output).toBe(0);
    expect(processesUsing([clone, dataDir])).toEqual([]);
  } finally {
    for (const p of processesUsing([clone, dataDir || clone])) process.kill(Number(p.split(" ")[0]), "SIGKILL");
    for (const p of [folder, dataDir, `${dataDir}.password`].filter((p) => p && existsSync(p))) rmSync(p, { recursive: true, force: true });
  }
});
