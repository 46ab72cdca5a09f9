import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchTriggeredExecution } from "../../../lib/providers/azure/servicebus";
import { startHarness, type Sim, type SimAccount } from "./harness";
import type { AzureProvider } from "../../../lib/providers/azure/provider";

let sim: Sim;
let account: SimAccount;
let provider: AzureProvider;
let job: { providerId: string; name: string };

beforeAll(async () => {
  ({ sim, account, provider } = await startHarness());
  const created = sim.azure.createJob({
    subscriptionId: account.subscriptionId,
    resourceGroup: account.resourceGroup,
    name: "orders",
    triggerType: "Event",
    queueName: "orders",
    image: "lab/orders:1.0.0",
    durationSeconds: 20,
  });
  job = { providerId: created.id, name: created.name };
});

afterAll(async () => {
  await sim?.close();
});

describe("Azure adapter ↔ simulator: Service Bus trigger", () => {
  it("sends a message and infers the execution it caused", async () => {
    const result = await provider.sendTriggerMessage(job, JSON.stringify({ batch: "no1" }), "req-sb-1");
    expect(result).toMatchObject({ executionProviderId: null, inferred: true });
    expect(sim.azure.queueMessages(account.serviceBusNamespace, "orders")).toHaveLength(1);

    sim.clock.advance(60); // KEDA polls the queue (every 30 s by default) and starts an execution
    const { items } = await provider.listExecutions(null, null);
    const ofJob = items.filter((e) => e.jobProviderId === job.providerId);
    expect(ofJob).toHaveLength(1);
    const matched = matchTriggeredExecution({ sentAt: result.sentAt, jobProviderId: job.providerId, executions: items, claimedExecutionIds: [] });
    expect(matched?.providerId).toBe(ofJob[0]!.providerId);
    expect(matched?.triggeredBy).toBe("event");
    // Once claimed by this click, a second click can't take it.
    expect(matchTriggeredExecution({ sentAt: result.sentAt, jobProviderId: job.providerId, executions: items, claimedExecutionIds: [matched!.providerId] })).toBeNull();
  });

  it("a wrong Service Bus key is bad_credentials", async () => {
    const { createAzureProvider } = await import("../../../lib/providers/azure/provider");
    const { accountFor } = await import("./harness");
    const base = accountFor(sim, account);
    const wrong = createAzureProvider({ ...base, credentials: { ...(base.credentials as object), serviceBusKey: "wrong-key" } });
    await expect(wrong.sendTriggerMessage!(job, "{}", "req-sb-2")).rejects.toMatchObject({ kind: "bad_credentials" });
  });
});
