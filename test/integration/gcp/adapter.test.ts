import { generateKeyPairSync } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { batchFromEnv } from "@/lib/providers/batch";
import { createGcpProvider } from "@/lib/providers/gcp/provider";
import type { ProviderExecution } from "@/lib/providers/types";
import { completionMs } from "../../../sim/gcp/executions";
import { whileAdvancing } from "../azure/harness";
import { gcpAccountOf, startGcpHarness } from "./harness";

// The production Google adapter against the simulator's seed-002 project: every operation, through the
// real clients over REST, with tokens from the simulator's OAuth endpoint.

const h = await startGcpHarness();
const { sim, provider } = h;
const project = sim.gcp.demoAccount.projectId;
const JOB = `projects/${project}/locations/asia-northeast1/jobs/lab-batch`;
afterEach(() => sim.faults.clear());
afterAll(() => sim.close());

async function allExecutions(): Promise<ProviderExecution[]> {
  const items: ProviderExecution[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const page = await provider.listExecutions(null, cursor);
    items.push(...page.items);
    cursor = page.cursor;
    if (cursor === null) return items;
  }
  throw new Error("listExecutions did not end within 50 pages");
}

const requests = (service: string) => sim.requests().filter((r) => r.service === service);

describe("Google adapter on the simulator", () => {
  it("loads seed 002 as one job with two schedule triggers, one service, and runs of two batches", async () => {
    const jobs = await provider.listJobs();
    expect(jobs.map((j) => ({ name: j.name, kind: j.kind, triggers: j.triggers.map((t) => [t.expression, t.timeZone, t.batch, t.enabled]) }))).toEqual([
      { name: "lab-batch", kind: "job", triggers: [["0 */6 * * *", "Asia/Tokyo", "no1", true], ["30 2 * * *", "Asia/Tokyo", "no2", true]] },
      { name: "account-service", kind: "service", triggers: [] },
    ]);
    const executions = await allExecutions();
    expect(executions.length).toBe(sim.gcp.executions(project).length);
    expect(new Set(executions.map((e) => batchFromEnv(e.env)))).toEqual(new Set(["no1", "no2"]));
    // What is going depends on the hour (the no1 schedule fires every 6 hours in Tokyo): compare with the
    // simulator's own view; the demo always has one no2 run going.
    const nowMs = sim.clock.now().getTime();
    const going = sim.gcp.executions(project).filter((e) => completionMs(e, nowMs) === undefined).map((e) => e.env.find((v) => v.name === "BATCH")?.value);
    expect(going).toContain("no2");
    expect(executions.filter((e) => e.status === "running" || e.status === "queued").map((e) => batchFromEnv(e.env)).sort()).toEqual(going.sort());
    expect((await provider.testConnection()).detail).toBe(`Listed 1 Cloud Run job in project ${project} (asia-northeast1)`);
  }, 60_000);

  it("a batch's logs are filtered by Logging itself: only that batch's lines come back", async () => {
    const no2 = (await allExecutions()).filter((e) => batchFromEnv(e.env) === "no2").slice(0, 3).map((e) => e.providerId);
    const before = requests("logging").length;
    const page = await provider.readLogs(no2, { since: new Date(Date.now() - 30 * 86_400_000) }, null);
    expect(page.items.length).toBeGreaterThan(0);
    expect(new Set(page.items.map((l) => l.executionProviderId))).toEqual(new Set(no2));
    const sent = requests("logging").slice(before);
    expect(sent.length).toBe(1);
    const filter = (sent[0]!.body as { filter: string }).filter;
    for (const id of no2) expect(filter).toContain(`labels."run.googleapis.com/execution_name"="${id.split("/").at(-1)}"`);
    expect(filter).toMatch(/timestamp>="[^"]+" AND timestamp<="[^"]+"/);
  });

  it("a second start with the same request key finds the first run instead of starting another", async () => {
    const request = { job: { providerId: JOB, name: "lab-batch" }, overrides: { BATCH: "no2" }, requestKey: "req-double-click" };
    const first = await provider.startExecution(request);
    const second = await provider.startExecution(request);
    expect(first.alreadyStarted).toBe(false);
    expect(second).toEqual({ providerId: first.providerId, alreadyStarted: true });
    const carrying = sim.gcp.executions(project).filter((e) => JSON.stringify(e).includes("req-double-click"));
    expect(carrying.length).toBe(1);
    const listed = (await allExecutions()).find((e) => e.providerId === first.providerId);
    expect(listed && { batch: batchFromEnv(listed.env), requestKey: listed.requestKey, overrides: listed.overrides, triggeredBy: listed.triggeredBy }).toEqual({
      batch: "no2",
      requestKey: "req-double-click",
      overrides: { BATCH: "no2", BATCHDECK_REQUEST: "req-double-click" },
      triggeredBy: "user",
    });
  }, 60_000);

  it("stops a running execution", async () => {
    const started = await provider.startExecution({ job: { providerId: JOB, name: "lab-batch" }, overrides: { SIM_DURATION_SECONDS: "600" }, requestKey: "req-stop" });
    await whileAdvancing(sim, 5, provider.stopExecution({ providerId: JOB, name: "lab-batch" }, started.providerId));
    const stopped = (await allExecutions()).find((e) => e.providerId === started.providerId);
    expect(stopped?.status).toBe("stopped");
  }, 60_000);

  it("redeploys the job's image, and the next run uses it", async () => {
    const image = "asia-northeast1-docker.pkg.dev/batchdeck-lab/lab/lab-batch:2.4.0";
    await whileAdvancing(sim, 5, provider.redeploy({ providerId: JOB, name: "lab-batch" }, image));
    expect((await provider.listJobs()).find((j) => j.name === "lab-batch")?.image).toBe(image);
    const next = await provider.startExecution({ job: { providerId: JOB, name: "lab-batch" }, overrides: { BATCH: "no1" }, requestKey: "req-after-redeploy" });
    expect((await allExecutions()).find((e) => e.providerId === next.providerId)?.image).toBe(image);
  }, 60_000);

  it("counts a service's requests per day as the simulator's request log has them", async () => {
    const truth = sim.gcp.requestCounts(project, "account-service");
    const [day, count] = Object.entries(truth).sort()[1]!;
    expect(count).toBeGreaterThan(0);
    const from = new Date(`${day}T00:00:00.000Z`);
    const to = new Date(from.getTime() + 86_400_000 - 1);
    expect(await provider.countServiceRequests(`projects/${project}/locations/asia-northeast1/services/account-service`, from, to)).toBe(count);
  }, 60_000);
});

