import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../server";
import { startTestSimulator } from "../testing";
import { gcpClients } from "./testClients";

// @google-cloud/scheduler and @google-cloud/logging against the simulator, and the clients' key handling.

let sim: Simulator;
let c: ReturnType<typeof gcpClients>;
const project = "batchdeck-lab";
const parent = `projects/${project}/locations/asia-northeast1`;

beforeAll(async () => {
  sim = await startTestSimulator();
  c = gcpClients(sim.gcp.endpoints, sim.gcp.demoAccount.key);
});
afterAll(() => sim.close());

const bodyOf = (b: unknown) => JSON.parse(Buffer.from(b as Uint8Array).toString("utf8")) as unknown;

describe("Cloud Scheduler v1 client against the simulator", () => {
  it("lists the two triggers with their cron, time zone and the batch in the body's overrides", async () => {
    const [jobs] = await c.scheduler.listJobs({ parent });
    expect(jobs.map((j) => [j.name, j.schedule, j.timeZone, j.state])).toEqual([
      [`${parent}/jobs/lab-batch-no1`, "0 */6 * * *", "Asia/Tokyo", "ENABLED"],
      [`${parent}/jobs/lab-batch-no2`, "30 2 * * *", "Asia/Tokyo", "ENABLED"],
    ]);
    expect(jobs[1]?.httpTarget?.uri).toBe(`https://run.googleapis.com/v2/${parent}/jobs/lab-batch:run`);
    expect(jobs[1]?.httpTarget?.httpMethod).toBe("POST");
    expect(bodyOf(jobs[1]?.httpTarget?.body)).toEqual({ overrides: { containerOverrides: [{ env: [{ name: "BATCH", value: "no2" }] }] } });
  });

  it("pauses, resumes and updates a trigger; a paused one does not fire", async () => {
    const name = `${parent}/jobs/lab-batch-no1`;
    const [paused] = await c.scheduler.pauseJob({ name });
    expect(paused.state).toBe("PAUSED");
    const pausedAt = sim.clock.now().getTime();
    sim.clock.advance(7 * 3600);
    const batchesSince = (ms: number) => sim.gcp.executions(project).filter((e) => e.createMs > ms).map((e) => e.env.find((v) => v.name === "BATCH")?.value);
    // Seven hours hold at least one six-hourly no1 instant; only the nightly no2 may have fired.
    expect(batchesSince(pausedAt).filter((b) => b === "no1")).toEqual([]);
    const [resumed] = await c.scheduler.resumeJob({ name });
    expect(resumed.state).toBe("ENABLED");
    const [updated] = await c.scheduler.updateJob({ job: { name, schedule: "*/10 * * * *", timeZone: "America/New_York" }, updateMask: { paths: ["schedule", "time_zone"] } });
    expect([updated.schedule, updated.timeZone]).toEqual(["*/10 * * * *", "America/New_York"]);
    const start = sim.gcp.executions(project).length;
    sim.clock.advance(30 * 60);
    const fired = sim.gcp.executions(project).slice(start);
    expect(fired.map((e) => e.env.find((v) => v.name === "BATCH")?.value)).toEqual(["no1", "no1", "no1"]);
  });

  it("fires on the cron in the job's own time zone", async () => {
    sim.gcp.createJob({ projectId: project, name: "tz-probe", durationSeconds: 5 });
    sim.gcp.createSchedulerJob({ projectId: project, name: "tz-probe-9am", job: "tz-probe", schedule: "0 9 * * *", timeZone: "Asia/Tokyo", env: { BATCH: "tz" } });
    sim.clock.advance(2 * 86_400);
    const runs = sim.gcp.executions(project).filter((e) => e.job === "tz-probe");
    // 09:00 in Tokyo is 00:00 UTC.
    expect(runs.map((e) => new Date(e.createMs).toISOString().slice(11, 16))).toEqual(["00:00", "00:00"]);
  });
});

