// Prints how long `npm start` takes to serve, and how much memory it holds, on this machine:
//   npx tsx bench/startup.ts [runs=3]
// Cold: a new data dir (a new Postgres cluster, every migration, demo accounts). Warm: after Ctrl-C.
// After kill -9: the process group killed, so Postgres and the app die mid-flight.
// The app must already be built (`npm start` once, or `npx next build`), so builds are not measured.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync, rmSync } from "node:fs";

const runs = Number(process.argv[2] ?? 3);
const PORT = 3290;
const DATA_DIR = ".data/bench";

function launch(): ChildProcess {
  const { DATABASE_URL: _external, ...env } = process.env;
  return spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
    detached: true,
    stdio: "ignore",
    env: { ...env, PORT: String(PORT), NEXTAUTH_URL: `http://localhost:${PORT}`, DEMO_ISSUER_PORT: "9490", SIM_PORT: "4690", EMBEDDED_PG_PORT: "54390", BATCHDECK_DATA_DIR: DATA_DIR },
  });
}

async function serving(): Promise<boolean> {
  try {
    return (await fetch(`http://localhost:${PORT}/signin`)).ok;
  } catch {
    return false;
  }
}

async function timeToServe(): Promise<number> {
  const started = performance.now();
  while (!(await serving())) {
    if (performance.now() - started > 120_000) throw new Error("not serving after 120 s");
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - started;
}

async function untilDown() {
  while (await serving()) await new Promise((r) => setTimeout(r, 50));
}

/** Resident memory of every process in the group (launcher, simulator and issuer in it, Postgres, Next). */
function groupRssMiB(pgid: number): number {
  let kib = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return kib / 1024;
}

async function stop(child: ChildProcess, signal: NodeJS.Signals) {
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid!, signal);
  await exited;
  await untilDown();
}

const figures: Record<string, number[]> = { "cold start (s)": [], "warm start (s)": [], "start after kill -9 (s)": [], "RSS after sign-in page (MiB)": [] };
for (let i = 0; i < runs; i++) {
  rmSync(DATA_DIR, { recursive: true, force: true });
  let child = launch();
  figures["cold start (s)"]!.push((await timeToServe()) / 1000);
  await stop(child, "SIGINT");
  child = launch();
  figures["warm start (s)"]!.push((await timeToServe()) / 1000);
  await new Promise((r) => setTimeout(r, 1000)); // let the demo's start-up sync settle
  figures["RSS after sign-in page (MiB)"]!.push(groupRssMiB(child.pid!));
  await stop(child, "SIGKILL");
  child = launch();
  figures["start after kill -9 (s)"]!.push((await timeToServe()) / 1000);
  await stop(child, "SIGINT");
}
rmSync(DATA_DIR, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`npm start, ${runs} run(s), median (min–max):`);
for (const [name, xs] of Object.entries(figures)) {
  console.log(`  ${name.padEnd(30)} ${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`);
}
process.exit(0);
