import { startTestSimulator } from "../../../sim/testing";
import type { ProviderAccount } from "../../../lib/providers/types";
import { createGcpProvider } from "../../../lib/providers/gcp/provider";

// One simulator per test file (the seed-002 demo project in it) and the production adapter pointed at it
// through the account the simulator hands the catalog: its endpoints, and a key whose token_uri is the
// simulator's — the same createGcpProvider the app uses.

export type Sim = Awaited<ReturnType<typeof startTestSimulator>>;

export function gcpAccountOf(sim: Sim, overrides: Partial<{ serviceAccountKey: string; timeoutMs: number }> = {}): ProviderAccount {
  const account = sim.gcp.catalogAccount(sim.gcp.demoAccount);
  const credentials = account.credentials as { serviceAccountKey: string };
  return {
    id: `sim-${sim.gcp.demoAccount.projectId}`,
    cloud: "gcp",
    name: account.name,
    settings: account.settings,
    endpoints: account.endpoints,
    credentials: { serviceAccountKey: overrides.serviceAccountKey ?? credentials.serviceAccountKey },
    ...(overrides.timeoutMs !== undefined ? { timeoutMs: overrides.timeoutMs } : {}),
  };
}

export async function startGcpHarness() {
  const sim = await startTestSimulator({ port: 0, scenario: "demo", now: new Date() });
  // Polls every 20 ms: the simulator's operations finish on its clock, not after real seconds.
  // A roomy per-call deadline: the test machine is shared, and the first call also signs in.
  const provider = createGcpProvider(gcpAccountOf(sim, { timeoutMs: 20_000 }), { lroPollIntervalMs: 20, lroTimeoutMs: 20_000 });
  return { sim, provider };
}
