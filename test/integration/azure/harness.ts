import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startSimulator } from "../../../sim/server";
import type { ProviderAccount } from "../../../lib/providers/types";
import { createAzureProvider } from "../../../lib/providers/azure/provider";

// One simulator per test file, with a fresh Azure account in it, and the production adapter pointed at
// it through the account's endpoints — the same createAzureProvider the app uses.

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
export const SIM_DATA_DIR = join(repoRoot, ".data", "sim");
export const SIM_CERT = join(SIM_DATA_DIR, "tls", "cert.pem");

export type Sim = Awaited<ReturnType<typeof startSimulator>>;
export type SimAccount = ReturnType<Sim["azure"]["createAccount"]>;

export async function requireTrustedSimCert(): Promise<void> {
  if (!existsSync(SIM_CERT)) {
    // Node loaded NODE_EXTRA_CA_CERTS at start-up, before the certificate existed: make it, ask for a rerun.
    const { ensureSimCertificate } = await import("../../../sim/tls");
    await ensureSimCertificate(join(SIM_DATA_DIR, "tls"));
    throw new Error(`Created the simulator's certificate at ${SIM_CERT} just now; Node only trusts it from start-up, so run the tests again.`);
  }
  if (process.env.NODE_EXTRA_CA_CERTS !== SIM_CERT) {
    throw new Error(
      `The simulator serves HTTPS with its own certificate. Start vitest with NODE_EXTRA_CA_CERTS=${SIM_CERT} ` +
        `(Node reads it only at start-up), e.g. NODE_EXTRA_CA_CERTS=${SIM_CERT} npx vitest run test/integration`,
    );
  }
}

export function accountFor(sim: Sim, a: SimAccount, overrides: Partial<{ clientSecret: string; timeoutMs: number }> = {}): ProviderAccount {
  return {
    id: `sim-${a.subscriptionId}`,
    cloud: "azure",
    name: "simulated lab",
    settings: {
      tenantId: a.tenantId,
      subscriptionId: a.subscriptionId,
      resourceGroup: a.resourceGroup,
      logAnalyticsWorkspaceId: a.logAnalyticsWorkspaceId,
      serviceBusNamespace: a.serviceBusNamespace,
    },
    endpoints: { ...sim.azure.endpoints, ...a.endpoints },
    credentials: {
      clientId: a.clientId,
      clientSecret: overrides.clientSecret ?? a.clientSecret,
      serviceBusKeyName: a.serviceBusKeyName,
      serviceBusKey: a.serviceBusKey,
    },
    ...(overrides.timeoutMs !== undefined ? { timeoutMs: overrides.timeoutMs } : {}),
  };
}

export async function startHarness() {
  await requireTrustedSimCert();
  const sim = await startSimulator({ port: 0, dataDir: SIM_DATA_DIR, seed: 7, scenario: "empty", now: new Date() });
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
