import { randomBytes } from "node:crypto";
import { ctxOf } from "@/test/support/service-context";
import { beforeAll, describe, expect, it } from "vitest";
import { useSimulatedCatalog } from "./simulated-catalog";
import { whileAdvancing } from "./harness";
import type { Actor } from "../../../lib/services/context";

// "Run" and "Stop" clicks through the services, the catalog's ActionRequest rows and the Azure adapter,
// against the simulator: one key, one run — however often or concurrently it is sent.

const catalog = await useSimulatedCatalog();
const { db } = await import("@/lib/db/client");
const { syncAccount } = await import("@/lib/sync/sync-account");
const { startRun } = await import("@/lib/services/executions/start");
const { stopRun } = await import("@/lib/services/executions/stop");
const { startInput } = await import("@/lib/services/executions/schemas");
const { redeployJob } = await import("@/lib/services/jobs/redeploy");
const { redeployInput } = await import("@/lib/services/jobs/schemas");
const { recomputedRollups, storedRollups } = await import("@/test/support/rollups-oracle");

let operator: Actor;
let jobId: string;

const sim = () => catalog.sim;
const startRequests = () => sim().requests(sim().azure.demoAccount.subscriptionId).filter((r) => r.method === "POST" && r.path.endsWith("/jobs/nightly-etl/start"));
const requestKey = () => randomBytes(16).toString("hex");

beforeAll(async () => {
  await syncAccount(catalog.accountId);
  jobId = (await db().job.findFirstOrThrow({ where: { name: "nightly-etl" } })).id;
  const user = await db().user.create({ data: { email: "op@lab.test", role: "operator" } });
  operator = { id: user.id, email: user.email, role: "operator" };
});

