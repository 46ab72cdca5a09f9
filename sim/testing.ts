import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startSimulator, type Simulator, type SimulatorOptions } from "./server";

// For tests: a simulator whose certificate is the one this process already trusts. Node reads
// NODE_EXTRA_CA_CERTS only at start-up, so the data dir is derived from it (…/<dataDir>/tls/cert.pem).

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export function simDataDir(): string {
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  if (ca && /[/\\]tls[/\\]cert\.pem$/.test(ca)) return dirname(dirname(resolve(ca)));
  return resolve(repoRoot, ".data/sim");
}

export async function startTestSimulator(opts: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  if (!process.env.NODE_EXTRA_CA_CERTS) {
    throw new Error("NODE_EXTRA_CA_CERTS is not set: run the tests through `npm test` (or set it to <dataDir>/tls/cert.pem after `tsx sim/main.ts` made the certificate once)");
  }
  const sim = await startSimulator({ dataDir: simDataDir(), now: new Date("2026-11-20T12:00:00Z"), seed: 7, ...opts });
  // The app's endpoint allow-list accepts the simulator only when named exactly, as npm start does in the demo.
  process.env.BATCHDECK_SIMULATOR_ORIGIN = sim.url;
  return sim;
}

export async function simFetch(sim: Simulator, path: string, init?: RequestInit & { json?: unknown }): Promise<Response> {
  const headers = new Headers(init?.headers);
  let body = init?.body;
  if (init?.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  return fetch(`${sim.url}${path}`, { ...init, headers, body });
}
