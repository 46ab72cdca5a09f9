import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ctxOf, memberActor } from "@/test/support/service-context";
import type { Actor } from "@/lib/services/context";
import { useSimulatedCatalog } from "./simulated-catalog";

// "Re-run with the same parameters" and "Stop these runs", through the services and the Azure adapter
// against the simulator: what is sent to the cloud, what the catalog and the audit say.

const catalog = await useSimulatedCatalog();
const { db } = await import("@/lib/db/client");
const { syncAccount } = await import("@/lib/sync/sync-account");
const { startRun } = await import("@/lib/services/executions/start");
const { rerunExecution, rerunParameters } = await import("@/lib/services/executions/rerun");
const { stopExecutions, stopKeyOf } = await import("@/lib/services/executions/stop-many");
const { rerunInput, startInput, stopManyInput } = await import("@/lib/services/executions/schemas");

let operator: Actor;
let viewer: Actor;
let jobId: string;

const sim = () => catalog.sim;
const key = () => randomBytes(16).toString("hex");
const armCalls = (suffix: string) => sim().requests(sim().azure.demoAccount.subscriptionId).filter((r) => r.method === "POST" && r.path.endsWith(suffix));
const sentEnv = () => {
  const body = armCalls("/jobs/nightly-etl/start").at(-1)!.body as { containers: { env: { name: string; value?: string }[] }[] };
  return Object.fromEntries(body.containers[0]!.env.map((e) => [e.name, e.value ?? ""]));
};

async function startLongRun(env = "SIM_DURATION_SECONDS=3600", batch = "no2") {
  const started = await startRun(ctxOf(operator, "execution.start"), startInput.parse({ jobId, requestKey: key(), batch, env }));
  return db().execution.findFirstOrThrow({ where: { providerId: started.data.executionProviderId! } });
}

beforeAll(async () => {
  await syncAccount(catalog.accountId);
  jobId = (await db().job.findFirstOrThrow({ where: { name: "nightly-etl" } })).id;
  operator = await memberActor("op@lab.test", "operator");
  viewer = await memberActor("viewer@lab.test", "viewer");
});

describe("re-running a past run", () => {
  it("starts a new run with exactly the old batch and overrides under a new key, once per key, audited with the run it repeats", async () => {
    const original = await startLongRun("SIM_DURATION_SECONDS=3600\nMODE=full");
    const originalEnv = sentEnv();
    const input = rerunInput.parse({ executionId: original.id, requestKey: key() });
    const before = armCalls("/jobs/nightly-etl/start").length;
    const first = await rerunExecution(ctxOf(operator, "execution.start"), input);
    const again = await rerunExecution(ctxOf(operator, "execution.start"), input);
    expect(armCalls("/jobs/nightly-etl/start").length - before).toBe(1);
    expect(first.data.started).toBe(true);
    expect(again.data).toEqual({ executionProviderId: first.data.executionProviderId, executionId: first.data.executionId, started: false, inDoubt: false });
    expect(first.data.executionProviderId).not.toBe(original.providerId);
    // The cloud got the same env but for Batchdeck's own key, which is the new request's.
    expect(sentEnv()).toEqual({ ...originalEnv, BATCHDECK_REQUEST: input.requestKey });
    const rerun = await db().execution.findUniqueOrThrow({ where: { id: first.data.executionId! } });
    expect(rerun.providerId).toBe(first.data.executionProviderId);
    expect({ batch: rerun.batch, actorId: rerun.actorId, requestKey: rerun.requestKey, overrides: rerun.overrides }).toEqual({
      batch: "no2",
      actorId: operator.id,
      requestKey: input.requestKey,
      overrides: { BATCH: "no2", MODE: "full", SIM_DURATION_SECONDS: "3600" },
    });
    const audit = await db().auditEvent.findMany({ where: { action: "execution.start", targetId: jobId, actorId: operator.id }, orderBy: { at: "desc" }, take: 2 });
    expect(audit.map((a) => [a.result, (a.detail as { rerunOf?: string; duplicate?: boolean }).rerunOf, (a.detail as { duplicate?: boolean }).duplicate ?? false])).toEqual([
      ["ok", original.providerId, true],
      ["ok", original.providerId, false],
    ]);
  });

  it("refuses a run whose overrides held a secret it does not keep, and a viewer, before asking the cloud", async () => {
    const original = await startLongRun("SIM_DURATION_SECONDS=3600\nAPI_TOKEN=abc");
    const before = armCalls("/jobs/nightly-etl/start").length;
    await expect(rerunExecution(ctxOf(operator), { executionId: original.id, requestKey: key() })).rejects.toMatchObject({
      code: "rule",
      message: `${original.providerId} was started with API_TOKEN, whose value Batchdeck does not keep. Start nightly-etl from the Jobs page and enter it again.`,
    });
    await expect(rerunExecution(ctxOf(viewer), { executionId: original.id, requestKey: key() })).rejects.toMatchObject({ code: "forbidden" });
    await expect(rerunExecution(ctxOf(operator), { executionId: "no-such-run", requestKey: key() })).rejects.toMatchObject({ code: "not_found" });
    expect(armCalls("/jobs/nightly-etl/start").length).toBe(before);
  });

  it("keeps a batch set under another spelling in the env, so the env stays exactly the old one", () => {
    expect(rerunParameters({ batch: "no1", overrides: { batch: "no1", BATCHDECK_REQUEST: "k" } }, null)).toEqual({ batch: "", env: { batch: "no1" } });
    expect(rerunParameters({ batch: "no1", overrides: { batch: "no1" } }, "batch")).toEqual({ batch: "no1", env: {} });
    expect(rerunParameters({ batch: "no1", overrides: null }, null)).toEqual({ batch: "", env: {} });
  });
});

