// The sync worker as its own process; `npm start` runs one next to the app. More can run against the
// same DATABASE_URL (they share the work through pg-boss).
import { parseServerEnv, ConfigError } from "../lib/env";
import { startSyncWorker } from "../lib/sync/worker";
import { stopOnSignals } from "../lib/sync/stop-on-signals";

const log = (line: string) => console.log(`[batchdeck sync] ${line}`);
try {
  const env = parseServerEnv();
  const worker = await startSyncWorker({ connectionString: env.DATABASE_URL!, intervalSeconds: env.BATCHDECK_SYNC_INTERVAL_SECONDS, log });
  stopOnSignals(worker.stop, log);
  log(`started; syncing every account every ${env.BATCHDECK_SYNC_INTERVAL_SECONDS} s`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
