import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { startSimulator } from "./server";

// `tsx sim/main.ts` (npm run sim): the simulator as its own process, for demo mode and manual poking.
// Prints the URL and each cloud's data (its endpoints and demo account; JSON drops the methods) as one
// JSON line on stdout once it listens.

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.SIM_PORT ?? "4599" },
    "data-dir": { type: "string", default: process.env.SIM_DATA_DIR ?? ".data/sim" },
    seed: { type: "string", default: process.env.SIM_SEED ?? "1" },
    scenario: { type: "string", default: process.env.SIM_SCENARIO ?? "demo" },
    frozen: { type: "boolean", default: false },
  },
});

const scenario = values.scenario === "empty" ? "empty" : "demo";
const sim = await startSimulator({
  port: Number(values.port),
  dataDir: resolve(values["data-dir"]),
  seed: Number(values.seed),
  scenario,
  realtime: !values.frozen,
});
const { url, port: _port, clock: _clock, requests: _requests, faults: _faults, close: _close, ...clouds } = sim;
console.log(JSON.stringify({ url, ...clouds }));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
