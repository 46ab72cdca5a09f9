import type { Simulator } from "../../../sim/server";
import { startTestSimulator } from "../../../sim/testing";
import { awsDemoCatalogAccount } from "../../../sim/aws/simCloud";
import { awsClients } from "../../../sim/aws/testClients";
import type { ProviderAccount, ProviderExecution } from "../../../lib/providers/types";
import { createAwsProvider, type AwsProvider } from "../../../lib/providers/aws/provider";

// One simulator per test file, seeded with seed 003's lab (sim/aws/demo.ts), and the production adapter
// pointed at it through the account's endpoints: the same createAwsProvider the app uses. The
// certificate is the one `npm test` made and handed to Node through NODE_EXTRA_CA_CERTS.

export type Sim = Simulator;

export function demoAccount(sim: Sim, overrides: Partial<{ secretAccessKey: string; timeoutMs: number }> = {}): ProviderAccount {
  const catalog = awsDemoCatalogAccount(sim.aws.demoAccount, sim.aws.endpoints);
  const credentials = catalog.credentials as { accessKeyId: string; secretAccessKey: string };
  return {
    id: `sim-${sim.aws.demoAccount.accountId}`,
    cloud: "aws",
    name: catalog.name,
    settings: catalog.settings,
    endpoints: catalog.endpoints,
    credentials: { ...credentials, ...(overrides.secretAccessKey ? { secretAccessKey: overrides.secretAccessKey } : {}) },
    ...(overrides.timeoutMs !== undefined ? { timeoutMs: overrides.timeoutMs } : {}),
  };
}

export async function startHarness() {
  const sim = await startTestSimulator({ port: 0, scenario: "demo" });
  const provider = createAwsProvider(demoAccount(sim));
  // The simulator's own clients, for reading state back as an AWS console user would.
  const aws = awsClients(sim.aws.endpoints, sim.aws.demoAccount);
  return { sim, provider, aws, accountId: sim.aws.demoAccount.accountId };
}

/** Every page of a listing, as the sync reads it. */
export async function listAll(provider: AwsProvider, since: Date | null): Promise<ProviderExecution[]> {
  const items: ProviderExecution[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const page = await provider.listExecutions(since, cursor);
    items.push(...page.items);
    cursor = page.cursor;
    if (!cursor) break;
  }
  return items;
}
