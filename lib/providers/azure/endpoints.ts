import { z } from "zod";
import { simulatorOrigin } from "../../env";
import { ProviderError } from "../errors";
import { endpointProblem, type EndpointRule } from "../endpoint-allow-list";

// Azure's own endpoint families: the one list of hosts an Azure account's endpoints may name. Sources:
// - Resource Manager: https://learn.microsoft.com/azure/azure-government/documentation-government-developer-guide
//   (management.usgovcloudapi.net) and https://learn.microsoft.com/azure/china/resources-developer-guide
//   (management.chinacloudapi.cn); public management.azure.com.
// - Microsoft Entra ID: https://learn.microsoft.com/entra/identity-platform/authentication-national-cloud
//   (login.microsoftonline.com, login.microsoftonline.us, login.partner.microsoftonline.cn; MSAL's China
//   instance is login.chinacloudapi.cn).
// - Log Analytics query API: https://learn.microsoft.com/azure/azure-monitor/logs/api/request-format
//   (api.loganalytics.azure.com; api.loganalytics.io is the older name still served),
//   https://docs.azure.cn/en-us/azure-monitor/logs/api/request-format (api.loganalytics.azure.cn), and
//   api.loganalytics.us in Azure Government (`az cloud show -n AzureUSGovernment`: logAnalyticsResourceId).
// - Service Bus: https://learn.microsoft.com/rest/api/servicebus/ ("Other possible domain names":
//   <namespace>.servicebus.windows.net, .servicebus.chinacloudapi.cn, .servicebus.usgovcloudapi.net).

export type AzureEndpointField = "resourceManager" | "authorityHost" | "logAnalytics" | "serviceBus";

const AZURE_CLOUDS: Record<"public" | "china" | "usGovernment", Record<AzureEndpointField, readonly string[]>> = {
  public: {
    resourceManager: ["management.azure.com"],
    authorityHost: ["login.microsoftonline.com"],
    logAnalytics: ["api.loganalytics.io", "api.loganalytics.azure.com"],
    serviceBus: ["*.servicebus.windows.net"],
  },
  china: {
    resourceManager: ["management.chinacloudapi.cn"],
    authorityHost: ["login.chinacloudapi.cn", "login.partner.microsoftonline.cn"],
    logAnalytics: ["api.loganalytics.azure.cn"],
    serviceBus: ["*.servicebus.chinacloudapi.cn"],
  },
  usGovernment: {
    resourceManager: ["management.usgovcloudapi.net"],
    authorityHost: ["login.microsoftonline.us"],
    logAnalytics: ["api.loganalytics.us"],
    serviceBus: ["*.servicebus.usgovcloudapi.net"],
  },
};

const LABELS: Record<AzureEndpointField, string> = {
  resourceManager: "The Resource Manager endpoint",
  authorityHost: "The Entra ID authority endpoint",
  logAnalytics: "The Log Analytics endpoint",
  serviceBus: "The Service Bus endpoint",
};

export function azureEndpointRule(field: AzureEndpointField): EndpointRule {
  return { label: LABELS[field], hosts: Object.values(AZURE_CLOUDS).flatMap((cloud) => cloud[field]) };
}

/** Why this URL may not be the account's `field` endpoint, or null. Reads the simulator origin each time. */
export function azureEndpointProblem(field: AzureEndpointField, url: string): string | null {
  return endpointProblem(url, azureEndpointRule(field), simulatorOrigin());
}

/** Refuses before any request (so before any token is attached) when `url` is not an Azure endpoint. */
export function assertAzureEndpoint(field: AzureEndpointField, url: string): void {
  const problem = azureEndpointProblem(field, url);
  if (problem) {
    throw new ProviderError("invalid_request", `${problem} Edit the account's endpoints; nothing was sent.`, { providerCode: "EndpointNotAllowed" });
  }
}

/** The zod field for an endpoint URL: the same rule on the form and on every catalog row read. */
export function azureEndpointUrl(field: AzureEndpointField) {
  return z.string().superRefine((url, ctx) => {
    const problem = azureEndpointProblem(field, url);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}
