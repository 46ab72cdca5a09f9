import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { TokenCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simDataDir, startTestSimulator } from "../../../sim/testing";
import { ensureSimCertificate } from "../../../sim/tls";
import { catalogAccountOf } from "../../../sim/azure/catalog-account";
import { createAzureProvider } from "../../../lib/providers/azure/provider";
import { armOnlyHttpClient, createArmClient } from "../../../lib/providers/azure/client";
import { readExecutionLogs } from "../../../lib/providers/azure/logs";
import { sendQueueMessage } from "../../../lib/providers/azure/servicebus";
import { ProviderError } from "../../../lib/providers/errors";
import type { ProviderAccount } from "../../../lib/providers/types";

// Endpoints not on Azure's list get nothing: stub servers on loopback (one HTTPS with the certificate
// this process trusts, one plain HTTP) stand where an attacker's host would, beside the real simulator,
// and must see no connection at all, whichever client is asked and with or without a client secret.

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
interface Stub {
  url: string;
  connections: number;
  authorizations: string[];
  server: Server;
}

async function listen(server: Server): Promise<Stub> {
  const stub: Stub = { url: "", connections: 0, authorizations: [], server };
  server.on("connection", () => stub.connections++);
  server.on("request", (req, res) => {
    if (req.headers.authorization) stub.authorizations.push(req.headers.authorization);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: "x", tables: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return stub;
}

let sim: Sim;
let https: Stub;
let http: Stub;
beforeAll(async () => {
  sim = await startTestSimulator({ port: 0, scenario: "demo" });
  const { certPath, keyPath } = await ensureSimCertificate(join(simDataDir(), "tls"));
  https = await listen(createHttpsServer({ cert: await readFile(certPath), key: await readFile(keyPath) }));
  https.url = `https://127.0.0.1:${(https.server.address() as AddressInfo).port}`;
  http = await listen(createHttpServer());
  http.url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sim.close();
  for (const stub of [https, http]) await new Promise((r) => stub.server.close(r));
});

const tokenAsked: string[] = [];
const recordingCredential: TokenCredential = {
  getToken: async (scope) => {
    tokenAsked.push(String(scope));
    return { token: "secret-token", expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

function accountAt(base: string, withSecret: boolean): ProviderAccount {
  const demo = catalogAccountOf(sim);
  return {
    id: "stub",
    cloud: "azure",
    name: "stub",
    settings: demo.settings,
    endpoints: { resourceManager: `${base}/arm`, authorityHost: `${base}/login`, logAnalytics: `${base}/la`, serviceBus: `${base}/sb` },
    credentials: withSecret ? demo.credentials : null,
  };
}

function refused(error: unknown): ProviderError {
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as ProviderError).providerCode).toBe("EndpointNotAllowed");
  return error as ProviderError;
}

describe("endpoints outside Azure's list receive nothing", () => {
  it.each([
    ["HTTPS stub, client secret", "https", true],
    ["HTTPS stub, managed identity", "https", false],
    ["HTTP stub, client secret", "http", true],
    ["HTTP stub, managed identity", "http", false],
  ] as const)("%s: the provider is refused before it exists", async (_name, which, withSecret) => {
    const stub = which === "https" ? https : http;
    const error = await Promise.resolve()
      .then(() => createAzureProvider(accountAt(stub.url, withSecret)).testConnection())
      .catch((e: unknown) => e);
    expect(refused(error).message).toMatch(/^The Resource Manager endpoint must /);
    expect(stub.connections).toBe(0);
  });

  it("the ARM client, the log reader and the Service Bus sender each refuse on their own, before a token is asked for", async () => {
    tokenAsked.length = 0;
    expect(() => createArmClient(recordingCredential, "sub", `${https.url}/arm`)).toThrow(/Resource Manager endpoint must/);
    const logs = await readExecutionLogs(
      { credential: recordingCredential, logAnalyticsEndpoint: `${https.url}/la`, workspaceId: "w", timeoutMs: 2_000 },
      ["job-1"],
      {},
      null,
    ).catch((e: unknown) => e);
    expect(refused(logs).message).toMatch(/^The Log Analytics endpoint must /);
    const context = { keyName: "send", key: "k", timeoutMs: 2_000 };
    const viaEndpoint = await sendQueueMessage({ ...context, endpoint: `${https.url}/sb` }, { namespace: "lab.servicebus.windows.net", queue: "q" }, "{}", "m1").catch((e: unknown) => e);
    expect(refused(viaEndpoint).message).toMatch(/^The Service Bus endpoint must /);
    // A job's scale rule naming any host as its namespace gets no signed request either.
    const host = new URL(https.url).host;
    const viaRule = await sendQueueMessage({ ...context, endpoint: null }, { namespace: host, queue: "q" }, "{}", "m2").catch((e: unknown) => e);
    refused(viaRule);
    expect(tokenAsked).toEqual([]);
    expect(https.connections).toBe(0);
    expect(https.authorizations).toEqual([]);
  });

  it("the ARM transport refuses a request (an operation's Location, say) to any other origin", async () => {
    const sent: string[] = [];
    const client = armOnlyHttpClient("https://management.azure.com", { sendRequest: async (request) => (sent.push(request.url), { status: 200, headers: {} as never, request }) });
    const { createPipelineRequest } = await import("@azure/core-rest-pipeline");
    const error = await client.sendRequest(createPipelineRequest({ url: `${https.url}/operations/1` })).catch((e: unknown) => e);
    expect(refused(error).message).toContain(new URL(https.url).host);
    await client.sendRequest(createPipelineRequest({ url: "https://management.azure.com/operations/1" }));
    expect(sent).toEqual(["https://management.azure.com/operations/1"]);
    expect(https.connections).toBe(0);
  });

  it("the simulator named by BATCHDECK_SIMULATOR_ORIGIN still works, and nothing else on loopback does", async () => {
    expect(process.env.BATCHDECK_SIMULATOR_ORIGIN).toBe(sim.url);
    const provider = createAzureProvider({ id: "sim", cloud: "azure", name: "sim", ...catalogAccountOf(sim) });
    expect((await provider.testConnection()).detail).toMatch(/Listed \d+ jobs/);
    const saved = process.env.BATCHDECK_SIMULATOR_ORIGIN;
    try {
      process.env.BATCHDECK_SIMULATOR_ORIGIN = https.url;
      const error = await Promise.resolve()
        .then(() => createAzureProvider({ id: "sim", cloud: "azure", name: "sim", ...catalogAccountOf(sim) }))
        .catch((e: unknown) => e);
      expect(refused(error).message).toContain(`or the simulator at ${https.url}`);
    } finally {
      process.env.BATCHDECK_SIMULATOR_ORIGIN = saved;
    }
  });
});

describe("Log Analytics answering 200 with something else", () => {
  it("is an error with the reason, not an empty page", async () => {
    // The stub plays the simulator here: only it may be reached, and it answers an HTML page.
    const page = createHttpsServer(
      { cert: await readFile(join(simDataDir(), "tls", "cert.pem")), key: await readFile(join(simDataDir(), "tls", "key.pem")) },
      (_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Sign in to the proxy</body></html>"),
    );
    await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
    const origin = `https://127.0.0.1:${(page.address() as AddressInfo).port}`;
    const saved = process.env.BATCHDECK_SIMULATOR_ORIGIN;
    process.env.BATCHDECK_SIMULATOR_ORIGIN = origin;
    try {
      const error = await readExecutionLogs({ credential: recordingCredential, logAnalyticsEndpoint: origin, workspaceId: "w", timeoutMs: 5_000 }, ["job-1"], {}, null).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).providerCode).toBe("UnexpectedResponse");
      expect((error as Error).message).toBe(
        "Azure Log Analytics answered HTTP 200 with not JSON (content type text/html), so the logs could not be read. Check the account's Log Analytics endpoint, then try again.",
      );
      expect((error as Error).message).not.toContain("Sign in to the proxy");
    } finally {
      process.env.BATCHDECK_SIMULATOR_ORIGIN = saved;
      await new Promise((r) => page.close(r));
    }
  });
});

describe("the add-account form", () => {
  it("refuses each bad endpoint in its own field, saying what is allowed", async () => {
    const { createAccountInput } = await import("../../../lib/services/accounts/create");
    const a = sim.azure.demoAccount;
    const base = { cloud: "azure", name: "x", tenantId: a.tenantId, subscriptionId: a.subscriptionId, resourceGroup: a.resourceGroup, readOnly: "" };
    for (const url of ["http://169.254.169.254", "file:///etc/passwd", "gopher://127.0.0.1:25/_x", "https://evil.example", "http://management.azure.com", `${https.url}/arm`]) {
      const result = createAccountInput.safeParse({ ...base, resourceManager: url, logAnalytics: url });
      expect(result.success, url).toBe(false);
      const fields = Object.fromEntries(result.error!.issues.map((i: { path: PropertyKey[]; message: string }) => [i.path[0], i.message]));
      expect(fields.resourceManager, url).toMatch(/^The Resource Manager endpoint must .*https:\/\/ on management\.azure\.com, management\.chinacloudapi\.cn, management\.usgovcloudapi\.net/);
      expect(fields.logAnalytics, url).toMatch(/^The Log Analytics endpoint must /);
    }
    expect(createAccountInput.safeParse({ ...base, resourceManager: "https://management.usgovcloudapi.net" }).success).toBe(true);
  });
});
