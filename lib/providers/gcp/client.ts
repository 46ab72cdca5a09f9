import { JobsClient, ExecutionsClient, ServicesClient } from "@google-cloud/run";
import { parseAccountPart } from "../account-parts";
import { CloudSchedulerClient } from "@google-cloud/scheduler";
import { v2 as loggingV2, type protos as loggingProtos } from "@google-cloud/logging";
import type { ProviderAccount } from "../types";
import { callTimeoutMs } from "../timeout";
import { createGcpAuth, forgetAccessToken } from "./auth";
import { gcpClientEndpoint, type GcpEndpointField } from "./endpoints";
import { gcpCredentialsSchema, gcpEndpointsSchema, gcpSettingsSchema, parseServiceAccountKey, type GcpSettings } from "./settings";

// The only place Google clients are built. Production and tests both come through here; tests differ
// only in the account they pass (the simulator's endpoints and a key whose token_uri is the simulator's).

/** How often a long-running operation is polled, and how long a redeploy may take before we stop waiting (the update goes on in Google). */
export const DEFAULT_LRO_POLL_INTERVAL_MS = 2_000;
export const DEFAULT_LRO_TIMEOUT_MS = 120_000;

export interface GcpClientOptions {
  /** Poll interval for long-running operations; tests on the simulator's clock use a few ms. */
  lroPollIntervalMs?: number;
  lroTimeoutMs?: number;
}

type ListLogEntriesRequest = loggingProtos.google.logging.v2.IListLogEntriesRequest;

/** The Logging client's one method we call; @google-cloud/logging types its `v2` export as any. */
export interface LogEntriesClient {
  listLogEntries(request: ListLogEntriesRequest, options: { timeout: number; autoPaginate: false }): Promise<[loggingProtos.google.logging.v2.ILogEntry[], ListLogEntriesRequest | null, unknown]>;
}

export interface GcpClients {
  settings: GcpSettings;
  jobs: JobsClient;
  executions: ExecutionsClient;
  services: ServicesClient;
  scheduler: CloudSchedulerClient;
  logging: LogEntriesClient;
  /** Drops the key's shared access token after Google refused it, so the next call signs in again. */
  forgetToken(): void;
  timeoutMs: number;
  lroPollIntervalMs: number;
  lroTimeoutMs: number;
}

export function createGcpClients(account: ProviderAccount, options: GcpClientOptions = {}): GcpClients {
  const settings = parseAccountPart("Google Cloud", "settings", gcpSettingsSchema, account.settings);
  const endpoints = account.endpoints === null ? {} : parseAccountPart("Google Cloud", "endpoints", gcpEndpointsSchema, account.endpoints);
  const credentials = account.credentials === null ? null : parseAccountPart("Google Cloud", "credentials", gcpCredentialsSchema, account.credentials);
  const timeoutMs = callTimeoutMs(account);
  const auth = createGcpAuth(credentials, timeoutMs);
  // REST (`fallback: true`): gRPC would need HTTP/2 to every endpoint, the simulator's included. The
  // port goes apart from the host: the clients drop one left in apiEndpoint (stack-feasibility §7).
  // `auth` is typed against each client's own copy of google-auth-library; gax only calls its fetch
  // and getRequestHeaders (google-gax fallback.ts createStub), which every copy has.
  const opts = (field: GcpEndpointField) => ({ ...gcpClientEndpoint(field, endpoints[field]), fallback: true, auth: auth as never, projectId: settings.projectId });
  return {
    settings,
    jobs: new JobsClient(opts("run")),
    executions: new ExecutionsClient(opts("run")),
    services: new ServicesClient(opts("run")),
    scheduler: new CloudSchedulerClient(opts("scheduler")),
    logging: new loggingV2.LoggingServiceV2Client(opts("logging")) as LogEntriesClient,
    forgetToken: () => {
      if (credentials) forgetAccessToken(parseServiceAccountKey(credentials.serviceAccountKey));
    },
    timeoutMs,
    lroPollIntervalMs: options.lroPollIntervalMs ?? DEFAULT_LRO_POLL_INTERVAL_MS,
    lroTimeoutMs: options.lroTimeoutMs ?? DEFAULT_LRO_TIMEOUT_MS,
  };
}
