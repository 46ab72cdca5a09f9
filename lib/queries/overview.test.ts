import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { overview, OVERVIEW_ROWS } = await import("./overview");
const { AppError } = await import("@/lib/errors");

const viewer = { id: "viewer-1", email: "viewer@lab.test", role: "viewer" as const };
const now = new Date("2026-11-30T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const ids = { lab: "", down: "", gone: "", etl: "" };

beforeAll(async () => {
  const account = (name: string, data: object = {}) => db().cloudAccount.create({ data: { cloud: "azure", name, settings: {}, ...data } });
  ids.lab = (await account("lab", { syncState: "ok", lastSyncedAt: new Date(now.getTime() - 20_000) })).id;
  ids.down = (await account("down", { syncState: "error", lastSyncedAt: hoursAgo(1), lastErrorKind: "bad_credentials", lastError: "AADSTS7000222" })).id;
  ids.gone = (await account("gone", { deletedAt: hoursAgo(48), syncState: "ok", lastSyncedAt: hoursAgo(48) })).id;
  ids.etl = (await db().job.create({ data: { accountId: ids.lab, providerId: "etl", name: "etl" } })).id;
  const goneJob = await db().job.create({ data: { accountId: ids.gone, providerId: "old", name: "old" } });
  await db().job.create({ data: { accountId: ids.lab, providerId: "retired", name: "retired", goneAt: hoursAgo(100) } });
  const run = (id: string, status: "succeeded" | "failed" | "running" | "queued" | "stopped", startedAt: Date | null, extra: object = {}) => ({
    id, accountId: ids.lab, jobId: ids.etl, providerId: id, status, providerStatus: status, startedAt, triggeredBy: "trigger" as const, ...extra,
  });
  await db().execution.createMany({
    data: [
      run("ok-1", "succeeded", hoursAgo(2), { endedAt: hoursAgo(1.9) }),
      run("fail-new", "failed", hoursAgo(1), { endedAt: hoursAgo(0.9), exitCode: 2, batch: "no2" }),
      run("fail-old", "failed", hoursAgo(30), { endedAt: hoursAgo(29) }), // before the window
      run("stop-1", "stopped", hoursAgo(3), { endedAt: hoursAgo(2.5) }),
      run("run-1", "running", hoursAgo(0.5)),
      run("queued-1", "queued", null),
      ...Array.from({ length: OVERVIEW_ROWS + 5 }, (_, i) => run(`fail-${String(i).padStart(2, "0")}`, "failed", hoursAgo(5 + i / 10))),
      { ...run("gone-fail", "failed", hoursAgo(1)), accountId: ids.gone, jobId: goneJob.id }, // a deleted account's run
    ],
  });
});

describe("overview query", () => {
  it("counts the last 24 hours by outcome, leaving out deleted accounts", async () => {
    const { counts } = await overview(viewer, now);
    expect(counts).toEqual({ runs: 1 + 1 + 1 + 1 + OVERVIEW_ROWS + 5, succeeded: 1, failed: 1 + OVERVIEW_ROWS + 5, stopped: 1 });
  });

  it("lists failures newest first, bounded, with their job and error", async () => {
    const { failures } = await overview(viewer, now);
    expect(failures).toHaveLength(OVERVIEW_ROWS);
    expect(failures[0]).toEqual({
      id: "fail-new", providerId: "fail-new", batch: "no2", status: "failed", providerStatus: "failed", startedAt: hoursAgo(1), endedAt: hoursAgo(0.9),
      exitCode: 2, jobId: ids.etl, jobName: "etl", accountName: "lab", cloud: "azure",
    });
    expect(failures.map((f) => f.id)).not.toContain("fail-old");
    expect(failures.map((f) => f.id)).not.toContain("gone-fail");
    expect(failures.slice(1, 3).map((f) => f.id)).toEqual(["fail-00", "fail-01"]);
  });

  it("lists what is running or queued now, the not-yet-started first", async () => {
    const { running } = await overview(viewer, now);
    expect(running.map((r) => [r.id, r.status])).toEqual([["queued-1", "queued"], ["run-1", "running"]]);
  });

  it("gives each live account its health and its current jobs", async () => {
    const { accounts } = await overview(viewer, now);
    expect(accounts.map((a) => ({ name: a.name, jobs: a.jobs, level: a.health.level, title: a.health.title }))).toEqual([
      { name: "down", jobs: 0, level: "error", title: "The cloud refused its credentials" },
      { name: "lab", jobs: 1, level: "ok", title: "Synced" },
    ]);
  });

  it("refuses a caller that is not a signed-in member", async () => {
    await expect(overview({ ...viewer, id: "" }, now)).rejects.toBeInstanceOf(AppError);
  });
});
