import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { useDemoEnv, useTestDatabase } from "../../support/database";
import { startTestSimulator } from "../../../sim/testing";
import { catalogAccountOf } from "../../../sim/azure/catalog-account";

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;

/**
 * For a test file's top level: a migrated database, and the simulator's demo subscription in the catalog
 * as account "lab" with sealed credentials — the path the app takes from a catalog row to the cloud.
 */
export async function useSimulatedCatalog(simOptions: { now?: Date } = {}) {
  const key = randomBytes(32).toString("base64");
  useDemoEnv({ BATCHDECK_ENCRYPTION_KEY: key });
  const url = await useTestDatabase();
  const { db } = await import("@/lib/db/client");
  const { seedDemoAccounts } = await import("@/lib/catalog/demo-accounts");
  const state: { sim?: Sim; accountId?: string } = {};
  beforeAll(async () => {
    state.sim = await startTestSimulator({ port: 0, scenario: "demo", ...simOptions });
    await seedDemoAccounts([{ name: "lab", cloud: "azure", ...catalogAccountOf(state.sim) }], key);
    state.accountId = (await db().cloudAccount.findUniqueOrThrow({ where: { name: "lab" } })).id;
  });
  afterAll(async () => {
    await state.sim?.close();
  });
  return {
    url,
    get sim(): Sim {
      return state.sim!;
    },
    get accountId(): string {
      return state.accountId!;
    },
  };
}
