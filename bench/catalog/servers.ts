import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { parseServerEnv } from "../../lib/env";
import { appServerArgs, nextBin } from "../../scripts/app-server-args";
import { buildIsCurrent, recordBuild, sourceStamp } from "../../scripts/build-stamp";

// The two servers under test, each its own process group on loopback: the app as `npm start` runs it
// (next start, production build, rebuilt when the sources changed), and the floor.


export interface Server {
  url: string;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function ensureBuild(log: (line: string) => void) {
  if (buildIsCurrent()) return;
  log("building the app (sources changed since the last build)…");
  const stamp = sourceStamp();
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error("next build failed; see the output above.");
  recordBuild(stamp);
}

function launch(name: string, args: string[], env: NodeJS.ProcessEnv, ready: (output: string) => boolean, url: string, timeoutMs: number): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, args, { detached: true, stdio: ["ignore", "pipe", "pipe"], env });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const server: Server = {
    url,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(-child.pid!, "SIGTERM");
      const killed = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(killed);
    },
  };
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      void server.stop();
      reject(new Error(`${name} did not start within ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      if (ready(output)) {
        clearInterval(poll);
        clearTimeout(deadline);
        resolve(server);
      }
    }, 100);
    void exited.then(() => {
      clearInterval(poll);
      clearTimeout(deadline);
      reject(new Error(`${name} exited before it was ready:\n${output}`));
    });
  });
}

/**
 * Outside demo mode, with dummy sign-in settings (the bench signs in with a session row) and no sync
 * worker. `overrides` replace any of these (e2e/scale-out.spec.ts runs two in demo mode with one secret).
 */
export function startApp(databaseUrl: string, port: number, overrides: Record<string, string> = {}): Promise<Server> {
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: url,
    GOOGLE_CLIENT_ID: "bench-client",
    GOOGLE_CLIENT_SECRET: "bench-secret",
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    BATCHDECK_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    OWNER_EMAILS: "owner@bench.test",
    BATCHDECK_DEMO: "0",
    BATCHDECK_SYNC_WORKER: "0",
    ...overrides,
  };
  return launch("next start", appServerArgs("start", port, "127.0.0.1", parseServerEnv(env).BATCHDECK_APP_HEAP_MB), env, (o) => /Ready in|started server/i.test(o), url, 120_000);
}

export function startFloor(databaseUrl: string, port: number): Promise<Server> {
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  return launch("the floor", [tsx, "bench/catalog/floor.ts", String(port)], { ...process.env, DATABASE_URL: databaseUrl }, (o) => o.includes(`listening ${port}`), `http://127.0.0.1:${port}`, 60_000);
}

/** Resident memory of a process and all its descendants, in MiB. */
export function treeRssMiB(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let kib = 0;
  for (const queue = [root]; queue.length; ) {
    const pid = queue.pop()!;
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      continue;
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return kib / 1024;
}

/** Samples a process tree's resident memory every 250 ms; `peak()` is the highest seen so far. */
export function rssSampler(pid: number) {
  let peak = treeRssMiB(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssMiB(pid));
  }, 250);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}
