import { ContainerAppsAPIClient } from "@azure/arm-appcontainers";
import { parseAccountPart } from "../account-parts";
import { createDefaultHttpClient, type HttpClient } from "@azure/core-rest-pipeline";
import type { TokenCredential } from "@azure/identity";
import { ClientSecretCredential, ManagedIdentityCredential } from "@azure/identity";
import type { ProviderAccount } from "../types";
import { ProviderError } from "../errors";
import { callTimeoutMs } from "../timeout";
import {
  azureCredentialsSchema,
  azureEndpointsSchema,
  azureSettingsSchema,
  type AzureCredentials,
  type AzureEndpoints,
  type AzureSettings,
} from "./settings";
import { armScopeFor, assertAzureEndpoint, azureCloudOfEndpoints, azureCloudProfile, type AzureEndpointField } from "./endpoints";

// The only place Azure SDK clients are built. Production and tests both come through here; tests
// differ only in the account they pass (the simulator's endpoints) — never in code paths.

/** How often a long-running operation (202 + Location) is polled. ARM suggests Retry-After; 2 s is a polite floor. */
export const DEFAULT_LRO_POLL_INTERVAL_MS = 2_000;
/** How long a redeploy may take before we give up waiting (the update keeps going in Azure). */
export const DEFAULT_LRO_TIMEOUT_MS = 120_000;

export interface ResolvedAzureEndpoints {
  resourceManager: string;
  authorityHost: string;
  logAnalytics: string;
  /** null: https://<namespace> from the job's scale rule or the account settings. */
  serviceBus: string | null;
  /** Completes a bare namespace name in the account's cloud, e.g. ".servicebus.chinacloudapi.cn". */
  serviceBusSuffix: string;
}

export interface AzureClientOptions {
  /** Poll interval for long-running operations; tests on the simulator's clock use a few ms. */
  lroPollIntervalMs?: number;
  lroTimeoutMs?: number;
}

export interface AzureClients {
  accountName: string;
  settings: AzureSettings;
  endpoints: ResolvedAzureEndpoints;
  credentials: AzureCredentials | null;
  credential: TokenCredential;
  arm: ContainerAppsAPIClient;
  timeoutMs: number;
  lroPollIntervalMs: number;
  lroTimeoutMs: number;
}

/**
 * The account's endpoints, each left blank filled in from the account's own cloud (a China account
 * that names only its Resource Manager signs in at China's Entra ID and reads China's Log Analytics).
 */
export function resolveEndpoints(endpoints: AzureEndpoints | null): ResolvedAzureEndpoints {
  const trim = (url: string) => url.replace(/\/+$/, "");
  const cloud = azureCloudProfile(azureCloudOfEndpoints(endpoints ?? {}));
  return {
    resourceManager: trim(endpoints?.resourceManager ?? cloud.resourceManager),
    authorityHost: trim(endpoints?.authorityHost ?? cloud.authorityHost),
    logAnalytics: trim(endpoints?.logAnalytics ?? cloud.logAnalytics),
    serviceBus: endpoints?.serviceBus ? trim(endpoints.serviceBus) : null,
    serviceBusSuffix: cloud.serviceBusSuffix,
  };
}

/**
 * Service principal (client credentials) when the account has a secret, else the host's managed identity.
 * `disableInstanceDiscovery`: MSAL would otherwise ask login.microsoftonline.com whether the authority is
 * a known cloud, which fails for sovereign/private authorities and the simulator alike
 * (learn.microsoft.com: "ClientSecretCredentialOptions.disableInstanceDiscovery").
 */
export function createCredential(
  settings: AzureSettings,
  credentials: AzureCredentials | null,
  endpoints: ResolvedAzureEndpoints,
): TokenCredential {
  if (credentials === null) return new ManagedIdentityCredential();
  assertAzureEndpoint("authorityHost", endpoints.authorityHost);
  return new ClientSecretCredential(settings.tenantId, credentials.clientId, credentials.clientSecret, {
    authorityHost: endpoints.authorityHost,
    disableInstanceDiscovery: true,
  });
}

