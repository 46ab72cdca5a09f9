import { ConfigError, parseServerEnv } from "./env";

// Runs once when the server starts (instrumentation.ts): a bad configuration stops it here, with the
// reason, instead of failing on the first request — or worse, serving without sign-in.
let env: ReturnType<typeof parseServerEnv>;
try {
  env = parseServerEnv();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}

// The demo's simulated accounts are synced once at start, so the first page shows their history.
// (Scheduled syncing of every account is the sync worker's job.)
if (env.demo) {
  const { db } = await import("./db/client");
  const { syncAccount } = await import("./sync/sync-account");
  const fresh = await db().cloudAccount.findMany({ where: { isDemo: true, syncState: "never" }, select: { id: true, name: true } });
  for (const account of fresh) {
    syncAccount(account.id).then(
      (r) => console.log(`[batchdeck] synced ${account.name}: ${r.jobs} jobs, ${r.executions} executions`),
      (e: Error) => console.error(`[batchdeck] could not sync ${account.name}: ${e.message}`),
    );
  }
}