describe("stopping several runs together", () => {
  it("stops the selected running runs and only them, says which had already ended, and a second send stops nothing twice", async () => {
    const [a, b, untouched, ended] = [await startLongRun(), await startLongRun(), await startLongRun(), await startLongRun()];
    await db().execution.update({ where: { id: ended.id }, data: { status: "succeeded", endedAt: new Date() } });
    const input = stopManyInput.parse({ executionIds: `${a.id},${b.id},${ended.id},missing-run`, requestKey: key() });
    const stopsBefore = armCalls("/stop").length;
    const outcome = await stopExecutions(ctxOf(operator, "execution.stop"), input);
    expect(outcome.data.results).toEqual([
      { executionId: a.id, name: a.providerId, outcome: "stopped" },
      { executionId: b.id, name: b.providerId, outcome: "stopped" },
      { executionId: ended.id, name: ended.providerId, outcome: "already_ended", message: `${ended.providerId} has already ended (succeeded); there is nothing to stop.` },
      { executionId: "missing-run", name: "missing-run", outcome: "failed", message: "That execution is not in the catalog. Reload the page." },
    ]);
    expect(outcome.message).toBe("2 stopped, 1 had already ended, 1 could not be stopped.");
    expect(armCalls("/stop").length - stopsBefore).toBe(2);
    const statuses = await db().execution.findMany({ where: { id: { in: [a.id, b.id, untouched.id] } }, select: { id: true, status: true } });
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [a.id]: "stopped", [b.id]: "stopped", [untouched.id]: "queued" });
    // Each run has its own key, derived from the form's; the same form again sends no stop to the cloud.
    expect((await db().actionRequest.findMany({ where: { key: { in: [stopKeyOf(input.requestKey, a.id), stopKeyOf(input.requestKey, b.id)] } } })).map((r) => r.state)).toEqual(["succeeded", "succeeded"]);
    const again = await stopExecutions(ctxOf(operator, "execution.stop"), stopManyInput.parse({ executionIds: [a.id, b.id], requestKey: input.requestKey }));
    expect(again.data.results.map((r) => r.outcome)).toEqual(["already_ended", "already_ended"]);
    expect(armCalls("/stop").length - stopsBefore).toBe(2);

    const audit = await db().auditEvent.findMany({ where: { action: "execution.stop", actorId: operator.id }, orderBy: { at: "asc" }, select: { result: true, targetType: true, target: true } });
    expect(audit.slice(0, 5)).toEqual([
      { result: "ok", targetType: "execution", target: `nightly-etl ${a.providerId}` },
      { result: "ok", targetType: "execution", target: `nightly-etl ${b.providerId}` },
      { result: "error", targetType: "execution", target: ended.providerId },
      { result: "error", targetType: "execution", target: "missing-run" },
      { result: "ok", targetType: "executions", target: "4 executions" },
    ]);
  });

  it("refuses a viewer before stopping anything, and a form with nothing selected", async () => {
    const run = await startLongRun();
    await expect(stopExecutions(ctxOf(viewer), { executionIds: [run.id], requestKey: key() })).rejects.toMatchObject({ code: "forbidden" });
    expect((await db().execution.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("queued");
    expect(stopManyInput.safeParse({ executionIds: "", requestKey: key() }).error?.issues[0]?.message).toBe("Select at least one running execution.");
  });
});
