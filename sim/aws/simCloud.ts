import type { SimCatalogAccount, SimCloudFactory } from "../core/cloud";
import { AwsCloud, type AwsAccountInfo, type CreateAccountOptions } from "./cloud";
import { awsControl } from "./control";
import { seedAwsDemo, seedAwsEmpty, type AwsDemoAccount } from "./demo";
import { ecsService } from "./ecs";
import { eventsService } from "./events";
import { logsService } from "./logs";
import { schedulerService } from "./scheduler";
import { stsService } from "./sts";
import { AwsTestApi } from "./testApi";

// The simulator's AWS side as one SimCloud (sim/core/cloud.ts): ECS, EventBridge, EventBridge
// Scheduler, CloudWatch Logs and STS on their real wire protocols, SigV4-checked.

export interface AwsEndpoints {
  ecs: string;
  events: string;
  scheduler: string;
  logs: string;
  sts: string;
}

/** What tests and the demo launcher use of the simulated AWS (sim.aws). */
export interface AwsSimApi extends AwsTestApi {
  endpoints: AwsEndpoints;
  demoAccount: AwsDemoAccount;
  createAccount(opts?: CreateAccountOptions): AwsAccountInfo & { endpoints: AwsEndpoints };
}

export const awsSimCloud: SimCloudFactory<AwsSimApi> = ({ clock, random, base }) => {
  let demoAccount: AwsDemoAccount | undefined;
  const cloud = new AwsCloud(clock, random);
  clock.onChange(() => cloud.catchUp());
  const endpoints = (): AwsEndpoints => ({
    ecs: `${base()}/aws/ecs`,
    events: `${base()}/aws/events`,
    scheduler: `${base()}/aws/scheduler`,
    logs: `${base()}/aws/logs`,
    sts: `${base()}/aws/sts`,
  });
  return {
    services: [ecsService(cloud), eventsService(cloud), schedulerService(cloud), logsService(cloud), stsService(cloud)],
    control: (req) => awsControl(cloud, req, endpoints),
    catchUp: () => cloud.catchUp(),
    // SigV4 puts no secret in a body (the Authorization header, which the log never keeps, carries
    // only a signature). STS answers carry secrets, but the log keeps request bodies' fields only.
    secretFields: [],
    start(scenario) {
      demoAccount = scenario === "demo" ? seedAwsDemo(cloud) : seedAwsEmpty(cloud);
      const api = new AwsTestApi(cloud);
      return Object.assign(api, {
        endpoints: endpoints(),
        demoAccount,
        createAccount: (o?: CreateAccountOptions) => ({ ...cloud.createAccount(o), endpoints: endpoints() }),
      });
    },
    demoCatalogAccount(): SimCatalogAccount {
      if (!demoAccount) throw new Error("The AWS simulator has not started yet.");
      return awsDemoCatalogAccount(demoAccount, endpoints());
    },
  };
};

/** The shape the AWS descriptor parses (lib/providers/aws): settings, endpoints, credentials. */
export function awsDemoCatalogAccount(account: AwsDemoAccount, endpoints: AwsEndpoints): SimCatalogAccount {
  return {
    name: "AWS lab (simulated)",
    cloud: "aws",
    settings: { regions: [account.region], clusters: [account.clusterName], families: account.family ? [account.family] : [], stateChangeLogGroup: account.stateChangeLogGroup },
    endpoints,
    credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
  };
}
