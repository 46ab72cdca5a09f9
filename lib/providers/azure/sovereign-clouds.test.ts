import { createHttpHeaders, type HttpClient, type PipelineRequest } from "@azure/core-rest-pipeline";
import type { GetTokenOptions, TokenCredential } from "@azure/identity";
import { afterEach, describe, expect, it } from "vitest";
import { ProviderError } from "../errors";
import { createArmClient, resolveEndpoints } from "./client";
import { armScopeFor, azureCloudProfile, logAnalyticsScopeFor } from "./endpoints";
import { readExecutionLogs } from "./logs";

// Azure China and US Government accounts ask for their own cloud's tokens and names (issue #7 item 2
// follow-up): the ARM and Log Analytics scopes, the Entra authority and the Service Bus suffix all come
// from the one list in ./endpoints.ts. The simulator keeps the public cloud's scopes.

const saved = process.env.BATCHDECK_SIMULATOR_ORIGIN;
afterEach(() => {
  if (saved === undefined) delete process.env.BATCHDECK_SIMULATOR_ORIGIN;
  else process.env.BATCHDECK_SIMULATOR_ORIGIN = saved;
});

describe("each Azure cloud's profile", () => {
  it("public", () => {
    expect(azureCloudProfile("public")).toEqual({
      cloud: "public",
      resourceManager: "https://management.azure.com",
      authorityHost: "https://login.microsoftonline.com",
      logAnalytics: "https://api.loganalytics.io",
      armScope: "https://management.azure.com/.default",
      logAnalyticsScope: "https://api.loganalytics.io/.default",
      serviceBusSuffix: ".servicebus.windows.net",
    });
  });

  it("China", () => {
    expect(azureCloudProfile("china")).toEqual({
      cloud: "china",
      resourceManager: "https://management.chinacloudapi.cn",
      authorityHost: "https://login.chinacloudapi.cn",
      logAnalytics: "https://api.loganalytics.azure.cn",
      armScope: "https://management.chinacloudapi.cn/.default",
      logAnalyticsScope: "https://api.loganalytics.azure.cn/.default",
      serviceBusSuffix: ".servicebus.chinacloudapi.cn",
    });
  });

  it("US Government", () => {
    expect(azureCloudProfile("usGovernment")).toEqual({
      cloud: "usGovernment",
      resourceManager: "https://management.usgovcloudapi.net",
      authorityHost: "https://login.microsoftonline.us",
      logAnalytics: "https://api.loganalytics.us",
      armScope: "https://management.usgovcloudapi.net/.default",
      logAnalyticsScope: "https://api.loganalytics.us/.default",
      serviceBusSuffix: ".servicebus.usgovcloudapi.net",
    });
  });
});