describe("starting and stopping runs", () => {
  it("starts one run with the batch in its env, and a repeated click with the same key starts nothing", async () => {
    const input = startInput.parse({ jobId, requestKey: requestKey(), batch: "no2", env: "MODE=full\n# comment\n" });
    const before = startRequests().length;
    const first = await startRun(ctxOf(operator), input);
    const again = await startRun(ctxOf(operator), input);
    expect(first.data.started).toBe(true);
    expect(again.data).toEqual({ executionProviderId: first.data.executionProviderId, started: false, inDoubt: false });
    expect(again.message).toContain("did not start another run");
    expect(startRequests().length - before).toBe(1);
    const sent = startRequests().at(-1)!.body as { containers: { env: { name: string; value?: string }[] }[] };
    expect(sent.containers[0]!.env).toEqual(expect.arrayContaining([{ name: "BATCH", value: "no2" }, { name: "MODE", value: "full" }, { name: "BATCHDECK_REQUEST", value: input.requestKey }]));
    const row = await db().execution.findFirstOrThrow({ where: { providerId: first.data.executionProviderId! } });
    expect(row).toMatchObject({ batch: "no2", triggeredBy: "user", actorId: operator.id, requestKey: input.requestKey });
  });

  it("double clicks arriving together start one run", async () => {
    const input = startInput.parse({ jobId, requestKey: requestKey(), batch: "no1" });
    const before = startRequests().length;
    const results = await Promise.all([startRun(ctxOf(operator), input), startRun(ctxOf(operator), input), startRun(ctxOf(operator), input)]);
    expect(results.filter((r) => r.data.started)).toHaveLength(1);
    expect(startRequests().length - before).toBe(1);
    expect(await db().actionRequest.count({ where: { key: input.requestKey } })).toBe(1);
  });

  it("a retry after the cloud failed finds the run if it did start, and records the failure if not", async () => {
    const input = startInput.parse({ jobId, requestKey: requestKey(), batch: "no1" });
    sim().faults.add({ account: sim().azure.demoAccount.subscriptionId, kind: "error5xx", count: 10 });
    await expect(startRun(ctxOf(operator), input)).rejects.toMatchObject({ code: "unreachable" });
    sim().faults.clear();
    expect(await db().actionRequest.findUniqueOrThrow({ where: { key: input.requestKey } })).toMatchObject({ state: "failed" });
    const retried = await startRun(ctxOf(operator), input);
    expect(retried.data.started).toBe(true);
    expect(await db().actionRequest.findUniqueOrThrow({ where: { key: input.requestKey } })).toMatchObject({ state: "succeeded", attempts: 2 });
  });

  it("stops a running execution once, and refuses to stop one that ended", async () => {
    const started = await startRun(ctxOf(operator), startInput.parse({ jobId, requestKey: requestKey(), env: "SIM_DURATION_SECONDS=3600" }));
    const row = await db().execution.findFirstOrThrow({ where: { providerId: started.data.executionProviderId! } });
    const stopped = await stopRun(ctxOf(operator), { executionId: row.id, requestKey: requestKey() });
    expect(stopped.message).toBe(`Stopped ${row.providerId}.`);
    expect(await db().execution.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "stopped" });
    await expect(stopRun(ctxOf(operator), { executionId: row.id, requestKey: requestKey() })).rejects.toMatchObject({ code: "conflict" });
  });

  it("keeps the daily rollups equal to a recomputation from raw executions through starts, stops and syncs", async () => {
    const started = await startRun(ctxOf(operator), startInput.parse({ jobId, requestKey: requestKey(), env: "SIM_DURATION_SECONDS=3600" }));
    expect(await storedRollups()).toEqual(await recomputedRollups());
    const row = await db().execution.findFirstOrThrow({ where: { providerId: started.data.executionProviderId! } });
    await stopRun(ctxOf(operator), { executionId: row.id, requestKey: requestKey() });
    const rollups = await storedRollups();
    expect(rollups).toEqual(await recomputedRollups());
    expect(rollups.reduce((n, r) => n + r.stopped, 0)).toBeGreaterThanOrEqual(1);
    await syncAccount(catalog.accountId);
    expect(await storedRollups()).toEqual(await recomputedRollups());
  });

  it("explains malformed env lines by line number", () => {
    const bad = startInput.safeParse({ jobId, requestKey: requestKey(), env: "MODE=full\n9LIVES=x" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toContain("Line 2");
    const reserved = startInput.safeParse({ jobId, requestKey: requestKey(), env: "BATCHDECK_REQUEST=mine" });
    expect(reserved.error!.issues[0]!.message).toContain("set by Batchdeck itself");
    expect(startInput.safeParse({ jobId, requestKey: "short", batch: "no 2" }).error!.issues.map((i) => i.path[0]).sort()).toEqual(["batch", "requestKey"]);
  });

  it("redeploys to a new tag, keeps the deployment, and the next run uses the new image", async () => {
    const admin = { ...operator, role: "admin" as const };
    const image = "batchdeckdemo.azurecr.io/nightly-etl:2.0.2";
    // The PATCH is a long-running operation that ends 6–12 s later on the simulated clock; the adapter
    // polls as Azure's Retry-After says (5 s), so this takes one wait of real time.
    const outcome = await whileAdvancing(sim(), 3, redeployJob(ctxOf(admin), redeployInput.parse({ jobId, image, requestKey: requestKey() })));
    expect(outcome.message).toContain(image);
    expect(await db().job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ image });
    expect(await db().deployment.findFirstOrThrow({ where: { jobId } })).toMatchObject({ state: "succeeded", fromImage: "batchdeckdemo.azurecr.io/nightly-etl:2.0.1", toImage: image });
    await startRun(ctxOf(operator), startInput.parse({ jobId, requestKey: requestKey() }));
    const sent = startRequests().at(-1)!.body as { containers: { image: string }[] };
    expect(sent.containers[0]!.image).toBe(image);
  });

  it("refuses mutable or malformed image references", () => {
    const messages = (image: string) => redeployInput.safeParse({ jobId, image, requestKey: requestKey() }).error?.issues.map((i) => i.message) ?? [];
    expect(messages("lab.azurecr.io/etl:latest")).toEqual(["Use an immutable tag instead of latest, so every run says which code it ran."]);
    expect(messages("lab.azurecr.io/etl")[0]).toContain("with a tag or digest");
    expect(messages("lab.azurecr.io/etl@sha256:" + "a".repeat(64))).toEqual([]);
  });
});
