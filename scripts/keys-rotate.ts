// npm run keys:rotate: re-seals every cloud account's credentials and alert webhook URL with BATCHDECK_ENCRYPTION_KEY, opening
// them with it or with BATCHDECK_ENCRYPTION_KEY_PREVIOUS. Safe to run again: rows already sealed with the
// current key are left alone. Uses DATABASE_URL, or the embedded Postgres as npm start does.
import { existsSync } from "node:fs";
import { ConfigError, parseServerEnv } from "../lib/env";
import { openDatabase } from "../lib/db/embedded-server";

const log = (line: string) => console.log(`[keys:rotate] ${line}`);
if (existsSync(".env")) process.loadEnvFile(".env");

async function main(): Promise<number> {
  const env = parseServerEnv({ ...process.env, DATABASE_URL: process.env.DATABASE_URL || "postgresql://embedded" });
  if (!env.BATCHDECK_ENCRYPTION_KEY) {
    log("BATCHDECK_ENCRYPTION_KEY is not set: set the new key (and the old one as BATCHDECK_ENCRYPTION_KEY_PREVIOUS), then run this again.");
    return 1;
  }
  const database = await openDatabase(log);
  process.env.DATABASE_URL = database.url;
  try {
    const { rotateCredentialKeys, RotationRefused } = await import("../lib/catalog/rotate-keys");
    const { keyIdOf } = await import("../lib/catalog/credentials");
    try {
      const report = await rotateCredentialKeys({ current: env.BATCHDECK_ENCRYPTION_KEY, previous: env.BATCHDECK_ENCRYPTION_KEY_PREVIOUS ?? null });
      log(`current key ${keyIdOf(env.BATCHDECK_ENCRYPTION_KEY)}: re-sealed ${report.resealed.length}${report.resealed.length ? ` (${report.resealed.join(", ")})` : ""}, already current ${report.alreadyCurrent}, without credentials ${report.withoutCredentials}.`);
      const { rotateWebhookKeys } = await import("../lib/alerts/rotate-webhook-keys");
      const webhooks = await rotateWebhookKeys({ current: env.BATCHDECK_ENCRYPTION_KEY, previous: env.BATCHDECK_ENCRYPTION_KEY_PREVIOUS ?? null });
      log(`alert webhooks: re-sealed ${webhooks.resealed.length}, already current ${webhooks.alreadyCurrent}.`);
      for (const f of webhooks.unopenable) log(`alert channel ${f.name} does not open (${f.reason}): delete it and add it again on the Alerts page.`);
      if (webhooks.unopenable.length) return 1;
      if (env.BATCHDECK_ENCRYPTION_KEY_PREVIOUS) log("Every account opens with the current key now: unset BATCHDECK_ENCRYPTION_KEY_PREVIOUS.");
      return 0;
    } catch (error) {
      if (error instanceof RotationRefused) {
        console.error(`[keys:rotate] ${error.message}`);
        return 1;
      }
      throw error;
    } finally {
      const { db } = await import("../lib/db/client");
      await db().$disconnect();
    }
  } finally {
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `[keys:rotate] failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
