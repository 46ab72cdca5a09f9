import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ListRulesCommand, ListTargetsByRuleCommand } from "@aws-sdk/client-eventbridge";
import { GetScheduleCommand } from "@aws-sdk/client-scheduler";
import { listAll, startHarness, type Sim } from "./harness";
import type { AwsProvider } from "../../../lib/providers/aws/provider";
import type { ProviderJob } from "../../../lib/providers/types";

// Run, stop and redeploy through the production adapter on seed 003, and the safety net for the hour
// ECS keeps a stopped task: runs that ended while the sync was off come back from the log group.

interface TaskView {
  taskArn: string;
  startedBy?: string;
  lastStatus: string;
  stoppedReason?: string;
  createdAt: number | string;
  overrides?: { containerOverrides?: { environment?: { name: string; value: string }[] }[] };
  containers?: { image?: string }[];
}

let sim: Sim;
let provider: AwsProvider;
let aws: Awaited<ReturnType<typeof startHarness>>["aws"];
let accountId: string;
let job: ProviderJob;
beforeAll(async () => {
  ({ sim, provider, aws, accountId } = await startHarness());
  job = (await provider.listJobs())[0]!;
});
afterAll(() => sim.close());

const tasks = () => sim.aws.tasks(accountId) as unknown as TaskView[];
const envOf = (t: TaskView) => Object.fromEntries((t.overrides?.containerOverrides ?? []).flatMap((o) => o.environment ?? []).map((e) => [e.name, e.value]));

describe("run and stop", () => {
  it("a double click starts one task, with the batch and the request key, tagged batchdeck", async () => {
    const request = { job: { providerId: job.providerId, name: job.name }, overrides: { batch: "no2" }, requestKey: "req-double-click-1" };
    const [first, second] = await Promise.all([provider.startExecution(request), provider.startExecution(request)]);
    expect(second.providerId).toBe(first.providerId);
    const mine = tasks().filter((t) => envOf(t).BATCHDECK_REQUEST === "req-double-click-1");
    expect(mine.map((t) => [t.startedBy, envOf(t).batch, `${t.taskArn}#batch:2`])).toEqual([["batchdeck", "no2", first.providerId]]);
    // A later retry with the same key finds the task instead of starting another.
    expect(await provider.startExecution(request)).toEqual({ providerId: first.providerId, alreadyStarted: true });
    expect(tasks().filter((t) => envOf(t).BATCHDECK_REQUEST === "req-double-click-1")).toHaveLength(1);
  });

  it("stops a task with a reason naming the member", async () => {
    const started = await provider.startExecution({ job: { providerId: job.providerId, name: job.name }, overrides: { batch: "no1" }, requestKey: "req-stop-1" });
    await provider.stopExecution({ providerId: job.providerId, name: job.name }, started.providerId, "ada@lab.example");
    sim.clock.advance(60);
    const task = tasks().find((t) => `${t.taskArn}#batch:2` === started.providerId)!;
    expect([task.lastStatus, task.stoppedReason]).toEqual(["STOPPED", "Stopped in Batchdeck by ada@lab.example"]);
    const run = (await provider.listExecutions(null, null)).items.find((e) => e.providerId === started.providerId);
    expect([run?.status, run?.triggeredBy, run?.requestKey]).toEqual(["stopped", "user", "req-stop-1"]);
  });
});

