import { z } from "zod";
import { azureEndpointUrl } from "./endpoints";

// What an Azure account holds in the catalog. Validated when the account is saved and again when a
// provider is built, so a bad row fails with a message instead of a wrong request.

export const azureSettingsSchema = z.object({
  tenantId: z.string().min(1),
  subscriptionId: z.string().min(1),
  resourceGroup: z.string().min(1),
  /** Log Analytics workspace (customer) id that receives ContainerAppConsoleLogs_CL. */
  logAnalyticsWorkspaceId: z.string().min(1).optional(),
  /** Jobs triggered by a Service Bus queue: the namespace host name, e.g. "lab.servicebus.windows.net". */
  serviceBusNamespace: z.string().min(1).optional(),
});
export type AzureSettings = z.infer<typeof azureSettingsSchema>;

/**
 * Base URLs; each defaults to the public Azure cloud. Only Azure's own hosts (./endpoints.ts), or the
 * simulator when BATCHDECK_SIMULATOR_ORIGIN names it; the simulator supplies all four.
 */
export const azureEndpointsSchema = z.object({
  resourceManager: azureEndpointUrl("resourceManager").optional(),
  /** Entra ID authority host, e.g. https://login.microsoftonline.com */
  authorityHost: azureEndpointUrl("authorityHost").optional(),
  logAnalytics: azureEndpointUrl("logAnalytics").optional(),
  /** Replaces https://<namespace> for the Service Bus REST send endpoint. */
  serviceBus: azureEndpointUrl("serviceBus").optional(),
});
export type AzureEndpoints = z.infer<typeof azureEndpointsSchema>;

/** Client-credentials service principal; omitted credentials mean the host's managed identity. */
export const azureCredentialsSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** Shared access key for Service Bus REST send (policy name + key). */
  serviceBusKeyName: z.string().min(1).optional(),
  serviceBusKey: z.string().min(1).optional(),
});
export type AzureCredentials = z.infer<typeof azureCredentialsSchema>;
