import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAzureProvider } from "../../../lib/providers/azure/provider";
import { ProviderError } from "../../../lib/providers/errors";
import { accountFor, startHarness, type Sim, type SimAccount } from "./harness";
import type { AzureProvider } from "../../../lib/providers/azure/provider";

let sim: Sim;
let account: SimAccount;
let provider: AzureProvider;

beforeAll(async () => {
  ({ sim, account, provider } = await startHarness());
  const scope = { subscriptionId: account.subscriptionId, resourceGroup: account.resourceGroup };
  sim.azure.createJob({ ...scope, name: "nightly", triggerType: "Schedule", cronExpression: "0 3 * * *", image: "lab/nightly:1.0.0", env: { BATCH: "no1" } });
  sim.azure.createJob({ ...scope, name: "orders", triggerType: "Event", queueName: "orders", image: "lab/orders:1.0.0" });
});

afterAll(async () => {
  await sim?.close();
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("Azure adapter ↔ simulator: reading", () => {
  it("testConnection lists the jobs", async () => {
    await expect(provider.testConnection()).resolves.toEqual({ ok: true, detail: `Listed 2 jobs in resource group ${account.resourceGroup}` });
  });

  it("lists jobs with their triggers and batch", async () => {
    const jobs = (await provider.listJobs()).sort((a, b) => a.name.localeCompare(b.name));
    expect(jobs.map((j) => [j.name, j.image, j.triggers.map((t) => [t.kind, t.expression, t.batch])])).toEqual([
      ["nightly", "lab/nightly:1.0.0", [["schedule", "0 3 * * *", "no1"]]],
      ["orders", "lab/orders:1.0.0", [["event", "azure-servicebus: queue orders", null]]],
    ]);
  });

  it("lists executions the cloud started on its own, as triggered by the schedule", async () => {
    const started = sim.azure.startExecution(account.subscriptionId, account.resourceGroup, "nightly");
    const page = await provider.listExecutions(null, null);
    const execution = page.items.find((e) => e.providerId === started.name);
    expect(execution).toMatchObject({ status: expect.stringMatching(/queued|running/), triggeredBy: "trigger", requestKey: null });
    expect(page.cursor).toBeNull();
    const future = await provider.listExecutions(new Date(sim.clock.now().getTime() + 3_600_000), null);
    // A run still going is always included, whatever `since` says.
    expect(future.items.map((e) => e.providerId)).toContain(started.name);
  });
});

describe("Azure adapter ↔ simulator: failures", () => {
  it("a 429 with Retry-After: 2 is throttled with retry-after 2 s", async () => {
    sim.faults.add({ account: account.subscriptionId, kind: "throttle", retryAfterSeconds: 2, count: 1 });
    const error = await failure(provider.listJobs());
    expect(error.kind).toBe("throttled");
    expect(error.retryAfterSeconds).toBe(2);
    // Not retried silently: the next call goes through at once.
    await expect(provider.listJobs()).resolves.toHaveLength(2);
  });

  it("a hang is unreachable within 7 s", async () => {
    sim.faults.add({ account: account.subscriptionId, kind: "hang", count: 1 });
    const started = Date.now();
    const error = await failure(provider.listJobs());
    const elapsed = Date.now() - started;
    expect(error.kind).toBe("unreachable");
    expect(error.message).toMatch(/did not answer within 5 s/);
    expect(elapsed).toBeGreaterThanOrEqual(4_900);
    expect(elapsed).toBeLessThan(7_000);
    sim.faults.clear(account.subscriptionId);
  }, 15_000);

  it("a wrong client secret is bad_credentials", async () => {
    const wrong = createAzureProvider(accountFor(sim, account, { clientSecret: "not-the-secret" }));
    const error = await failure(wrong.testConnection());
    expect(error.kind).toBe("bad_credentials");
    expect(error.message).toMatch(/client secret/i);
  });

  it("an unknown resource group is not_found", async () => {
    const other = createAzureProvider({ ...accountFor(sim, account), settings: { ...accountFor(sim, account).settings as object, resourceGroup: "no-such-rg" } });
    const error = await failure(other.listJobs());
    expect(error.kind).toBe("not_found");
  });
});
