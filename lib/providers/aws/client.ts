import { ECSClient } from "@aws-sdk/client-ecs";
import { parseAccountPart } from "../account-parts";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { ProviderAccount } from "../types";
import { callTimeoutMs } from "../timeout";
import { AWS_ENDPOINT_FIELDS, assertAwsEndpoint, type AwsEndpointField } from "./endpoints";
import { awsCredentialsSchema, awsEndpointsSchema, awsSettingsSchema, type AwsCredentials, type AwsEndpoints, type AwsSettings } from "./settings";

// The only place AWS SDK clients are built, one set per region. Production and tests both come through
// here; tests differ only in the account they pass (the simulator's endpoints), never in code paths.

export interface RegionClients {
  region: string;
  ecs: ECSClient;
  events: EventBridgeClient;
  scheduler: SchedulerClient;
  logs: CloudWatchLogsClient;
  sts: STSClient;
}

export interface AwsClients {
  accountName: string;
  settings: AwsSettings;
  timeoutMs: number;
  /** The clients of one of the account's regions (built on first use). */
  region(region: string): RegionClients;
}

interface Identity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The account's identity: its access key, or the host's default chain (environment, shared files, ECS
 * or EC2 instance roles; https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/setting-credentials-node.html),
 * then, with a role ARN, that role assumed through STS with the external id
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html).
 */
export function credentialProvider(credentials: AwsCredentials | null, region: string, stsEndpoint: string | undefined): Identity | (() => Promise<Identity>) {
  const keys: Identity | (() => Promise<Identity>) =
    credentials?.accessKeyId && credentials.secretAccessKey
      ? { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}) }
      : fromNodeProviderChain();
  if (!credentials?.roleArn) return keys;
  const assumed = fromTemporaryCredentials({
    params: { RoleArn: credentials.roleArn, RoleSessionName: "batchdeck", ...(credentials.externalId ? { ExternalId: credentials.externalId } : {}) },
    masterCredentials: keys,
    clientConfig: { region, ...(stsEndpoint ? { endpoint: stsEndpoint } : {}), maxAttempts: 1 },
  });
  // The role is assumed inside whichever call needs credentials first; its failure is STS's, not that call's.
  return async () => {
    try {
      return await assumed();
    } catch (error) {
      throw new AssumeRoleFailure(error);
    }
  };
}

/** STS refused (or could not be asked) to assume the account's role. */
export class AssumeRoleFailure extends Error {
  constructor(cause: unknown) {
    super("AssumeRole failed", { cause });
    this.name = "AssumeRoleFailure";
  }
}

/**
 * One attempt per call (maxAttempts 1): the SDK's retry strategy would sleep through throttling and
 * 5xx with backoff behind our per-call deadline; the sync worker has its own backoff and needs to hear
 * `throttled` instead.
 */
function buildRegion(region: string, endpoints: AwsEndpoints | null, credentials: AwsCredentials | null): RegionClients {
  const endpoint = (field: AwsEndpointField) => endpoints?.[field] ?? undefined;
  const credential = credentialProvider(credentials, region, endpoint("sts"));
  const config = (field: AwsEndpointField) => ({ region, credentials: credential, maxAttempts: 1, ...(endpoint(field) ? { endpoint: endpoint(field) } : {}) });
  return {
    region,
    ecs: new ECSClient(config("ecs")),
    events: new EventBridgeClient(config("events")),
    scheduler: new SchedulerClient(config("scheduler")),
    logs: new CloudWatchLogsClient(config("logs")),
    sts: new STSClient(config("sts")),
  };
}

export function createAwsClients(account: ProviderAccount): AwsClients {
  const settings = parseAccountPart("AWS", "settings", awsSettingsSchema, account.settings);
  // First the allow-list, with its own message (the schema would call a refused host "incomplete").
  if (account.endpoints !== null && typeof account.endpoints === "object") {
    for (const field of AWS_ENDPOINT_FIELDS) {
      const url = (account.endpoints as Record<string, unknown>)[field];
      if (typeof url === "string") assertAwsEndpoint(field, url);
    }
  }
  const endpoints = account.endpoints === null ? null : parseAccountPart("AWS", "endpoints", awsEndpointsSchema, account.endpoints);
  const credentials = account.credentials === null ? null : parseAccountPart("AWS", "credentials", awsCredentialsSchema, account.credentials);
  const built = new Map<string, RegionClients>();
  return {
    accountName: account.name,
    settings,
    timeoutMs: callTimeoutMs(account),
    region(region) {
      let clients = built.get(region);
      if (!clients) {
        clients = buildRegion(region, endpoints, credentials);
        built.set(region, clients);
      }
      return clients;
    },
  };
}
