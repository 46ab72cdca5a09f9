import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, whileAdvancing, type Sim, type SimAccount } from "./harness";
import { createAzureProvider, type AzureProvider } from "../../../lib/providers/azure/provider";
import { accountFor } from "./harness";

let sim: Sim;
let account: SimAccount;
let provider: AzureProvider;
let job: { providerId: string; name: string };

beforeAll(async () => {
  ({ sim, account, provider } = await startHarness());
  const created = sim.azure.createJob({
    subscriptionId: account.subscriptionId,
    resourceGroup: account.resourceGroup,
    name: "report",
    triggerType: "Manual",
    image: "lab/report:1.0.0",
    env: { BATCH: "no1", MODE: "full" },
    cpu: 0.5,
    memory: "1Gi",
    durationSeconds: 600,
  });
  job = { providerId: created.id, name: created.name };
});

afterAll(async () => {
  await sim?.close();
});

const armRequests = (method: string, pathPart: string) =>
  sim.requests(account.subscriptionId).filter((r) => r.method === method && r.path.includes(pathPart));

describe("Azure adapter ↔ simulator: actions", () => {
  it("starting twice with the same key makes one execution", async () => {
    const first = await provider.startExecution({ job, overrides: { BATCH: "no2" }, requestKey: "req-twice" });
    const second = await provider.startExecution({ job, overrides: { BATCH: "no2" }, requestKey: "req-twice" });
    expect(first.alreadyStarted).toBe(false);
    expect(second).toEqual({ providerId: first.providerId, alreadyStarted: true });
    const mine = (await provider.listExecutions(null, null)).items.filter((e) => e.requestKey === "req-twice");
    expect(mine.map((e) => e.providerId)).toEqual([first.providerId]);
    // Exactly these: the CONTAINER_APP_JOB_NAME Azure adds to every run is no override.
    expect({ triggeredBy: mine[0]!.triggeredBy, overrides: mine[0]!.overrides }).toEqual({ triggeredBy: "user", overrides: { BATCH: "no2", BATCHDECK_REQUEST: "req-twice" } });
    expect(armRequests("POST", "/jobs/report/start")).toHaveLength(1);
  });

  it("a retry after a timeout finds the run Azure started without telling us", async () => {
    // As if our first start reached Azure but the answer was lost: the run carries the key.
    const lost = sim.azure.startExecution(account.subscriptionId, account.resourceGroup, "report", { BATCH: "no1", MODE: "full", BATCHDECK_REQUEST: "req-lost" });
    const startsBefore = armRequests("POST", "/jobs/report/start").length;
    const retried = await provider.startExecution({ job, overrides: {}, requestKey: "req-lost" });
    expect(retried).toEqual({ providerId: lost.name, alreadyStarted: true });
    expect(armRequests("POST", "/jobs/report/start")).toHaveLength(startsBefore);
  });

  it("sends the whole template with the changed env on start", async () => {
    await provider.startExecution({ job, overrides: { BATCH: "no3" }, requestKey: "req-template" });
    const body = armRequests("POST", "/jobs/report/start").at(-1)!.body as { containers: { image: string; resources: unknown; env: { name: string; value?: string }[] }[] };
    expect(body.containers[0]).toMatchObject({ image: "lab/report:1.0.0", resources: { cpu: 0.5, memory: "1Gi" } });
    expect(body.containers[0]!.env).toEqual(
      expect.arrayContaining([
        { name: "BATCH", value: "no3" },
        { name: "MODE", value: "full" },
        { name: "BATCHDECK_REQUEST", value: "req-template" },
      ]),
    );
  });

  it("follows a start Azure answers with 202 + Location past the per-call deadline, under the LRO deadline", async () => {
    const slow = sim.azure.createJob({ subscriptionId: account.subscriptionId, resourceGroup: account.resourceGroup, name: "slow-start", triggerType: "Manual", image: "lab/slow:1.0.0", startAccepted: true });
    // Per-call deadline 300 ms; the operation takes 6–12 s on the simulated clock, ~1.2 s of real time here.
    const strict = createAzureProvider(accountFor(sim, account, { timeoutMs: 300 }), { lroPollIntervalMs: 20, lroTimeoutMs: 20_000 });
    const started = await whileAdvancing(sim, 0.25, strict.startExecution({ job: { providerId: slow.id, name: slow.name }, overrides: {}, requestKey: "req-accepted" }));
    expect(started.alreadyStarted).toBe(false);
    expect(started.providerId).toMatch(/^slow-start-[a-z0-9]{7}$/);
    const post = armRequests("POST", "/jobs/slow-start/start");
    expect(post.map((r) => [r.status, r.responseHeaders["retry-after"]])).toEqual([[202, "5"]]);
    const polls = sim.requests(account.subscriptionId).filter((r) => r.seq > post[0]!.seq && /operationresults/i.test(r.path));
    expect(polls.at(-1)!.status).toBe(200);
    expect(polls.length).toBeGreaterThan(2);
  });

  it("a start whose answer is lost, and not yet listed, is OutcomeUnknown: never a failure", async () => {
    const strict = createAzureProvider(accountFor(sim, account, { timeoutMs: 300 }), { lroPollIntervalMs: 20, lroTimeoutMs: 20_000 });
    // Azure starts the run but answers after the deadline; the look-up that follows fails too.
    sim.faults.add({ account: account.subscriptionId, kind: "latency", answerLate: true, latencyMs: 800, method: "POST", pathContains: "/jobs/report/start", count: 1 });
    sim.faults.add({ account: account.subscriptionId, kind: "error5xx", status: 503, method: "GET", pathContains: "/jobs/report/executions", after: 1, count: 1 });
    const error = await strict.startExecution({ job, overrides: {}, requestKey: "req-unknown" }).catch((e: unknown) => e);
    sim.faults.clear(account.subscriptionId);
    expect(error).toMatchObject({ kind: "unreachable", providerCode: "OutcomeUnknown" });
    expect((error as Error).message).toBe("Azure did not answer the start of report in time, so Batchdeck cannot tell whether Azure accepted it.");
    // It did start: the next listing finds exactly one run carrying the key.
    const mine = (await provider.listExecutions(null, null)).items.filter((e) => e.requestKey === "req-unknown");
    expect(mine).toHaveLength(1);
  });

  it("stops an execution", async () => {
    const { providerId } = await provider.startExecution({ job, overrides: {}, requestKey: "req-stop" });
    await whileAdvancing(sim, 1, provider.stopExecution(job, providerId));
    const stopped = (await provider.listExecutions(null, null)).items.find((e) => e.providerId === providerId);
    expect(stopped?.status).toBe("stopped");
  });

  it("redeploys: the PATCH is polled to completion and the next execution runs the new image", async () => {
    await whileAdvancing(sim, 5, provider.redeploy(job, "lab/report:1.1.0"));
    const patches = armRequests("PATCH", "/jobs/report");
    expect(patches).toHaveLength(1);
    expect(patches[0]!.status).toBe(202);
    // The 202's Location was followed until the operation answered 200.
    const polls = sim.requests(account.subscriptionId).filter((r) => r.seq > patches[0]!.seq && r.method === "GET" && /OperationResults|operationResults|operationStatuses/.test(r.path));
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls.at(-1)!.status).toBe(200);
    const jobs = await provider.listJobs();
    expect(jobs.find((j) => j.name === "report")?.image).toBe("lab/report:1.1.0");
    const { providerId } = await provider.startExecution({ job, overrides: {}, requestKey: "req-after-redeploy" });
    const execution = (await provider.listExecutions(null, null)).items.find((e) => e.providerId === providerId);
    expect(execution?.image).toBe("lab/report:1.1.0");
  });
});
