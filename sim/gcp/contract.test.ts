import { createBackoffSettings } from "google-gax";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestLogEntry } from "../core/requestLog";
import type { Simulator } from "../server";
import { startTestSimulator } from "../testing";
import { validateDiscovery, type DiscoveryDoc } from "./discovery";
import { googleSpecs } from "./specs";
import { assertionFor, gcpClients } from "./testClients";

// Every answer the simulator gave while the real clients (and plain HTTP, which gets enum names) used
// every operation — successes and errors — validated against Google's discovery documents.

const specs = googleSpecs();
let sim: Simulator;
const project = "batchdeck-lab";
const parent = `projects/${project}/locations/asia-northeast1`;
const CANONICAL = ["INVALID_ARGUMENT", "FAILED_PRECONDITION", "UNAUTHENTICATED", "PERMISSION_DENIED", "NOT_FOUND", "RESOURCE_EXHAUSTED", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE"];

beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(() => sim.close());

function schemaOf(e: RequestLogEntry): [DiscoveryDoc, string] | null {
  const p = e.path;
  if (e.service === "logging") return [specs.logging, "ListLogEntriesResponse"];
  if (e.service === "scheduler") return [specs.scheduler, /\/jobs$/.test(p) ? "ListJobsResponse" : "Job"];
  if (e.service !== "run") return null;
  if (/:(run|cancel)$/.test(p) || /\/operations\//.test(p) || e.method === "PATCH") return [specs.run, "GoogleLongrunningOperation"];
  const table: [RegExp, string][] = [
    [/\/jobs$/, "GoogleCloudRunV2ListJobsResponse"], [/\/jobs\/[^/]+$/, "GoogleCloudRunV2Job"],
    [/\/executions$/, "GoogleCloudRunV2ListExecutionsResponse"], [/\/executions\/[^/]+$/, "GoogleCloudRunV2Execution"],
    [/\/tasks$/, "GoogleCloudRunV2ListTasksResponse"], [/\/tasks\/[^/]+$/, "GoogleCloudRunV2Task"],
    [/\/services$/, "GoogleCloudRunV2ListServicesResponse"], [/\/services\/[^/]+$/, "GoogleCloudRunV2Service"],
  ];
  const hit = table.find(([re]) => re.test(p));
  return hit ? [specs.run, hit[1]] : null;
}

function errorProblems(body: unknown, status: number): string[] {
  const error = (body as { error?: Record<string, unknown> })?.error;
  if (!error) return ["no error object"];
  const out: string[] = [];
  if (Object.keys(error).sort().join() !== "code,details,message,status") out.push(`fields ${Object.keys(error).join()}`);
  if (error.code !== status) out.push(`code ${String(error.code)} != HTTP ${status}`);
  if (typeof error.message !== "string" || error.message === "") out.push("no message");
  if (!CANONICAL.includes(String(error.status))) out.push(`status ${String(error.status)}`);
  for (const d of (error.details as Record<string, unknown>[]) ?? []) {
    if (d["@type"] === "type.googleapis.com/google.rpc.RetryInfo" && !/^\d+s$/.test(String(d.retryDelay))) out.push("RetryInfo without retryDelay");
    else if (d["@type"] === "type.googleapis.com/google.rpc.ErrorInfo" && (typeof d.reason !== "string" || typeof d.domain !== "string")) out.push("ErrorInfo without reason/domain");
    else if (!["type.googleapis.com/google.rpc.RetryInfo", "type.googleapis.com/google.rpc.ErrorInfo"].includes(String(d["@type"]))) out.push(`detail ${String(d["@type"])}`);
  }
  return out;
}

describe("every Google answer of the simulator matches the discovery documents", () => {
  it("validates the answers to every operation, success and error", async () => {
    const key = sim.gcp.demoAccount.key;
    const c = gcpClients(sim.gcp.endpoints, key);
    const fast = { longrunning: createBackoffSettings(50, 1, 50, null, null, null, 20_000) };
    await c.jobs.listJobs({ parent });
    await c.jobs.getJob({ name: `${parent}/jobs/lab-batch` });
    const [execs] = await c.executions.listExecutions({ parent: `${parent}/jobs/-`, pageSize: 30 }, { autoPaginate: false });
    await c.executions.getExecution({ name: execs[0]!.name! });
    const [tasks] = await c.tasks.listTasks({ parent: execs[0]!.name! });
    await c.tasks.getTask({ name: tasks[0]!.name! });
    await c.tasks.listTasks({ parent: execs[5]!.name! });
    const [op] = await c.jobs.runJob({ name: `${parent}/jobs/lab-batch`, overrides: { containerOverrides: [{ env: [{ name: "SIM_DURATION_SECONDS", value: "5" }] }], taskCount: 2 } }, fast);
    sim.clock.advance(30);
    await op.promise();
    const [long] = await c.jobs.runJob({ name: `${parent}/jobs/lab-batch`, overrides: { containerOverrides: [{ env: [{ name: "SIM_DURATION_SECONDS", value: "900" }] }] } });
    sim.clock.advance(10);
    await c.executions.cancelExecution({ name: (long.metadata as { name: string }).name });
    const [job] = await c.jobs.getJob({ name: `${parent}/jobs/lab-batch` });
    const [update] = await c.jobs.updateJob({ job }, fast);
    sim.clock.advance(15);
    await update.promise();
    await c.services.listServices({ parent });
    await c.services.getService({ name: `${parent}/services/account-service` });
    const sj = `${parent}/jobs/lab-batch-no2`;
    await c.scheduler.listJobs({ parent });
    await c.scheduler.getJob({ name: sj });
    await c.scheduler.pauseJob({ name: sj });
    await c.scheduler.resumeJob({ name: sj });
    await c.scheduler.runJob({ name: sj });
    await c.scheduler.updateJob({ job: { name: sj, description: "nightly" }, updateMask: { paths: ["description"] } });
    const now = sim.clock.now().toISOString();
    await c.logging.getEntries({ filter: `(resource.type="cloud_run_job" OR resource.type="cloud_run_revision") AND timestamp <= "${now}"`, pageSize: 200, autoPaginate: false });
    // Plain HTTP with an access token from /token: enum names instead of numbers.
    const token = await (await fetch(key.token_uri, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: assertionFor(key) }) })).json() as { access_token: string };
    const get = (path: string, init: RequestInit = {}) => fetch(`${sim.url}${path}`, { ...init, headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" } });
    for (const path of [`/v2/${parent}/jobs/lab-batch`, `/v2/${execs[1]!.name!}`, `/v2/${parent}/jobs/lab-batch/executions`, `/v2/${parent}/services`, `/v1/${sj}`]) expect((await get(path)).status).toBe(200);
    expect((await get("/v2/entries:list", { method: "POST", body: JSON.stringify({ resourceNames: [`projects/${project}`], filter: `resource.type="cloud_run_job" AND severity>=ERROR`, pageSize: 5 }) })).status).toBe(200);
    // Errors.
    expect((await get(`/v2/${parent}/jobs/missing`)).status).toBe(404);
    expect((await get(`/v2/${parent}/workerPools`)).status).toBe(501);
    expect((await fetch(`${sim.url}/v2/${parent}/jobs`)).status).toBe(401);
    expect((await get("/v2/entries:list", { method: "POST", body: JSON.stringify({ resourceNames: [`projects/${project}`], filter: "logName:foo" }) })).status).toBe(400);
    expect((await get(`/v2/${parent}/jobs/lab-batch:run`, { method: "POST", body: JSON.stringify({ overrides: { tasks: 2 } }) })).status).toBe(400);
    sim.gcp.setLogQuota(project, 0);
    expect((await get("/v2/entries:list", { method: "POST", body: JSON.stringify({ resourceNames: [`projects/${project}`] }) })).status).toBe(429);
    const other = sim.gcp.createProject({ projectId: "other-lab" });
    await expect(gcpClients(sim.gcp.endpoints, other.key).jobs.getJob({ name: `${parent}/jobs/lab-batch` })).rejects.toMatchObject({ status: 403 });

    const answers = sim.requests().filter((e) => e.service !== "oauth2");
    expect(new Set(answers.map((e) => e.status))).toEqual(new Set([200, 400, 401, 403, 404, 429, 501]));
    const problems = answers.flatMap((e) => {
      const where = `${e.method} ${e.service} ${e.path} → ${e.status}`;
      if (e.status !== 200) return errorProblems(e.responseBody, e.status).map((p) => `${where}: ${p}`);
      const schema = schemaOf(e);
      if (!schema) return [`${where}: no schema for this answer`];
      return validateDiscovery(schema[0], schema[1], e.responseBody, { ...specs.options, numericEnums: /enum-encoding=int/.test(e.query.$alt ?? "") }).map((p) => `${where}: ${p}`);
    });
    expect(problems).toEqual([]);
    expect(answers.filter((e) => e.status === 200 && e.query.$alt === undefined).length).toBeGreaterThanOrEqual(6);
    // About thirty calls through the clients: on a busy 2-core machine that outlasts the default 30 s.
  }, 120_000);
});
