import { createHttpHeaders, type HttpClient, type PipelineRequest } from "@azure/core-rest-pipeline";
import type { TokenCredential } from "@azure/identity";
import { createArmClient } from "../../lib/providers/azure/client";
import { azureCloudProfile } from "../../lib/providers/azure/endpoints";

// Runs Microsoft's example answers through the real SDK (its deserialisers, date parsing, paging) by
// giving the production createArmClient an HttpClient that answers every request with the example.

export const staticCredential: TokenCredential = {
  getToken: async () => ({ token: "example-token", expiresOnTimestamp: Date.now() + 3_600_000 }),
};

export function cannedArm(subscriptionId: string, status: number, body: unknown, headers: Record<string, string> = {}) {
  const requests: PipelineRequest[] = [];
  const httpClient: HttpClient = {
    sendRequest: async (request) => {
      requests.push(request);
      return {
        status,
        request,
        headers: createHttpHeaders({ "content-type": "application/json", ...headers }),
        bodyAsText: body === undefined ? "" : JSON.stringify(body),
      };
    },
  };
  return { arm: createArmClient(staticCredential, subscriptionId, azureCloudProfile("public").resourceManager, httpClient), requests };
}
