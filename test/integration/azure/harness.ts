import { startSimulator } from "../../../sim/server";
import { startTestSimulator } from "../../../sim/testing";
import { catalogAccountOf } from "../../../sim/azure/catalog-account";
import type { ProviderAccount } from "../../../lib/providers/types";
import { createAzureProvider } from "../../../lib/providers/azure/provider";

// One simulator per test file, with a fresh Azure account in it, and the production adapter pointed at
// it through the account's endpoints — the same createAzureProvider the app uses. The certificate is
// the one `npm test` made and handed to Node through NODE_EXTRA_CA_CERTS.

export type Sim = Awaited<ReturnType<typeof startSimulator>>;
export type SimAccount = ReturnType<Sim["azure"]["createAccount"]>;

export function accountFor(sim: Sim, a: SimAccount, overrides: Partial<{ clientSecret: string; timeoutMs: number }> = {}): ProviderAccount {
  return {
    id: `sim-${a.subscriptionId}`,
    cloud: "azure",
    name: "simulated lab",
    ...catalogAccountOf(sim, a, overrides),
    ...(overrides.timeoutMs !== undefined ? { timeoutMs: overrides.timeoutMs } : {}),
  };
}

export async function startHarness() {
  const sim = await startTestSimulator({ port: 0, scenario: "empty", now: new Date() });
  const account = sim.azure.createAccount();
  // Polls every 20 ms: the simulator's operations finish on its clock, not after real seconds.
  const provider = createAzureProvider(accountFor(sim, account), { lroPollIntervalMs: 20, lroTimeoutMs: 20_000 });
  return { sim, account, provider };
}

/** Moves the simulated clock forward in steps while `work` runs (LROs and runs finish on the sim's clock). */
export async function whileAdvancing<T>(sim: Sim, stepSeconds: number, work: Promise<T>): Promise<T> {
  let done = false;
  const ticker = (async () => {
    while (!done) {
      await new Promise((r) => setTimeout(r, 25));
      if (!done) sim.clock.advance(stepSeconds);
    }
  })();
  try {
    return await work;
  } finally {
    done = true;
    await ticker;
  }
}
