import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { ECSClient } from "@aws-sdk/client-ecs";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { SchedulerClient } from "@aws-sdk/client-scheduler";
import { STSClient } from "@aws-sdk/client-sts";
import type { AwsEndpoints } from "./simCloud";

// The production AWS SDK v3 clients pointed at the simulator (tests only).

export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ClientOptions {
  region?: string;
  /** Skews the SDK's clock (ms), as a machine with a wrong clock would sign. */
  systemClockOffset?: number;
  maxAttempts?: number;
  /** Gives up on an answer after this long (ms), as the adapter's clients do. */
  requestTimeout?: number;
}

export function awsClients(endpoints: AwsEndpoints, credentials: TestCredentials, opts: ClientOptions = {}) {
  const config = { region: opts.region ?? "ap-northeast-1", credentials, maxAttempts: opts.maxAttempts ?? 1, systemClockOffset: opts.systemClockOffset, requestHandler: opts.requestTimeout === undefined ? undefined : { requestTimeout: opts.requestTimeout, throwOnRequestTimeout: true } };
  return {
    ecs: new ECSClient({ ...config, endpoint: endpoints.ecs }),
    events: new EventBridgeClient({ ...config, endpoint: endpoints.events }),
    scheduler: new SchedulerClient({ ...config, endpoint: endpoints.scheduler }),
    logs: new CloudWatchLogsClient({ ...config, endpoint: endpoints.logs }),
    sts: new STSClient({ ...config, endpoint: endpoints.sts }),
  };
}

export type AwsFailure = Error & { $metadata?: { httpStatusCode?: number } };

/** The error a call fails with; a call that succeeds fails the test. */
export async function failureOf(call: Promise<unknown>): Promise<AwsFailure> {
  try {
    await call;
  } catch (error) {
    return error as AwsFailure;
  }
  throw new Error("expected the call to fail");
}
