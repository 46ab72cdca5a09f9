import { z } from "zod";
import { simulatorOrigin } from "../../env";
import { ProviderError } from "../errors";
import { endpointProblem, hostMatches, type EndpointRule } from "../endpoint-allow-list";

// Azure's own endpoint families: the one list of hosts an Azure account's endpoints may name, and what
// each cloud's tokens and names are derived from. Sources:
// - Resource Manager: https://learn.microsoft.com/azure/azure-government/documentation-government-developer-guide
//   (management.usgovcloudapi.net) and https://learn.microsoft.com/azure/china/resources-developer-guide
//   (management.chinacloudapi.cn); public management.azure.com. Its token scope is the endpoint's
//   "/.default" in each cloud (@azure/arm-* cloudSettingHelpers getArmEndpoint; `az cloud show`:
//   activeDirectoryResourceId), so a China or US Government account asks for a token of its own cloud.
// - Microsoft Entra ID: https://learn.microsoft.com/entra/identity-platform/authentication-national-cloud
//   (login.microsoftonline.com, login.microsoftonline.us, login.partner.microsoftonline.cn; MSAL's China
//   instance is login.chinacloudapi.cn, @azure/identity AzureAuthorityHosts.AzureChina).
// - Log Analytics query API: https://learn.microsoft.com/azure/azure-monitor/logs/api/request-format
//   (api.loganalytics.azure.com; api.loganalytics.io is the older name still served, and the audience
//   of the public cloud's tokens), https://docs.azure.cn/azure-monitor/logs/api/access-api
//   (api.loganalytics.azure.cn) and api.loganalytics.us in Azure Government (`az cloud show -n
//   AzureUSGovernment`: logAnalyticsResourceId). The token scope is the cloud's first host + "/.default".
// - Service Bus: https://learn.microsoft.com/rest/api/servicebus/ ("Other possible domain names":
//   <namespace>.servicebus.windows.net, .servicebus.chinacloudapi.cn, .servicebus.usgovcloudapi.net).
// The first host of each field is the cloud's canonical one: the default URL and the token audience.

export type AzureEndpointField = "resourceManager" | "authorityHost" | "logAnalytics" | "serviceBus";
export type AzureCloudName = "public" | "china" | "usGovernment";

const AZURE_CLOUDS: Record<AzureCloudName, Record<AzureEndpointField, readonly [string, ...string[]]>> = {
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

const CLOUD_NAMES: Record<AzureCloudName, string> = { public: "Azure public cloud", china: "Azure China", usGovernment: "Azure US Government" };

/** What an account of one Azure cloud uses when its endpoints are left blank, and the tokens it asks for. */
export interface AzureCloudProfile {
  cloud: AzureCloudName;
  resourceManager: string;
  authorityHost: string;
  logAnalytics: string;
  armScope: string;
  logAnalyticsScope: string;
  /** Appended to a bare Service Bus namespace name, e.g. ".servicebus.windows.net". */
  serviceBusSuffix: string;
}

export function azureCloudProfile(cloud: AzureCloudName): AzureCloudProfile {
  const hosts = AZURE_CLOUDS[cloud];
  return {
    cloud,
    resourceManager: `https://${hosts.resourceManager[0]}`,
    authorityHost: `https://${hosts.authorityHost[0]}`,
    logAnalytics: `https://${hosts.logAnalytics[0]}`,
    armScope: `https://${hosts.resourceManager[0]}/.default`,
    logAnalyticsScope: `https://${hosts.logAnalytics[0]}/.default`,
    serviceBusSuffix: hosts.serviceBus[0].slice(1),
  };
}

/**
 * The cloud whose `field` hosts include this URL's host; null for the simulator's origin (it stands in
 * for the public cloud, whose scopes it keeps). Refuses a URL that is on neither.
 */
export function azureCloudOf(field: AzureEndpointField, url: string): AzureCloudName | null {
  assertAzureEndpoint(field, url);
  const host = new URL(url).hostname;
  const cloud = (Object.keys(AZURE_CLOUDS) as AzureCloudName[]).find((name) => AZURE_CLOUDS[name][field].some((pattern) => hostMatches(host, pattern)));
  return cloud ?? null;
}

/** The token scope for Resource Manager at this endpoint: its own cloud's. */
export function armScopeFor(resourceManager: string): string {
  return azureCloudProfile(azureCloudOf("resourceManager", resourceManager) ?? "public").armScope;
}

/** The token scope for the Log Analytics query API at this endpoint: its own cloud's. */
export function logAnalyticsScopeFor(logAnalytics: string): string {
  return azureCloudProfile(azureCloudOf("logAnalytics", logAnalytics) ?? "public").logAnalyticsScope;
}

/**
 * The one cloud an account's endpoints belong to (public when none is set or all are the simulator's).
 * A token from one cloud's Entra ID is refused by another cloud's services, so mixed clouds are an
 * error to fix on the form, not a request to send.
 */
export function azureCloudOfEndpoints(endpoints: Partial<Record<AzureEndpointField, string | undefined>>): AzureCloudName {
  const seen: { field: AzureEndpointField; cloud: AzureCloudName }[] = [];
  for (const field of ["resourceManager", "authorityHost", "logAnalytics", "serviceBus"] as const) {
    const url = endpoints[field];
    const cloud = url === undefined ? null : azureCloudOf(field, url);
    if (cloud !== null) seen.push({ field, cloud });
  }
  const [first, ...rest] = seen;
  const other = rest.find((s) => s.cloud !== first!.cloud);
  if (first && other) {
    throw new ProviderError(
      "invalid_request",
      `${LABELS[first.field]} is in ${CLOUD_NAMES[first.cloud]} but ${LABELS[other.field].replace(/^The/, "the")} is in ${CLOUD_NAMES[other.cloud]}; an account's endpoints must all be of one cloud. Edit the account's endpoints; nothing was sent.`,
      { providerCode: "MixedAzureClouds" },
    );
  }
  return first?.cloud ?? "public";
}

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
