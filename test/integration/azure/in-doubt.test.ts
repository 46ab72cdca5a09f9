import { randomBytes } from "node:crypto";
import { ctxOf } from "@/test/support/service-context";
import { beforeAll, describe, expect, it } from "vitest";
import { useSimulatedCatalog } from "./simulated-catalog";
import type { Actor } from "../../../lib/services/context";

// Actions whose answer was lost: through the services, the catalog and the production adapter against
// the simulator, which carries the action out but answers after the 5 s per-call deadline. They end in
// doubt (never failed), and the next sync settles them from what Azure lists.

const catalog = await useSimulatedCatalog();
const { db } = await import("@/lib/db/client");
const { syncAccount } = await import("@/lib/sync/sync-account");
const { providerFor } = await import("@/lib/catalog/provider-account");
const { startRun } = await import("@/lib/services/executions/start");
const { startInput } = await import("@/lib/services/executions/schemas");
const { claimActionRequest } = await import("@/lib/services/executions/action-request");
const { settleInDoubtActions, IN_DOUBT_BOUND_MS } = await import("@/lib/services/executions/in-doubt");
const { redeployJob } = await import("@/lib/services/jobs/redeploy");
const { redeployInput } = await import("@/lib/services/jobs/schemas");

let operator: Actor;
let jobId: string;

const sim = () => catalog.sim;
const subscription = () => sim().azure.demoAccount.subscriptionId;
const startRequests = () => sim().requests(subscription()).filter((r) => r.method === "POST" && r.path.endsWith("/jobs/nightly-etl/start"));
const requestKey = () => randomBytes(16).toString("hex");
/** Longer than the default per-call deadline (5 s): the cloud acts, its answer comes too late. */
const LATE_MS = 6_500;

beforeAll(async () => {
  await syncAccount(catalog.accountId);
  jobId = (await db().job.findFirstOrThrow({ where: { name: "nightly-etl" } })).id;
  const user = await db().user.create({ data: { email: "doubt@lab.test", role: "admin" } });
  operator = { id: user.id, email: user.email, role: "admin" };
});

