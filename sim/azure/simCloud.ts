import type { SimCloudFactory } from "../core/cloud";
import { armService } from "./arm";
import { AzureCloud, type AzureAccount, type CreateAccountOptions, type CreateJobOptions } from "./cloud";
import { azureDemoCatalogAccount } from "./catalog-account";
import { azureControl } from "./control";
import { seedAzureDemo } from "./demo";
import { entraService } from "./entra";
import { logAnalyticsService } from "./logAnalytics";
import type { ServiceBusMessage } from "./model";
import { serviceBusService } from "./serviceBus";
import { TokenIssuer } from "./tokens";

// The simulator's Azure side as one SimCloud (sim/core/cloud.ts).

export interface AzureEndpoints {
  resourceManager: string;
  authorityHost: string;
  logAnalytics: string;
  serviceBus: string;
}

/** What tests and the demo launcher use of the simulated Azure (sim.azure). */
export interface AzureSimApi {
  endpoints: AzureEndpoints;
  demoAccount: AzureAccount;
  createAccount(opts?: CreateAccountOptions): AzureAccount & { endpoints: AzureEndpoints };
  createJob(opts: CreateJobOptions): { id: string; name: string };
  startExecution(subscriptionId: string, resourceGroup: string, job: string, env?: Record<string, string>): { id: string; name: string };
  queueMessages(namespace: string, queue: string): ServiceBusMessage[];
}

export const azureSimCloud: SimCloudFactory<AzureSimApi> = ({ clock, random, base }) => {
  let demoAccount: AzureAccount | undefined;
  const tokens = new TokenIssuer();
  const azure = new AzureCloud(clock, random);
  clock.onChange(() => azure.catchUp());
  const endpointsFor = (namespace: string): AzureEndpoints => ({
    resourceManager: `${base()}/azure/arm`,
    authorityHost: `${base()}/azure/login`,
    logAnalytics: `${base()}/azure/loganalytics`,
    serviceBus: `${base()}/azure/servicebus/${namespace}`,
  });
  return {
    services: [armService(azure, tokens), entraService(azure.state, tokens), logAnalyticsService(azure, tokens), serviceBusService(azure)],
    control: (req) => azureControl(azure, req, endpointsFor),
    catchUp: () => azure.catchUp(),
    // Entra ID's client-credentials form (client_secret, or client_assertion for a certificate).
    secretFields: ["client_secret", "client_assertion"],
    start(scenario) {
      demoAccount = scenario === "demo" ? seedAzureDemo(azure) : azure.createAccount({ resourceGroup: "batchdeck-demo", namespace: "batchdeck-demo" });
      return {
        endpoints: endpointsFor(demoAccount.serviceBusNamespace),
        demoAccount,
        createAccount: (o) => {
          const account = azure.createAccount(o);
          return { ...account, endpoints: endpointsFor(account.serviceBusNamespace) };
        },
        createJob: (o) => azure.createJob(o),
        startExecution: (s, g, j, env) => azure.startExecution(s, g, j, env),
        queueMessages: (n, q) => azure.queueMessages(n, q),
      };
    },
    demoCatalogAccount() {
      if (!demoAccount) throw new Error("The Azure simulator has not started yet.");
      return azureDemoCatalogAccount(demoAccount, endpointsFor(demoAccount.serviceBusNamespace));
    },
  };
};
