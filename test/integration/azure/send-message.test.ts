import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ctxOf, memberActor } from "@/test/support/service-context";
import type { Actor } from "@/lib/services/context";
import { useSimulatedCatalog } from "./simulated-catalog";

// "Send a message" to a Service Bus-triggered job (the demo's report-worker, seed 000), through the service
// and the Azure adapter against the simulator; then the sync matches the run it woke, by time.

// The simulator's clock starts at ours: the match compares when we sent with when the cloud started a run.
const catalog = await useSimulatedCatalog({ now: new Date() });
const { db } = await import("@/lib/db/client");
const { syncAccount } = await import("@/lib/sync/sync-account");
const { sendMessage } = await import("@/lib/services/jobs/send-message");
const { sendMessageInput, MAX_MESSAGE_BYTES } = await import("@/lib/services/jobs/schemas");
const { sentMessages } = await import("@/lib/queries/sent-messages");

let operator: Actor;
let viewer: Actor;
let jobId: string;

const key = () => randomBytes(16).toString("hex");
const queued = () => catalog.sim.azure.queueMessages(catalog.sim.azure.demoAccount.serviceBusNamespace, "reports");

beforeAll(async () => {
  await syncAccount(catalog.accountId);
  jobId = (await db().job.findFirstOrThrow({ where: { name: "report-worker" } })).id;
  operator = await memberActor("op@lab.test", "operator");
  viewer = await memberActor("viewer@lab.test", "viewer");
});

describe("sending a message to a queue-triggered job", () => {
  it("accepts JSON under the size limit only", () => {
    const base = { jobId: "j", requestKey: key() };
    expect(sendMessageInput.safeParse({ ...base, body: '{"batch": "no2"}' }).success).toBe(true);
    const issues = (body: string) => sendMessageInput.safeParse({ ...base, body }).error?.issues.map((i) => i.message);
    expect(issues("batch=no2")).toEqual(['The queue expects JSON: check the quotes and brackets, e.g. {"batch": "no2"}.']);
    expect(issues("   ")).toEqual(['Write the message the job should receive, as JSON, e.g. {"batch": "no2"}.', 'The queue expects JSON: check the quotes and brackets, e.g. {"batch": "no2"}.']);
    expect(issues(JSON.stringify({ pad: "x".repeat(MAX_MESSAGE_BYTES) }))).toEqual(["Keep the message under 64 KiB; larger inputs belong in storage the job reads."]);
  });

  it("refuses a viewer before anything reaches the queue", async () => {
    await expect(sendMessage(ctxOf(viewer, "job.send_message"), { jobId, body: "{}", requestKey: key() })).rejects.toMatchObject({ code: "forbidden" });
    expect(queued()).toEqual([]);
    expect(await db().actionRequest.count({ where: { action: "send_message" } })).toBe(0);
  });

  it("sends once per request key, audited, and the sync marks the run it woke as inferred, sent by the member", async () => {
    const input = sendMessageInput.parse({ jobId, body: '{"batch": "no3"}', requestKey: key() });
    // The simulator's clock stands still between steps; it is brought to ours, as a cloud's would be.
    catalog.sim.clock.set(new Date());
    const first = await sendMessage(ctxOf(operator, "job.send_message"), input);
    const again = await sendMessage(ctxOf(operator, "job.send_message"), input);
    expect(first.data.sent).toBe(true);
    expect(again.data).toEqual({ sent: false, sentAt: null });
    expect(again.message).toBe("Already sent: this click did not send the message again.");
    expect(queued().map((m) => [m.body, m.brokerProperties])).toEqual([['{"batch": "no3"}', { MessageId: input.requestKey }]]);

    const audit = await db().auditEvent.findMany({ where: { action: "job.send_message", targetId: jobId }, orderBy: { at: "asc" } });
    expect(audit.map((a) => [a.actorId, a.result, a.detail])).toEqual([
      [operator.id, "ok", { bytes: 16, requestKey: input.requestKey, sentAt: first.data.sentAt }],
      [operator.id, "ok", { bytes: 16, requestKey: input.requestKey, duplicate: true }],
    ]);
    const before = await db().execution.findMany({ where: { jobId }, select: { providerId: true } });

    // KEDA polls the queue every 30 s: the simulator starts one run for the message; the sync then matches it.
    catalog.sim.clock.advance(45);
    await syncAccount(catalog.accountId);
    const woken = await db().execution.findMany({ where: { jobId, providerId: { notIn: before.map((b) => b.providerId) } } });
    expect(woken).toHaveLength(1);
    const run = woken[0]!;
    expect({ triggeredBy: run.triggeredBy, triggerInferred: run.triggerInferred, actorId: run.actorId }).toEqual({ triggeredBy: "event", triggerInferred: true, actorId: operator.id });
    // Only that run: the demo's run that started before the message is not attributed to it.
    expect(await db().execution.count({ where: { jobId, triggerInferred: true } })).toBe(1);
    const request = await db().actionRequest.findUniqueOrThrow({ where: { key: input.requestKey } });
    expect({ state: request.state, executionProviderId: request.executionProviderId }).toEqual({ state: "succeeded", executionProviderId: run.providerId });

    // Another sync changes nothing; the job page lists the message with its run.
    await syncAccount(catalog.accountId);
    expect(await db().execution.count({ where: { jobId, triggerInferred: true } })).toBe(1);
    const shown = await sentMessages(viewer, jobId);
    expect(shown.map((m) => ({ by: m.by, state: m.state, run: m.run?.providerId, matching: m.matching }))).toEqual([
      { by: "op@lab.test", state: "sent", run: run.providerId, matching: false },
    ]);
  });

  it("refuses a job no queue wakes, without sending", async () => {
    const manual = await db().job.findFirstOrThrow({ where: { name: "nightly-etl" } });
    await expect(sendMessage(ctxOf(operator, "job.send_message"), { jobId: manual.id, body: "{}", requestKey: key() })).rejects.toMatchObject({
      code: "invalid",
      message: "nightly-etl is not woken by a queue message, so there is nowhere to send one. Start it with Run instead.",
    });
  });
});
