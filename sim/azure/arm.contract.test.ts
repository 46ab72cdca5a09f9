import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenApiDocument, formatIssues, type Operation } from "../../test/contract/openapi";
import { AZURE_SPECS, specFile } from "../../test/contract/specs";
import type { RequestLogEntry } from "../core/requestLog";
import type { Simulator } from "../server";
import { startTestSimulator } from "../testing";
import { bearerFetch, fetchToken } from "./testClients";

// Every ARM and Log Analytics answer the simulator gives — successes and errors — validates against
// the response schema of its operation in the official definitions (Jobs.json 2025-07-01,
// OperationalInsights.json v1). The tour below drives each operation the adapter uses; the check then
// walks the simulator's own request log, so no answer escapes validation.

const jobs = new OpenApiDocument(specFile(AZURE_SPECS.jobs));
const logAnalytics = new OpenApiDocument(specFile(AZURE_SPECS.logAnalytics));
const V = "api-version=2025-07-01";

const USED_OPERATIONS = [
  "Jobs_ListBySubscription", "Jobs_ListByResourceGroup", "Jobs_Get", "Jobs_Update", "Jobs_Start",
  "Jobs_StopExecution", "Jobs_StopMultipleExecutions", "JobsExecutions_List", "JobExecution",
  "Query_Post", "Query_Get",
];

let sim: Simulator;

beforeAll(async () => {
  sim = await startTestSimulator();
  await tour(sim);
});
afterAll(() => sim.close());

async function tour(sim: Simulator): Promise<void> {
  const a = sim.azure.demoAccount;
  const arm = sim.azure.endpoints.resourceManager;
  const token = await fetchToken(sim.azure.endpoints.authorityHost, a, `${arm}/.default`);
  const la = await fetchToken(sim.azure.endpoints.authorityHost, a, "https://api.loganalytics.io/.default");
  const sub = `${arm}/subscriptions/${a.subscriptionId}`;
  const rg = `${sub}/resourceGroups/${a.resourceGroup}/providers/Microsoft.App/jobs`;
  const call = (url: string, method = "GET", body?: unknown) => bearerFetch(url, token, method, body).then(async (r) => ({ r, text: await r.text() }));

  await call(`${sub}/providers/Microsoft.App/jobs?${V}`);
  await call(`${rg}?${V}`);
  await call(`${rg}/nightly-etl?${V}`);
  await call(`${rg}/report-worker/executions?${V}`);
  await call(`${rg}/report-worker/executions?${V}&$filter=${encodeURIComponent("status eq 'Running'")}`);
  const started = JSON.parse((await call(`${rg}/nightly-etl/start?${V}`, "POST", {
    containers: [{ name: "nightly-etl", image: "batchdeckdemo.azurecr.io/nightly-etl:2.0.1", env: [{ name: "BATCH", value: "no2" }], resources: { cpu: 1, memory: "2Gi" } }],
  })).text) as { name: string };
  await call(`${rg}/nightly-etl/start?${V}`, "POST");
  await call(`${rg}/nightly-etl/executions/${started.name}?${V}`);
  await call(`${rg}/nightly-etl/executions/${started.name}/stop?${V}`, "POST");
  await call(`${rg}/nightly-etl/executions/${started.name}?${V}`);
  await call(`${rg}/nightly-etl/stop?${V}`, "POST");
  const patched = await call(`${rg}/report-worker?${V}`, "PATCH", { properties: { template: { containers: [{ name: "report-worker", image: "batchdeckdemo.azurecr.io/report-worker:1.5.0" }] } } });
  const location = patched.r.headers.get("location")!;
  await call(location);
  sim.clock.advance(12); // real operations take 6–12 s
  await call(location);

  // Errors, each in ARM's DefaultErrorResponse shape.
  await call(`${rg}/no-such-job?${V}`);
  await call(`${rg}/nightly-etl/executions/nightly-etl-zzzzzzz?${V}`);
  await call(`${rg}/nightly-etl?api-version=2099-01-01`);
  await call(`${rg}/nightly-etl`);
  await call(`${rg}/nightly-etl/start?${V}`, "POST", "{not json");
  await call(`${rg}/nightly-etl/start?${V}`, "POST", { containers: [{ name: "x" }] });
  await call(`${rg}/nightly-etl?${V}`, "PATCH", { properties: { template: { containers: "nope" } } });
  await call(`${arm}/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/x/providers/Microsoft.App/jobs?${V}`);
  await call(`${sub}/resourceGroups/no-such-group/providers/Microsoft.App/jobs?${V}`);
  await bearerFetch(`${rg}?${V}`, "not-a-token").then((r) => r.text());
  await fetch(`${rg}?${V}`).then((r) => r.text());
  sim.faults.add({ account: a.subscriptionId, kind: "throttle", retryAfterSeconds: 2, count: 1 });
  await call(`${rg}?${V}`);
  sim.faults.add({ account: a.subscriptionId, kind: "error5xx", status: 503, count: 1 });
  await call(`${rg}?${V}`);

  // Log Analytics: results, and its own error shape.
  const q = `${sim.azure.endpoints.logAnalytics}/v1/workspaces/${a.logAnalyticsWorkspaceId}/query`;
  const laCall = (body: unknown) => bearerFetch(q, la, "POST", body).then((r) => r.text());
  await laCall({ query: `ContainerAppConsoleLogs_CL | where ContainerGroupName_s startswith "${started.name}" | project TimeGenerated, ContainerGroupName_s, Stream_s, Log_s | order by TimeGenerated asc | take 50` });
  await laCall({ query: "ContainerAppConsoleLogs_CL | take 5", timespan: "P7D" });
  await bearerFetch(`${q}?query=${encodeURIComponent("ContainerAppConsoleLogs_CL | take 1")}`, la).then((r) => r.text());
  await laCall({ query: "ContainerAppConsoleLogs_CL | summarize count() by Stream_s" });
  await laCall({ query: "ContainerAppConsoleLogs_CL | where (" });
  await laCall({ query: "Heartbeat | take 1" });
  await laCall({});
  await bearerFetch(q, token, "POST", { query: "ContainerAppConsoleLogs_CL | take 1" }).then((r) => r.text()); // ARM token: wrong audience
  await bearerFetch(`${sim.azure.endpoints.logAnalytics}/v1/workspaces/00000000-0000-0000-0000-000000000000/query`, la, "POST", { query: "ContainerAppConsoleLogs_CL" }).then((r) => r.text());
  // Another tenant's service principal: ARM says wrong tenant (401), Log Analytics says no access (403).
  const other = sim.azure.createAccount();
  const otherArm = await fetchToken(sim.azure.endpoints.authorityHost, other, "https://management.azure.com/.default");
  const otherLa = await fetchToken(sim.azure.endpoints.authorityHost, other, "https://api.loganalytics.io/.default");
  await bearerFetch(`${rg}?${V}`, otherArm).then((r) => r.text());
  await bearerFetch(q, otherLa, "POST", { query: "ContainerAppConsoleLogs_CL | take 1" }).then((r) => r.text());
  sim.faults.add({ account: a.subscriptionId, kind: "throttle", count: 1 });
  await laCall({ query: "ContainerAppConsoleLogs_CL | take 1" });
}

