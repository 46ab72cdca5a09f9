import { createBackoffSettings } from "google-gax";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../server";
import { startTestSimulator } from "../testing";
import { gcpClients } from "./testClients";

// The real Google clients (the ones lib/providers/gcp uses: @google-cloud/run v2, @google-cloud/scheduler,
// @google-cloud/logging) against the simulator, with the service-account key JSON unchanged.

let sim: Simulator;
let c: ReturnType<typeof gcpClients>;
const parent = "projects/batchdeck-lab/locations/asia-northeast1";
const jobName = `${parent}/jobs/lab-batch`;
/** Poll operations every 50 ms (the clients' default waits seconds of real time between polls). */
const fastPolling = { longrunning: createBackoffSettings(50, 1, 50, null, null, null, 20_000) };

beforeAll(async () => {
  sim = await startTestSimulator();
  c = gcpClients(sim.gcp.endpoints, sim.gcp.demoAccount.key);
});
afterAll(() => sim.close());

describe("Cloud Run Admin v2 clients against the simulator", () => {
  it("lists and gets the demo job, with int enums decoded by the client", async () => {
    const [jobs] = await c.jobs.listJobs({ parent });
    expect(jobs.map((j) => j.name)).toEqual([jobName]);
    const [job] = await c.jobs.getJob({ name: jobName });
    expect(job.template?.template?.containers?.[0]?.image).toBe("asia-northeast1-docker.pkg.dev/batchdeck-lab/lab/lab-batch:2.3.0");
    expect(job.terminalCondition?.state).toBe("CONDITION_SUCCEEDED");
    expect(job.launchStage).toBe("GA");
    const asked = sim.requests("batchdeck-lab").find((r) => r.path === `/${jobName}`);
    expect(asked?.query.$alt).toBe("json;enum-encoding=int");
    expect((asked?.responseBody as { launchStage: unknown }).launchStage).toBe(4);
  });

  it("lists executions across jobs (jobs/-) page by page, newest first, with task counts", async () => {
    const all = [];
    for await (const ex of c.executions.listExecutionsAsync({ parent: `${parent}/jobs/-`, pageSize: 20 })) all.push(ex);
    expect(all.length).toBe(sim.gcp.executions("batchdeck-lab").length);
    expect(all.length).toBeGreaterThan(100);
    expect(sim.requests("batchdeck-lab").filter((r) => r.path === `/${parent}/jobs/-/executions`).length).toBe(Math.ceil(all.length / 20));
    expect(all[0]?.runningCount).toBe(1);
    expect(all[0]?.completionTime).toBeNull();
    const failed = all.find((e) => e.failedCount === 1);
    expect(failed?.conditions?.find((k) => k.type === "Completed")).toMatchObject({ state: "CONDITION_FAILED", executionReason: "NON_ZERO_EXIT_CODE" });
    const batches = new Set(all.map((e) => e.template?.containers?.[0]?.env?.find((v) => v.name === "BATCH")?.value));
    expect([...batches].sort()).toEqual(["no1", "no2"]);
  });

  it("runs the job with env overrides and follows the operation to the finished execution", async () => {
    const [op] = await c.jobs.runJob({ name: jobName, overrides: { containerOverrides: [{ env: [{ name: "BATCH", value: "no2" }, { name: "SIM_DURATION_SECONDS", value: "30" }] }] } }, fastPolling);
    expect(op.done).toBe(false);
    const started = op.metadata as { name?: string };
    expect(started.name).toMatch(new RegExp(`^${jobName}/executions/lab-batch-[a-z0-9]{5}$`));
    const waiting = op.promise();
    await new Promise((r) => setTimeout(r, 200));
    sim.clock.advance(60);
    const [execution] = await waiting;
    expect(execution.name).toBe(started.name);
    expect(execution.succeededCount).toBe(1);
    expect(execution.template?.containers?.[0]?.env).toEqual([{ name: "LOG_LEVEL", value: "info" }, { name: "BATCH", value: "no2" }, { name: "SIM_DURATION_SECONDS", value: "30" }]);
    expect(sim.requests("batchdeck-lab").filter((r) => r.path.startsWith(`/${parent}/operations/`)).length).toBeGreaterThanOrEqual(2);
  });

  it("lists and gets an execution's tasks with their exit codes", async () => {
    const [op] = await c.jobs.runJob({ name: jobName, overrides: { taskCount: 2, containerOverrides: [{ env: [{ name: "SIM_DURATION_SECONDS", value: "10" }, { name: "SIM_EXIT_CODE", value: "3" }] }] } });
    const name = (op.metadata as { name: string }).name;
    sim.clock.advance(30);
    const [tasks] = await c.tasks.listTasks({ parent: name });
    expect(tasks.map((t) => [t.name, t.index, t.lastAttemptResult?.exitCode])).toEqual([[`${name}/tasks/${name.split("/").at(-1)}-task0`, 0, 3], [`${name}/tasks/${name.split("/").at(-1)}-task1`, 1, 3]]);
    const [task] = await c.tasks.getTask({ name: tasks[1]!.name! });
    expect(task.conditions?.[0]?.state).toBe("CONDITION_FAILED");
    const [execution] = await c.executions.getExecution({ name });
    expect([execution.taskCount, execution.failedCount]).toEqual([2, 2]);
  });

  it("cancels a running execution", async () => {
    const [op] = await c.jobs.runJob({ name: jobName, overrides: { containerOverrides: [{ env: [{ name: "SIM_DURATION_SECONDS", value: "600" }] }] } });
    const name = (op.metadata as { name: string }).name;
    sim.clock.advance(20);
    const [cancel] = await c.executions.cancelExecution({ name });
    const [cancelled] = await cancel.promise();
    expect(cancelled.cancelledCount).toBe(1);
    const [got] = await c.executions.getExecution({ name });
    expect(got.conditions?.find((k) => k.type === "Completed")).toMatchObject({ state: "CONDITION_FAILED", executionReason: "CANCELLED" });
    expect(got.completionTime).not.toBeNull();
  });

  it("updates the job's image through an operation that takes seconds", async () => {
    const [job] = await c.jobs.getJob({ name: jobName });
    job.template!.template!.containers![0]!.image = "asia-northeast1-docker.pkg.dev/batchdeck-lab/lab/lab-batch:2.4.0";
    const [op] = await c.jobs.updateJob({ job }, fastPolling);
    const waiting = op.promise();
    await new Promise((r) => setTimeout(r, 300));
    expect((await c.jobs.getJob({ name: jobName }))[0].reconciling).toBe(true);
    sim.clock.advance(15);
    const [updated] = await waiting;
    expect(String(updated.generation)).toBe("2");
    expect(updated.template?.template?.containers?.[0]?.image).toBe("asia-northeast1-docker.pkg.dev/batchdeck-lab/lab/lab-batch:2.4.0");
    expect((await c.jobs.getJob({ name: jobName }))[0].reconciling).toBe(false);
  });

  it("lists and gets the Cloud Run service", async () => {
    const [services] = await c.services.listServices({ parent });
    expect(services.map((s) => s.name)).toEqual([`${parent}/services/account-service`]);
    const [service] = await c.services.getService({ name: `${parent}/services/account-service` });
    expect(service.ingress).toBe("INGRESS_TRAFFIC_ALL");
    expect(service.uri).toMatch(/^https:\/\/account-service-/);
  });

  it("answers NOT_FOUND for an unknown job, in Google's error shape", async () => {
    const error = await c.jobs.getJob({ name: `${parent}/jobs/nope` }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404 });
    const logged = sim.requests("batchdeck-lab").at(-1);
    expect(logged?.status).toBe(404);
    expect(logged?.responseBody).toEqual({ error: { code: 404, status: "NOT_FOUND", message: "Resource 'nope' of kind 'JOB' in region 'asia-northeast1' in project 'batchdeck-lab' does not exist.", details: [] } });
  });

  it("authenticated every call with self-signed JWTs from the key, never through the token endpoint", () => {
    // google-auth-library ignores the key's token_uri, and the generated clients self-sign (README: Credentials).
    expect(sim.requests().filter((r) => r.service === "oauth2")).toEqual([]);
    expect(sim.requests("batchdeck-lab").every((r) => r.status !== 401)).toBe(true);
  });
});
