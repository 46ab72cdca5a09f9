import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { catalogAccountOf } from "../../../sim/azure/catalog-account";
import type { Sim, SimAccount } from "./harness";

// What the sync worker tests share: polling for a state with a deadline, simulated accounts with a
// number of jobs (the sync makes one ARM call per job, so jobs × latency is how long a sync takes), and
// the production worker entry (scripts/worker.ts) run as a real child process that can be SIGKILLed.

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Reads until `done` holds or `ms` pass; returns the last value read (the caller asserts on it). */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A fresh simulated account with `jobs` manual jobs, as the catalog stores it under `name`. */
export function simAccountWithJobs(sim: Sim, name: string, jobs: number): { name: string; cloud: "azure"; account: SimAccount } & ReturnType<typeof catalogAccountOf> {
  const account = sim.azure.createAccount();
  for (let i = 0; i < jobs; i++) {
    sim.azure.createJob({ subscriptionId: account.subscriptionId, resourceGroup: account.resourceGroup, name: `job-${i}`, triggerType: "Manual" });
  }
  return { name, cloud: "azure", account, ...catalogAccountOf(sim, account) };
}

/** ARM requests the simulator received for an account's subscription. */
export function armRequests(sim: Sim, account: SimAccount) {
  return sim.requests(account.subscriptionId).filter((r) => r.service === "arm");
}

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

/**
 * `npm run worker` as a child process, on this node with tsx loaded in-process (the tsx CLI would run
 * the script in a grandchild, which a SIGKILL of the CLI would leave running).
 */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, output: () => output, exited };
}

/** One query on its own connection (pg-boss's tables are not in the Prisma schema). */
export async function pgQuery<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query<R>(sql, params);
  } finally {
    await client.end();
  }
}