/**
 * Nulls real ARM sends where Jobs.json declares no x-nullable (recorded sessions, issue #7): the
 * simulator sends them too, so the adapter meets what production meets. Only these are let through.
 */
const AZURE_SENDS_NULL = /\.properties\.(configuration\.(secrets|registries|scheduleTriggerConfig|eventTriggerConfig)|template\.(initContainers|volumes))$/;
const isAzureNull = (issue: { path: string; message: string }) => issue.message.startsWith("null is not allowed") && AZURE_SENDS_NULL.test(issue.path);

function operationFor(entry: RequestLogEntry): { doc: OpenApiDocument; op: Operation } | null {
  if (entry.service === "loganalytics") {
    const op = logAnalytics.match(entry.method, entry.path);
    return op ? { doc: logAnalytics, op } : null;
  }
  // The PATCH's Location (operation results) answers for Jobs_Update: 202 while running, then the Job.
  if (/\/containerappsjoboperationresults\//i.test(entry.path)) return { doc: jobs, op: jobs.operation("Jobs_Update") };
  const op = jobs.match(entry.method, entry.path);
  return op ? { doc: jobs, op } : null;
}

describe("simulator responses match the official Azure definitions", () => {
  it("validates every ARM and Log Analytics answer against its operation's response schema", () => {
    const entries = sim.requests().filter((e) => e.service === "arm" || e.service === "loganalytics");
    expect(entries.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const entry of entries) {
      const found = operationFor(entry);
      if (!found) {
        failures.push(`${entry.method} ${entry.path}: no operation in the definitions`);
        continue;
      }
      const issues = found.doc.validateResponse(found.op.operationId, entry.status, entry.responseBody ?? undefined, entry.responseHeaders).filter((i) => !isAzureNull(i));
      if (issues.length) failures.push(`${found.op.operationId} ${entry.status} ${entry.method} ${entry.path}\n${formatIssues(issues)}`);
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });

  it("sends Azure's explicit nulls on jobs, and regions by their display names", () => {
    const got = sim.requests().find((e) => e.service === "arm" && e.method === "GET" && /\/jobs\/nightly-etl$/i.test(e.path) && e.status === 200)!;
    const job = got.responseBody as { location: string; properties: { configuration: Record<string, unknown>; template: Record<string, unknown> } };
    expect(job.location).toEqual("Japan East");
    const { secrets, registries, eventTriggerConfig } = job.properties.configuration;
    expect({ secrets, registries, eventTriggerConfig }).toEqual({ secrets: null, registries: null, eventTriggerConfig: null });
    expect({ initContainers: job.properties.template.initContainers, volumes: job.properties.template.volumes }).toEqual({ initContainers: null, volumes: null });
  });

  it("covered every operation the adapter uses, with successes and errors", () => {
    const entries = sim.requests().filter((e) => e.service === "arm" || e.service === "loganalytics");
    const seen = new Map<string, Set<number>>();
    for (const entry of entries) {
      const id = operationFor(entry)?.op.operationId;
      if (id) seen.set(id, (seen.get(id) ?? new Set()).add(entry.status));
    }
    for (const id of USED_OPERATIONS) expect(seen.has(id), id).toBe(true);
    const statuses = new Set(entries.map((e) => e.status));
    for (const status of [200, 202, 400, 401, 403, 404, 429, 503]) expect(statuses.has(status), String(status)).toBe(true);
  });
});
