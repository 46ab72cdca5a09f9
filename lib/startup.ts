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
if (env.BATCHDECK_SYNC_WORKER === "1") {
  const { startSyncWorker } = await import("./sync/worker");
  const { stopOnSignals } = await import("./sync/stop-on-signals");
  const log = (line: string) => console.log(`[batchdeck sync] ${line}`);
  const worker = await startSyncWorker({ connectionString: env.DATABASE_URL!, intervalSeconds: env.BATCHDECK_SYNC_INTERVAL_SECONDS, log });
  stopOnSignals(worker.stop, log);
  log(`started; syncing every account every ${env.BATCHDECK_SYNC_INTERVAL_SECONDS} s`);
}
