import { ContainerAppsAPIClient } from "@azure/arm-appcontainers";
import { AuthenticationRequiredError, ClientSecretCredential } from "@azure/identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../server";
import { startTestSimulator } from "../testing";
import { sasToken } from "./testClients";

// The real vendor SDKs (the ones lib/providers/azure uses) against the simulator: proves the
// endpoint layout, the token flow and the LRO handling work with production code paths.

let sim: Simulator;
let client: ContainerAppsAPIClient;
let credential: ClientSecretCredential;

beforeAll(async () => {
  sim = await startTestSimulator();
  const a = sim.azure.demoAccount;
  credential = new ClientSecretCredential(a.tenantId, a.clientId, a.clientSecret, {
    authorityHost: sim.azure.endpoints.authorityHost,
    disableInstanceDiscovery: true,
  });
  client = new ContainerAppsAPIClient(credential, a.subscriptionId, { endpoint: sim.azure.endpoints.resourceManager });
});
afterAll(() => sim.close());

describe("Azure SDKs against the simulator", () => {
  it("lists the demo jobs by resource group and by subscription", async () => {
    const a = sim.azure.demoAccount;
    const byGroup = [];
    for await (const job of client.jobs.listByResourceGroup(a.resourceGroup)) byGroup.push(job);
    expect(byGroup.map((j) => j.name).sort()).toEqual(["nightly-etl", "report-worker"]);
    const etl = byGroup.find((j) => j.name === "nightly-etl")!;
    expect(etl.configuration?.triggerType).toBe("Schedule");
    expect(etl.configuration?.scheduleTriggerConfig?.cronExpression).toBe("0 */6 * * *");
    const worker = byGroup.find((j) => j.name === "report-worker")!;
    expect(worker.configuration?.eventTriggerConfig?.scale?.rules?.[0]?.type).toBe("azure-servicebus");
    const bySub = [];
    for await (const job of client.jobs.listBySubscription()) bySub.push(job);
    expect(bySub).toHaveLength(2);
  });

  it("lists at most 100 executions, newest first, with two batches and some failures", async () => {
    const a = sim.azure.demoAccount;
    const runs = [];
    for await (const run of client.jobsExecutions.list(a.resourceGroup, "report-worker")) runs.push(run);
    expect(runs.length).toBeGreaterThan(20);
    expect(runs.length).toBeLessThanOrEqual(100);
    const batches = new Set(runs.map((r) => r.template?.containers?.[0]?.env?.find((e) => e.name === "BATCH")?.value));
    expect([...batches].sort()).toEqual(["no1", "no2"]);
    expect(runs.some((r) => r.status === "Failed")).toBe(true);
    expect(runs[0]!.status).toBe("Running");
    expect(runs[0]!.endTime).toBeUndefined();
  });

  it("starts with a template override, runs to completion on the clock, and stops", async () => {
    const a = sim.azure.demoAccount;
    const job = await client.jobs.get(a.resourceGroup, "nightly-etl");
    const container = { ...job.template!.containers![0]!, env: [{ name: "BATCH", value: "no2" }, { name: "SIM_DURATION_SECONDS", value: "60" }] };
    const started = await client.jobs.beginStartAndWait(a.resourceGroup, "nightly-etl", { template: { containers: [container] } });
    expect(started.name).toMatch(/^nightly-etl-[a-z0-9]{7}$/);
    let run = await client.jobExecution(a.resourceGroup, "nightly-etl", started.name!);
    expect(run.status).toBe("Running");
    const env = Object.fromEntries(run.template!.containers![0]!.env!.map((e) => [e.name, e.value]));
    expect(env).toEqual({ BATCH: "no2", SIM_DURATION_SECONDS: "60", CONTAINER_APP_JOB_NAME: "nightly-etl" });
    sim.clock.advance(61);
    run = await client.jobExecution(a.resourceGroup, "nightly-etl", started.name!);
    expect(run.status).toMatch(/^(Succeeded|Failed)$/);
    expect(run.endTime).toBeInstanceOf(Date);

    const second = await client.jobs.beginStartAndWait(a.resourceGroup, "nightly-etl");
    await client.jobs.beginStopExecutionAndWait(a.resourceGroup, "nightly-etl", second.name!);
    expect((await client.jobExecution(a.resourceGroup, "nightly-etl", second.name!)).status).toBe("Stopped");
  });

  it("redeploys with PATCH (202 + Location polled to 200) and later runs use the new image", async () => {
    const a = sim.azure.demoAccount;
    const job = await client.jobs.get(a.resourceGroup, "report-worker");
    const containers = job.template!.containers!.map((c) => ({ ...c, image: "batchdeckdemo.azurecr.io/report-worker:1.5.0" }));
    const poller = await client.jobs.beginUpdate(a.resourceGroup, "report-worker", { properties: { template: { containers } } });
    await poller.poll();
    expect(poller.isDone()).toBe(false); // InProgress until 6–12 s have passed on the simulated clock
    sim.clock.advance(12);
    const updated = await poller.pollUntilDone();
    expect(updated.template?.containers?.[0]?.image).toBe("batchdeckdemo.azurecr.io/report-worker:1.5.0");
    const run = await client.jobs.beginStartAndWait(a.resourceGroup, "report-worker");
    const got = await client.jobExecution(a.resourceGroup, "report-worker", run.name!);
    expect(got.template?.containers?.[0]?.image).toBe("batchdeckdemo.azurecr.io/report-worker:1.5.0");
    const patches = sim.requests(a.subscriptionId).filter((r) => r.method === "PATCH");
    expect(patches.map((r) => r.status)).toEqual([202]);
    const polls = sim.requests(a.subscriptionId).filter((r) => /operationresults/i.test(r.path));
    expect(polls.at(-1)!.status).toBe(200);
    expect(polls.slice(0, -1).map((r) => [r.status, r.responseHeaders["retry-after"]])).toEqual(polls.slice(0, -1).map(() => [202, "5"]));
    expect(polls.length).toBeGreaterThan(1);
  });

  // @azure/identity 4.13 routes the token call through MSAL Node, whose ServerError it rethrows as
  // AuthenticationRequiredError (msal/utils.js handleMsalError) with Entra's text in the message —
  // not AuthenticationError. That is the SDK's behaviour against real Entra too.
  it("rejects a wrong client secret with AADSTS7000215 invalid_client", async () => {
    const a = sim.azure.demoAccount;
    const bad = new ClientSecretCredential(a.tenantId, a.clientId, "wrong-secret", {
      authorityHost: sim.azure.endpoints.authorityHost,
      disableInstanceDiscovery: true,
    });
    const error = await bad.getToken("https://management.azure.com/.default").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationRequiredError);
    expect((error as Error).message).toMatch(/^invalid_client: .*AADSTS7000215: Invalid client secret provided/s);
  });

  it("queries Log Analytics with a bearer token and sends to Service Bus with SAS", async () => {
    const a = sim.azure.demoAccount;
    const token = await credential.getToken("https://api.loganalytics.io/.default");
    const res = await fetch(`${sim.azure.endpoints.logAnalytics}/v1/workspaces/${a.logAnalyticsWorkspaceId}/query`, {
      method: "POST",
      headers: { authorization: `Bearer ${token.token}`, "content-type": "application/json" },
      body: JSON.stringify({ query: "ContainerAppConsoleLogs_CL | where ContainerGroupName_s startswith \"report-worker\" | take 3" }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { tables: { rows: string[][] }[] };
    expect(body.tables[0]!.rows).toHaveLength(3);

    const url = `${sim.azure.endpoints.serviceBus}/reports/messages`;
    const sent = await fetch(url, {
      method: "POST",
      headers: { authorization: sasToken(`https://${a.serviceBusNamespace}/reports`, a.serviceBusKeyName, a.serviceBusKey), "content-type": "application/json" },
      body: JSON.stringify({ report: "weekly" }),
    });
    expect(sent.status).toBe(201);
  });
});