describe("redeploy", () => {
  const image = () => `${accountId}.dkr.ecr.ap-northeast-1.amazonaws.com/batch:blue`;
  const targetsOfRules = async () => {
    const { Rules } = await aws.events.send(new ListRulesCommand({}));
    const out: Record<string, string | undefined> = {};
    for (const rule of Rules ?? []) {
      const { Targets } = await aws.events.send(new ListTargetsByRuleCommand({ Rule: rule.Name }));
      for (const t of Targets ?? []) if (t.EcsParameters) out[rule.Name!] = t.EcsParameters.TaskDefinitionArn?.split("/").pop();
    }
    return out;
  };

  it("registers a revision with only the image changed and repoints both rules and the schedule, saying so", async () => {
    const report = await provider.redeploy({ providerId: job.providerId, name: job.name }, image());
    expect(report).toEqual({
      changes: [
        `registered batch:3 running ${image()}`,
        "rule batch1-hourly: batch:2 → batch:3",
        "rule batch2-every-3h: batch:2 → batch:3",
        "schedule default/batch1-weekday-morning: batch:2 → batch:3",
      ],
    });
    expect(await targetsOfRules()).toEqual({ "batch1-hourly": "batch:3", "batch2-every-3h": "batch:3" });
    const schedule = await aws.scheduler.send(new GetScheduleCommand({ Name: "batch1-weekday-morning" }));
    expect([schedule.Target?.EcsParameters?.TaskDefinitionArn?.split("/").pop(), schedule.ScheduleExpressionTimezone, schedule.Target?.Input]).toEqual([
      "batch:3",
      "Asia/Tokyo",
      JSON.stringify({ containerOverrides: [{ name: "batch", environment: [{ name: "batch", value: "no1" }] }] }),
    ]);
    const [after] = await provider.listJobs();
    expect([after!.image, after!.env, after!.milliVcpu, after!.memoryMiB]).toEqual([image(), { arg1: "test" }, 250, 512]);
  });

  it("the next rule-started task runs the new image", async () => {
    const before = new Set(tasks().map((t) => t.taskArn));
    sim.clock.advance(3600);
    const fresh = tasks().filter((t) => !before.has(t.taskArn) && t.startedBy === "events-rule/batch1-hourly");
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((t) => t.containers?.[0]?.image === image())).toBe(true);
  });

  it("is resumable: run again, it keeps the revision and repoints only what is still on an older one", async () => {
    expect(await provider.redeploy({ providerId: job.providerId, name: job.name }, image())).toEqual({ changes: [`kept batch:3, which already runs ${image()}`] });
  });
});

describe("a redeploy that fails part way", () => {
  it("says what was done and what failed, and finishes from there when run again", async () => {
    const image = `${accountId}.dkr.ecr.ap-northeast-1.amazonaws.com/batch:purple`;
    sim.aws.deny(accountId, "scheduler:UpdateSchedule");
    let error: unknown;
    try {
      await provider.redeploy({ providerId: job.providerId, name: job.name }, image);
    } catch (e) {
      error = e;
    } finally {
      sim.aws.allow(accountId);
    }
    expect(error).toMatchObject({ kind: "permission_denied" });
    expect((error as Error).message).toMatch(
      new RegExp(`^Done: registered batch:4 running ${image.replace(/[.]/g, "\\.")}; rule batch1-hourly: batch:3 → batch:4; rule batch2-every-3h: batch:3 → batch:4\\. Failed to repoint schedule default/batch1-weekday-morning: .*scheduler:UpdateSchedule.* Redeploy again to finish; what is done is not repeated\\.$`),
    );
    expect(await provider.redeploy({ providerId: job.providerId, name: job.name }, image)).toEqual({
      changes: [`kept batch:4, which already runs ${image}`, "schedule default/batch1-weekday-morning: batch:3 → batch:4"],
    });
  });
});

describe("the cloud forgets in an hour", () => {
  it("a task that stopped while the sync was off for two hours is backfilled from the state-change log group", async () => {
    // The last sync a minute before the hourly rule fires; then two hours without one.
    const nextHour = Math.ceil(sim.clock.now().getTime() / 3_600_000) * 3_600_000;
    sim.clock.set(new Date(nextHour - 60_000));
    await listAll(provider, null);
    const offSince = sim.clock.now();
    sim.clock.advance(2 * 3600);
    const remembered = new Set(tasks().map((t) => t.taskArn));
    const runs = await listAll(provider, offSince);
    const forgotten = runs.filter((r) => !remembered.has(r.providerId.split("#")[0]!));
    // The hourly rule fired twice while the sync was off; the first run stopped over an hour ago, so ECS no longer lists it.
    expect(forgotten.length).toBeGreaterThan(0);
    expect(forgotten.every((r) => (r.status === "succeeded" || r.status === "failed") && r.endedAt !== null && r.endedAt >= offSince)).toBe(true);
    expect(forgotten.some((r) => r.triggerProviderId?.endsWith(":rule/batch1-hourly") && r.env.batch === "no1" && r.image?.endsWith(":purple"))).toBe(true);
  });
});