/**
 * The transport under the ARM client: every request the SDK sends, its long-running-operation polls and
 * redirects included, must go to the account's Resource Manager origin. A Location header naming any
 * other host is refused here, before the bearer token leaves the process.
 */
export function armOnlyHttpClient(resourceManager: string, inner: HttpClient = createDefaultHttpClient()): HttpClient {
  const origin = new URL(resourceManager).origin;
  return {
    sendRequest(request) {
      if (new URL(request.url).origin !== origin) {
        return Promise.reject(
          new ProviderError("invalid_request", `Azure Resource Manager pointed this request at ${new URL(request.url).host}, which is not this account's Resource Manager endpoint; nothing was sent.`, {
            providerCode: "EndpointNotAllowed",
          }),
        );
      }
      return inner.sendRequest(request);
    },
  };
}

/**
 * The Container Apps ARM client (api-version 2025-07-01 in @azure/arm-appcontainers 3.x).
 * Retries are off (maxRetries 0): the SDK's default policy would sleep through a 429's Retry-After
 * and retry 5xx with backoff, hiding both behind our 5 s deadline. The caller (the sync worker, with
 * its own backoff) needs `throttled` + Retry-After instead. ARM throttling: learn.microsoft.com
 * "Understand how Azure Resource Manager throttles requests".
 */
export function createArmClient(
  credential: TokenCredential,
  subscriptionId: string,
  resourceManager: string,
  httpClient?: HttpClient,
): ContainerAppsAPIClient {
  assertAzureEndpoint("resourceManager", resourceManager);
  return new ContainerAppsAPIClient(credential, subscriptionId, {
    endpoint: resourceManager,
    $host: resourceManager,
    // Each cloud's Resource Manager accepts only tokens issued for itself (./endpoints.ts); the
    // simulator keeps the public cloud's scope.
    credentialScopes: [armScopeFor(resourceManager)],
    retryOptions: { maxRetries: 0 },
    // Redirects are not followed: a 3xx to another host would otherwise be re-signed with our token.
    redirectOptions: { maxRetries: 0 },
    httpClient: armOnlyHttpClient(resourceManager, httpClient),
  });
}

const ENDPOINT_FIELDS = ["resourceManager", "authorityHost", "logAnalytics", "serviceBus"] as const satisfies AzureEndpointField[];

/** Every endpoint the clients will call, checked against Azure's hosts before any client or credential exists. */
function assertEndpoints(endpoints: Partial<Record<AzureEndpointField, unknown>>): void {
  for (const field of ENDPOINT_FIELDS) {
    const url = endpoints[field];
    if (typeof url === "string") assertAzureEndpoint(field, url);
  }
}

export function createAzureClients(account: ProviderAccount, options: AzureClientOptions = {}): AzureClients {
  const settings = parseAccountPart("Azure", "settings", azureSettingsSchema, account.settings);
  // First the allow-list, with its own message (the schema would call a refused host "incomplete").
  if (account.endpoints !== null && typeof account.endpoints === "object") assertEndpoints(account.endpoints);
  const endpoints = resolveEndpoints(account.endpoints === null ? null : parseAccountPart("Azure", "endpoints", azureEndpointsSchema, account.endpoints));
  assertEndpoints(endpoints);
  const credentials = account.credentials === null ? null : parseAccountPart("Azure", "credentials", azureCredentialsSchema, account.credentials);
  const credential = createCredential(settings, credentials, endpoints);
  return {
    accountName: account.name,
    settings,
    endpoints,
    credentials,
    credential,
    arm: createArmClient(credential, settings.subscriptionId, endpoints.resourceManager),
    timeoutMs: callTimeoutMs(account),
    lroPollIntervalMs: options.lroPollIntervalMs ?? DEFAULT_LRO_POLL_INTERVAL_MS,
    lroTimeoutMs: options.lroTimeoutMs ?? DEFAULT_LRO_TIMEOUT_MS,
  };
}
