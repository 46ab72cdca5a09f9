// The simulated cloud of bench:sync, in its own process as a real cloud is on its own machines: its
// JSON encoding and request handling then run on another core than the sync under measurement, not
// interleaved with it on one event loop. Started by bench/sync/main.ts with `--jobs N --rounds M`;
// prints one JSON line ({ url, account }) once it listens and the history is in, and stops on SIGTERM.
import path from "node:path";
import { parseArgs } from "node:util";
import { startSimulator } from "../../sim/server";
import { catalogAccountOf } from "../../sim/azure/catalog-account";

const { values } = parseArgs({ options: { jobs: { type: "string" }, rounds: { type: "string" }, "data-dir": { type: "string" } } });
const jobs = Number(values.jobs);
const rounds = Number(values.rounds);
if (!Number.isInteger(jobs) || !Number.isInteger(rounds) || !values["data-dir"]) throw new Error("usage: cloud.ts --jobs N --rounds M --data-dir DIR");

const sim = await startSimulator({ port: 0, dataDir: path.resolve(values["data-dir"]), scenario: "empty", now: new Date(Date.now() - 2 * 86_400_000), seed: 11 });
const account = sim.azure.createAccount({ resourceGroup: "bench-rg" });
// Half the jobs on a 5-minute schedule (their runs carry the trigger), half started by hand with a batch.
const manual: string[] = [];
for (let i = 0; i < jobs; i++) {
  const name = `bench-job-${String(i).padStart(3, "0")}`;
  const scheduled = i % 2 === 0;
  sim.azure.createJob({
    subscriptionId: account.subscriptionId,
    resourceGroup: account.resourceGroup,
    name,
    triggerType: scheduled ? "Schedule" : "Manual",
    ...(scheduled ? { cronExpression: "*/5 * * * *" } : {}),
    env: { BATCH: scheduled ? "nightly" : "b0" },
    failureRate: 0.1,
  });
  if (!scheduled) manual.push(name);
}
for (let round = 0; round < rounds; round++) {
  for (const name of manual) sim.azure.startExecution(account.subscriptionId, account.resourceGroup, name, { BATCH: `b${round % 3}` });
  sim.clock.advance(300);
}
sim.clock.advance(600); // every run has finished: a re-sync sees them unchanged

console.log(JSON.stringify({ url: sim.url, account: catalogAccountOf(sim, account) }));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void sim.close().then(() => process.exit(0)));