describe("scopes derived from an endpoint", () => {
  it("follow the endpoint's cloud, the newer public Log Analytics host included", () => {
    delete process.env.BATCHDECK_SIMULATOR_ORIGIN;
    expect(["https://management.azure.com", "https://management.chinacloudapi.cn/", "https://management.usgovcloudapi.net"].map(armScopeFor)).toEqual([
      "https://management.azure.com/.default",
      "https://management.chinacloudapi.cn/.default",
      "https://management.usgovcloudapi.net/.default",
    ]);
    expect(["https://api.loganalytics.io", "https://api.loganalytics.azure.com", "https://api.loganalytics.azure.cn", "https://api.loganalytics.us"].map(logAnalyticsScopeFor)).toEqual([
      "https://api.loganalytics.io/.default",
      "https://api.loganalytics.io/.default",
      "https://api.loganalytics.azure.cn/.default",
      "https://api.loganalytics.us/.default",
    ]);
  });

  it("the simulator keeps the public cloud's scopes; a host of no cloud gets none", () => {
    process.env.BATCHDECK_SIMULATOR_ORIGIN = "https://127.0.0.1:4599";
    expect(armScopeFor("https://127.0.0.1:4599/azure/arm")).toBe("https://management.azure.com/.default");
    expect(logAnalyticsScopeFor("https://127.0.0.1:4599/azure/logs")).toBe("https://api.loganalytics.io/.default");
    expect(() => armScopeFor("https://evil.example")).toThrow(/evil\.example is not one of the cloud's own endpoints/);
  });
});

describe("an account's endpoints, blanks filled from its own cloud", () => {
  it("public when none is set", () => {
    expect(resolveEndpoints(null)).toEqual({
      resourceManager: "https://management.azure.com",
      authorityHost: "https://login.microsoftonline.com",
      logAnalytics: "https://api.loganalytics.io",
      serviceBus: null,
      serviceBusSuffix: ".servicebus.windows.net",
    });
  });

  it("China from its Resource Manager alone", () => {
    expect(resolveEndpoints({ resourceManager: "https://management.chinacloudapi.cn/" })).toEqual({
      resourceManager: "https://management.chinacloudapi.cn",
      authorityHost: "https://login.chinacloudapi.cn",
      logAnalytics: "https://api.loganalytics.azure.cn",
      serviceBus: null,
      serviceBusSuffix: ".servicebus.chinacloudapi.cn",
    });
  });

  it("US Government from its login endpoint alone", () => {
    expect(resolveEndpoints({ authorityHost: "https://login.microsoftonline.us" })).toEqual({
      resourceManager: "https://management.usgovcloudapi.net",
      authorityHost: "https://login.microsoftonline.us",
      logAnalytics: "https://api.loganalytics.us",
      serviceBus: null,
      serviceBusSuffix: ".servicebus.usgovcloudapi.net",
    });
  });

  it("refuses endpoints of two clouds, naming both, before anything is sent", () => {
    const error = (() => {
      try {
        return resolveEndpoints({ resourceManager: "https://management.chinacloudapi.cn", logAnalytics: "https://api.loganalytics.io" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toBe(
      "The Resource Manager endpoint is in Azure China but the Log Analytics endpoint is in Azure public cloud; an account's endpoints must all be of one cloud. Edit the account's endpoints; nothing was sent.",
    );
  });
});

/** Records the scopes each token was asked for. `fail` stops a call at the token, before any network. */
function recordingCredential(fail: boolean) {
  const scopes: string[][] = [];
  const credential: TokenCredential = {
    getToken: async (scope: string | string[], _options?: GetTokenOptions) => {
      scopes.push(Array.isArray(scope) ? scope : [scope]);
      if (fail) throw new ProviderError("bad_credentials", "stopped at the token");
      return { token: "t", expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  return { credential, scopes };
}

describe("the tokens the clients ask for", () => {
  it.each([
    ["https://management.azure.com", "https://management.azure.com/.default"],
    ["https://management.chinacloudapi.cn", "https://management.chinacloudapi.cn/.default"],
    ["https://management.usgovcloudapi.net", "https://management.usgovcloudapi.net/.default"],
  ])("Resource Manager at %s: %s", async (resourceManager, scope) => {
    const { credential, scopes } = recordingCredential(false);
    const requests: PipelineRequest[] = [];
    const httpClient: HttpClient = {
      sendRequest: async (request) => {
        requests.push(request);
        return { status: 200, request, headers: createHttpHeaders({ "content-type": "application/json" }), bodyAsText: JSON.stringify({ value: [] }) };
      },
    };
    const arm = createArmClient(credential, "sub", resourceManager, httpClient);
    for await (const job of arm.jobs.listByResourceGroup("rg")) expect(job).toBeUndefined();
    expect(scopes).toEqual([[scope]]);
    expect(requests.map((r) => new URL(r.url).origin)).toEqual([resourceManager]);
  });

  it.each([
    ["https://api.loganalytics.azure.com", "https://api.loganalytics.io/.default"],
    ["https://api.loganalytics.azure.cn", "https://api.loganalytics.azure.cn/.default"],
    ["https://api.loganalytics.us", "https://api.loganalytics.us/.default"],
  ])("Log Analytics at %s: %s", async (logAnalyticsEndpoint, scope) => {
    const { credential, scopes } = recordingCredential(true);
    const read = readExecutionLogs({ credential, logAnalyticsEndpoint, workspaceId: "ws", timeoutMs: 5_000 }, ["run-1"], {}, null);
    await expect(read).rejects.toThrow("stopped at the token");
    expect(scopes).toEqual([[scope]]);
  });
});