describe("Cloud Logging client against the simulator", () => {
  const timeRange = () => {
    const now = sim.clock.now().getTime();
    return `timestamp >= "${new Date(now - 3 * 86_400_000).toISOString()}" AND timestamp <= "${new Date(now).toISOString()}"`;
  };

  it("reads one execution's lines with the adapter's filter, paged, and the filter ran on the server", async () => {
    const ex = sim.gcp.executions(project).filter((e) => e.job === "lab-batch").at(-2)!;
    const filter = `resource.type="cloud_run_job" AND resource.labels.job_name="lab-batch" AND labels."run.googleapis.com/execution_name"="${ex.name}" AND ${timeRange()}`;
    const [first, next] = await c.logging.getEntries({ filter, orderBy: "timestamp asc", pageSize: 3, autoPaginate: false });
    expect(first.map((e) => e.metadata.labels?.["run.googleapis.com/execution_name"])).toEqual([ex.name, ex.name, ex.name]);
    expect(String(first[0]?.data)).toMatch(/^Starting task 0 of 1 batch=no[12]/);
    const [second] = await c.logging.getEntries({ filter, orderBy: "timestamp asc", pageSize: 3, pageToken: next?.pageToken ?? undefined, autoPaginate: false });
    expect(second.length).toBe(1);
    const sent = sim.requests(project).filter((r) => r.service === "logging").at(-1);
    expect((sent?.body as { filter: string }).filter).toBe(filter);
    expect((sent?.body as { pageToken?: string }).pageToken).toBeTruthy();
  });

  it("counts a service's requests from its request logs", async () => {
    const filter = `resource.type="cloud_run_revision" AND resource.labels.service_name="account-service" AND ${timeRange()}`;
    const [entries] = await c.logging.getEntries({ filter, pageSize: 1000 });
    const perDay: Record<string, number> = {};
    for (const e of entries) {
      expect(e.metadata.httpRequest?.requestMethod).toMatch(/^(GET|POST)$/);
      const day = new Date(e.metadata.timestamp as string).toISOString().slice(0, 10);
      perDay[day] = (perDay[day] ?? 0) + 1;
    }
    const truth = sim.gcp.requestCounts(project, "account-service");
    // The first day is cut by the time range; every whole day matches the simulator's ground truth.
    const days = Object.keys(perDay).sort().slice(1);
    expect(days.length).toBeGreaterThanOrEqual(2);
    for (const day of days) expect(perDay[day]).toBe(truth[day]);
  });

  it("rejects a filter outside the subset with INVALID_ARGUMENT", async () => {
    const error = await c.logging.getEntries({ filter: `jsonPayload.level="x" AND ${timeRange()}` }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    const answer = sim.requests(project).at(-1)?.responseBody as { error: { status: string; message: string } };
    expect(answer.error.status).toBe("INVALID_ARGUMENT");
    expect(answer.error.message).toMatch(/jsonPayload\.level/);
  });

  it("answers 429 RESOURCE_EXHAUSTED with a retry delay when the per-minute read quota is spent", async () => {
    sim.gcp.setLogQuota(project, 2);
    sim.clock.advance(61);
    const read = () => c.logging.getEntries({ filter: `resource.type="cloud_run_job" AND ${timeRange()}`, pageSize: 1, autoPaginate: false, gaxOptions: { retry: { retryCodes: [] } } });
    await read();
    sim.clock.advance(10);
    await read();
    const error = await read().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429 });
    const last = sim.requests(project).at(-1)!;
    expect(last.responseHeaders["retry-after"]).toBe("50");
    expect((last.responseBody as { error: { status: string; details: unknown[] } }).error.details).toContainEqual({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "50s" });
    sim.clock.advance(50);
    await expect(read()).resolves.toBeDefined();
    sim.gcp.setLogQuota(project, 60);
  });
});

describe("service-account keys with the clients", () => {
  it("fails with 401 UNAUTHENTICATED once the key is revoked, and with a key Google never issued", async () => {
    const key = sim.gcp.issueKey(project);
    const own = gcpClients(sim.gcp.endpoints, key);
    await expect(own.jobs.listJobs({ parent })).resolves.toBeDefined();
    sim.gcp.revokeKey(key.private_key_id);
    await expect(gcpClients(sim.gcp.endpoints, key).jobs.listJobs({ parent })).rejects.toMatchObject({ status: 401 });
    const answer = sim.requests(project).at(-1)?.responseBody as { error: { code: number; status: string } };
    expect([answer.error.code, answer.error.status]).toEqual([401, "UNAUTHENTICATED"]);
    const forged = { ...sim.gcp.demoAccount.key, private_key: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
    await expect(gcpClients(sim.gcp.endpoints, forged).jobs.listJobs({ parent })).rejects.toMatchObject({ status: 401 });
  });

  it("answers 403 PERMISSION_DENIED for another project's resources", async () => {
    const other = sim.gcp.createProject({ projectId: "someone-else" });
    await expect(gcpClients(sim.gcp.endpoints, other.key).jobs.listJobs({ parent })).rejects.toMatchObject({ status: 403 });
    expect((sim.requests(project).at(-1)?.responseBody as { error: { message: string } }).error.message).toBe(`Permission 'run.jobs.list' denied on resource '${parent}' (or it may not exist).`);
  });
});
