import { ConfigError, parseServerEnv, type ServerEnv } from "./env";

// Runs once when the server starts (instrumentation.ts): a bad configuration stops it here, with the
// reason, instead of failing on the first request — or worse, serving without sign-in.
let env: ServerEnv;
try {
  env = parseServerEnv();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}

// Each app server is also a sync worker (pg-boss shares the work between however many run), which
// costs no extra process. Set BATCHDECK_SYNC_WORKER=0 where dedicated workers (npm run worker) do it.
// It starts after the server rather than before it: Next waits for this module before answering, and
// loading every cloud's SDK (module evaluation holds this process's only thread) and starting pg-boss
// takes seconds no page needs, so the first pages are answered first. A worker that cannot start still
// stops the server, with the reason, as a bad configuration does.
const WORKER_START_DELAY_MS = 3_000;
if (env.BATCHDECK_SYNC_WORKER === "1") {
  const log = (line: string) => console.log(`[batchdeck sync] ${line}`);
  void (async () => {
    await new Promise((resolve) => setTimeout(resolve, WORKER_START_DELAY_MS));
    const { startSyncWorker } = await import("./sync/worker");
    const { stopOnSignals } = await import("./sync/stop-on-signals");
    const worker = await startSyncWorker({ connectionString: env.DATABASE_URL!, intervalSeconds: env.BATCHDECK_SYNC_INTERVAL_SECONDS, log });
    stopOnSignals(worker.stop, log);
    log(`started; syncing every account every ${env.BATCHDECK_SYNC_INTERVAL_SECONDS} s`);
  })().catch((error: Error) => {
    console.error(`[batchdeck sync] could not start: ${error.message}`);
    process.exit(1);
  });
}
