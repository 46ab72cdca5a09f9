// The sync worker as its own process; `npm start` runs one next to the app. More can run against the
// same DATABASE_URL (they share the work through pg-boss).
import { parseServerEnv, ConfigError } from "../lib/env";
import { startSyncWorker } from "../lib/sync/worker";

const log = (line: string) => console.log(`[batchdeck sync] ${line}`);
try {
  const env = parseServerEnv();
  const worker = await startSyncWorker({ connectionString: env.DATABASE_URL!, log });
  log("started; syncing every account every minute");
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void worker.stop().then(() => process.exit(0)));
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