describe("actions whose outcome is unknown", () => {
  it("two parallel retries of one failed request key give exactly one claim", async () => {
    const key = requestKey();
    const claim = { key, action: "start" as const, actorId: operator.id, accountId: catalog.accountId, jobId, params: {} };
    const first = await claimActionRequest(claim);
    await db().actionRequest.update({ where: { key }, data: { state: "failed", error: "HTTP 503" } });
    const retries = await Promise.all([claimActionRequest(claim), claimActionRequest(claim), claimActionRequest(claim), claimActionRequest(claim)]);
    expect(retries.filter((r) => r.fresh)).toEqual([{ fresh: true, id: first.fresh ? first.id : "" }]);
    expect(retries.filter((r) => !r.fresh)).toEqual([0, 1, 2].map(() => ({ fresh: false, state: "in_progress", executionProviderId: null })));
    expect(await db().actionRequest.findUniqueOrThrow({ where: { key } })).toMatchObject({ state: "in_progress", attempts: 2, error: null });
  });

  it("a start Azure accepted but answered too late ends in doubt, then succeeded after the next sync, with one run", async () => {
    const input = startInput.parse({ jobId, requestKey: requestKey(), batch: "no2", env: "API_TOKEN=s3cret" });
    const before = startRequests().length;
    sim().faults.add({ account: subscription(), kind: "latency", answerLate: true, latencyMs: LATE_MS, method: "POST", pathContains: "/jobs/nightly-etl/start", count: 1 });
    // The look-up after the lost answer fails too, so the run is not known yet.
    sim().faults.add({ account: subscription(), kind: "error5xx", status: 503, method: "GET", pathContains: "/jobs/nightly-etl/executions", after: 1, count: 1 });
    const outcome = await startRun(ctxOf(operator), input);
    sim().faults.clear();

    expect(outcome.data).toEqual({ executionProviderId: null, started: false, inDoubt: true });
    expect(outcome.message).toBe(
      `nightly-etl may have started: the cloud did not answer in time. The next sync looks for the run carrying request key ${input.requestKey} and shows it here; don't click Start again.`,
    );
    // Audited in the transaction that recorded the doubt, with the secret-looking value hidden.
    const audited = await db().auditEvent.findFirstOrThrow({ where: { action: "test.call", targetId: jobId }, orderBy: { at: "desc" } });
    expect(audited.detail).toEqual({ overrides: { BATCH: "no2", API_TOKEN: "[redacted]" }, requestKey: input.requestKey, outcome: "in_doubt", reason: expect.any(String) });
    expect(await db().actionRequest.findUniqueOrThrow({ where: { key: input.requestKey } })).toMatchObject({ state: "in_doubt" });
    // Clicking again with the same key starts nothing and says the same.
    const again = await startRun(ctxOf(operator), input);
    expect(again.data).toEqual({ executionProviderId: null, started: false, inDoubt: true });
    expect(startRequests().length - before).toBe(1);

    const report = await syncAccount(catalog.accountId);
    expect(report.settled).toBe(1);
    const settled = await db().actionRequest.findUniqueOrThrow({ where: { key: input.requestKey } });
    const runs = await db().execution.findMany({ where: { accountId: catalog.accountId, requestKey: input.requestKey } });
    expect(runs.map((r) => ({ providerId: r.providerId, actorId: r.actorId, batch: r.batch, overrides: r.overrides }))).toEqual([
      { providerId: settled.executionProviderId, actorId: operator.id, batch: "no2", overrides: { BATCH: "no2", API_TOKEN: "[redacted]", BATCHDECK_REQUEST: input.requestKey } },
    ]);
    expect(settled).toMatchObject({ state: "succeeded", error: null });
    const inCloud = (await providerFor((await db().cloudAccount.findUniqueOrThrow({ where: { id: catalog.accountId } }))).listExecutions(null, null)).items.filter((e) => e.requestKey === input.requestKey);
    expect(inCloud.map((e) => e.providerId)).toEqual([settled.executionProviderId]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "execution.start", detail: { path: ["requestKey"], equals: input.requestKey } } });
    expect(audit).toMatchObject({ result: "ok", actorId: null, detail: { settledBy: "sync", outcome: "succeeded", requestedBy: operator.id, execution: settled.executionProviderId } });
  });

  it("a start that stays unlisted fails only after the bounded wait", async () => {
    const key = requestKey();
    await db().actionRequest.create({ data: { key, action: "start", state: "in_doubt", actorId: operator.id, accountId: catalog.accountId, jobId, params: {} } });
    const { updatedAt } = await db().actionRequest.findUniqueOrThrow({ where: { key } });
    expect(await settleInDoubtActions(catalog.accountId, new Date(updatedAt.getTime() + IN_DOUBT_BOUND_MS - 1_000))).toBe(0);
    expect(await db().actionRequest.findUniqueOrThrow({ where: { key } })).toMatchObject({ state: "in_doubt" });
    expect(await settleInDoubtActions(catalog.accountId, new Date(updatedAt.getTime() + IN_DOUBT_BOUND_MS))).toBe(1);
    expect(await db().actionRequest.findUniqueOrThrow({ where: { key } })).toMatchObject({
      state: "failed",
      error: `No run carrying request key ${key} appeared within 15 minutes, so it did not start. Start it again if it is still needed.`,
    });
  });

  it("a redeploy Azure applied but answered too late ends in doubt, and the sync settles it from the job's image", async () => {
    const image = "batchdeckdemo.azurecr.io/nightly-etl:3.0.0";
    const input = redeployInput.parse({ jobId, image, requestKey: requestKey() });
    sim().faults.add({ account: subscription(), kind: "latency", answerLate: true, latencyMs: LATE_MS, method: "PATCH", pathContains: "/jobs/nightly-etl", count: 1 });
    const outcome = await redeployJob(ctxOf(operator), input);
    sim().faults.clear();
    expect(outcome.message).toBe(`nightly-etl may now run ${image}: the cloud did not answer in time. The next sync checks the job's image and records the outcome; don't click Redeploy again.`);
    expect(outcome.data).toEqual({ inDoubt: true });
    const deployment = () => db().deployment.findFirstOrThrow({ where: { jobId, toImage: image } });
    expect(await deployment()).toMatchObject({ state: "in_doubt", completedAt: null });
    expect(await db().actionRequest.findUniqueOrThrow({ where: { key: input.requestKey } })).toMatchObject({ state: "in_doubt" });

    const report = await syncAccount(catalog.accountId);
    expect(report.settled).toBe(1);
    expect(await db().job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ image });
    expect(await deployment()).toMatchObject({ state: "succeeded", error: null });
    expect(await db().actionRequest.findUniqueOrThrow({ where: { key: input.requestKey } })).toMatchObject({ state: "succeeded" });
  });
});
