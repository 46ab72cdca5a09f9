import type { SimCatalogAccount } from "../core/cloud";
import type { Simulator } from "../server";
import type { AzureAccount } from "./cloud";
import type { AzureEndpoints } from "./simCloud";

/**
 * A simulated Azure account split the way Batchdeck's catalog stores an account (settings, endpoints,
 * credentials; see lib/providers/azure/settings.ts), for the demo launcher and tests that seed one.
 * Plain data: sim/ stays independent of lib/.
 */
export function catalogAccountOf(
  sim: Simulator,
  account: AzureAccount & { endpoints?: AzureEndpoints } = sim.azure.demoAccount,
  overrides: { clientSecret?: string } = {},
) {
  return azureCatalogFields(account, account.endpoints ?? sim.azure.endpoints, overrides);
}

/** The demo account as the demo launcher seeds it (SimCloud.demoCatalogAccount). */
export function azureDemoCatalogAccount(account: AzureAccount, endpoints: AzureEndpoints): SimCatalogAccount {
  return { name: "Azure lab (simulated)", cloud: "azure", ...azureCatalogFields(account, endpoints, {}) };
}

function azureCatalogFields(account: AzureAccount, endpoints: AzureEndpoints, overrides: { clientSecret?: string }) {
  const { tenantId, subscriptionId, resourceGroup, logAnalyticsWorkspaceId, serviceBusNamespace, clientId, clientSecret, serviceBusKeyName, serviceBusKey } = account;
  return {
    settings: { tenantId, subscriptionId, resourceGroup, logAnalyticsWorkspaceId, serviceBusNamespace },
    // An account made with createAccount has its own Service Bus namespace, hence its own endpoints.
    endpoints,
    credentials: { clientId, clientSecret: overrides.clientSecret ?? clientSecret, serviceBusKeyName, serviceBusKey },
  };
}