describe("Google failures map to the kinds every cloud shares", () => {
  it("a key Google does not know (wrong key) is bad credentials naming what to fix, and nothing else is called", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const real = JSON.parse((gcpAccountOf(sim).credentials as { serviceAccountKey: string }).serviceAccountKey) as Record<string, string>;
    const forged = JSON.stringify({ ...real, private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString() });
    const before = requests("run").length;
    const error = await createGcpProvider(gcpAccountOf(sim, { serviceAccountKey: forged, timeoutMs: 20_000 })).listJobs().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "bad_credentials", providerCode: "invalid_grant" });
    expect((error as Error).message).toMatch(/^Google refused the service-account key of .+ create a new JSON key/);
    expect(requests("run").length).toBe(before);
  });

  it("a revoked key is bad credentials", async () => {
    const key = sim.gcp.issueKey(project);
    const account = gcpAccountOf(sim, { serviceAccountKey: JSON.stringify(key), timeoutMs: 20_000 });
    expect((await createGcpProvider(account).listJobs()).length).toBe(2);
    sim.gcp.revokeKey(key.private_key_id);
    await expect(createGcpProvider(account).listJobs()).rejects.toMatchObject({ kind: "bad_credentials" });
  });

  it("Logging's read quota (429) is throttled with Google's retry delay", async () => {
    sim.faults.add({ account: project, kind: "throttle", retryAfterSeconds: 17 });
    const error = await provider.readLogs([`${JOB}/executions/x`], {}, null).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "throttled", retryAfterSeconds: 17 });
  });

  it("a hung endpoint is unreachable at the call's deadline", async () => {
    sim.faults.add({ account: project, kind: "hang" });
    const started = Date.now();
    const error = await createGcpProvider(gcpAccountOf(sim, { timeoutMs: 800 })).listJobs().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "unreachable", providerCode: "Timeout" });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
