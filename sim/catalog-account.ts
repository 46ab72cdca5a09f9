import type { Simulator } from "./server";

/**
 * A simulated Azure account split the way Batchdeck's catalog stores an account (settings, endpoints,
 * credentials; see lib/providers/azure/settings.ts), for the demo launcher and tests that seed one.
 * Plain data: sim/ stays independent of lib/.
 */
export function catalogAccountOf(
  sim: Simulator,
  account: Simulator["azure"]["demoAccount"] & { endpoints?: Simulator["azure"]["endpoints"] } = sim.azure.demoAccount,
  overrides: { clientSecret?: string } = {},
) {
  const { tenantId, subscriptionId, resourceGroup, logAnalyticsWorkspaceId, serviceBusNamespace, clientId, clientSecret, serviceBusKeyName, serviceBusKey } = account;
  return {
    settings: { tenantId, subscriptionId, resourceGroup, logAnalyticsWorkspaceId, serviceBusNamespace },
    // An account made with createAccount has its own Service Bus namespace, hence its own endpoints.
    endpoints: account.endpoints ?? sim.azure.endpoints,
    credentials: { clientId, clientSecret: overrides.clientSecret ?? clientSecret, serviceBusKeyName, serviceBusKey },
  };
}
