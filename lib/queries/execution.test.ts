import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { executionExists, executionScreen, executionLogScope } = await import("./execution");

const viewer = { id: "viewer-1", email: "viewer@lab.test", role: "viewer" as const };
const settings = { tenantId: "t-1", subscriptionId: "s-1", resourceGroup: "rg" };
let accountId: string;
let jobId: string;
let triggerId: string;
let memberId: string;

beforeAll(async () => {
  accountId = (await db().cloudAccount.create({ data: { cloud: "azure", name: "lab", settings } })).id;
  jobId = (await db().job.create({ data: { accountId, providerId: "/subscriptions/s-1/resourceGroups/rg/providers/Microsoft.App/jobs/etl", name: "etl" } })).id;
  triggerId = (await db().trigger.create({ data: { jobId, providerId: "etl#schedule", kind: "schedule", expression: "0 */6 * * *", batch: "no1" } })).id;
  memberId = (await db().user.create({ data: { email: "ada@lab.test", role: "operator" } })).id;
  await db().actionRequest.create({ data: { key: "key-ada-0000000000", action: "start", actorId: memberId, accountId, jobId, state: "succeeded", createdAt: new Date("2026-11-30T09:59:58Z") } });
  await db().execution.createMany({
    data: [
      {
        id: "exmember0001", accountId, jobId, providerId: "etl-member1", batch: "no2", status: "failed", providerStatus: "Failed",
        startedAt: new Date("2026-11-30T10:00:00Z"), endedAt: new Date("2026-11-30T10:01:30Z"), exitCode: 1, image: "lab/etl:1.2.0",
        milliVcpu: 500, memoryMiB: 1024, triggeredBy: "user", actorId: memberId, requestKey: "key-ada-0000000000",
        overrides: { BATCH: "no2", DB_PASSWORD: "[redacted]", BATCHDECK_REQUEST: "key-ada-0000000000", MODE: "full" },
      },
      { id: "excron000001", accountId, jobId, providerId: "etl-cron001", batch: "no1", status: "running", providerStatus: "Running", startedAt: new Date("2026-11-30T12:00:00Z"), triggeredBy: "trigger", triggerId },
      { id: "exoutside001", accountId, jobId, providerId: "etl-outside", status: "succeeded", providerStatus: "Succeeded", startedAt: new Date("2026-11-30T11:00:00Z"), endedAt: new Date("2026-11-30T11:00:40Z"), triggeredBy: "external" },
    ],
  });
});

describe("the execution screen's query", () => {
  it("shows a member's run: who asked and when, the timeline with durations, overrides without secrets or Batchdeck's key, the portal link", async () => {
    const screen = await executionScreen(viewer, "exmember0001");
    expect(screen).toEqual({
      id: "exmember0001",
      providerId: "etl-member1",
      status: "failed",
      providerStatus: "Failed",
      batch: "no2",
      startedAt: new Date("2026-11-30T10:00:00Z"),
      endedAt: new Date("2026-11-30T10:01:30Z"),
      exitCode: 1,
      image: "lab/etl:1.2.0",
      milliVcpu: 500,
      memoryMiB: 1024,
      costMicros: null,
      requestKey: "key-ada-0000000000",
      overrides: [["BATCH", "no2"], ["DB_PASSWORD", "[redacted]"], ["MODE", "full"]],
      hasHiddenOverrides: true,
      startedBy: { kind: "member", email: "ada@lab.test", requestedAt: new Date("2026-11-30T09:59:58Z"), inferred: false },
      timeline: [
        { label: "Requested", at: new Date("2026-11-30T09:59:58Z"), sincePreviousMs: null },
        { label: "Started", at: new Date("2026-11-30T10:00:00Z"), sincePreviousMs: 2000 },
        { label: "Ended", at: new Date("2026-11-30T10:01:30Z"), sincePreviousMs: 90_000 },
      ],
      job: { id: jobId, name: "etl", goneAt: null },
      account: { id: accountId, name: "lab", cloud: "azure", readOnly: false, deleted: false },
      consoleUrl: "https://portal.azure.com/#@t-1/resource/subscriptions/s-1/resourceGroups/rg/providers/Microsoft.App/jobs/etl/executionHistory",
    });
  });

  it("names the schedule that started a run, and counts a running run's time so far", async () => {
    const screen = await executionScreen(viewer, "excron000001", new Date("2026-11-30T12:00:45Z"));
    expect(screen.startedBy).toEqual({ kind: "trigger", trigger: { kind: "schedule", expression: "0 */6 * * *", providerId: "etl#schedule", batch: "no1" } });
    expect(screen.timeline).toEqual([
      { label: "Started", at: new Date("2026-11-30T12:00:00Z"), sincePreviousMs: null },
      { label: "Running", at: null, sincePreviousMs: 45_000 },
    ]);
    expect(screen.overrides).toEqual([]);
    expect((await executionScreen(viewer, "exoutside001")).startedBy).toEqual({ kind: "external" });
  });

  it("is not_found for an unknown or malformed id, and refuses a missing member", async () => {
    await expect(executionScreen(viewer, "nosuchexecution1")).rejects.toMatchObject({ code: "not_found" });
    await expect(executionScreen(viewer, "../../etc/passwd")).rejects.toMatchObject({ code: "not_found" });
    await expect(executionScreen(viewer, "5f0c6a52-8d7e-4e8f-9a3b-2c1d0e9f8a7b")).rejects.toMatchObject({ code: "not_found" });
    await expect(executionLogScope(viewer, "nosuchexecution1")).rejects.toMatchObject({ code: "not_found" });
    const ids = ["exmember0001", "nosuchexecution1", "../../etc/passwd", "5f0c6a52-8d7e-4e8f-9a3b-2c1d0e9f8a7b"];
    expect(await Promise.all(ids.map((id) => executionExists(viewer, id)))).toEqual([true, false, false, false]);
    await expect(executionScreen(undefined as never, "exmember0001")).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
