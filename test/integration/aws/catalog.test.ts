import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAll, startHarness, type Sim } from "./harness";
import type { AwsProvider } from "../../../lib/providers/aws/provider";

// Seed 003 read through the production adapter: one family, its two batch rules and the schedule, the
// runs ECS still lists and those only the state-change log group remembers, and each batch's logs.

let sim: Sim;
let provider: AwsProvider;
let accountId: string;
beforeAll(async () => {
  ({ sim, provider, accountId } = await startHarness());
});
afterAll(() => sim.close());

describe("seed 003 on the simulator", () => {
  it("loads as one job with its two batch rules, the schedule, and two batches", async () => {
    const jobs = await provider.listJobs();
    expect(jobs.map((j) => [j.name, j.kind, j.region, j.image, j.milliVcpu, j.memoryMiB, j.env])).toEqual([
      ["batch", "job", "ap-northeast-1", `${accountId}.dkr.ecr.ap-northeast-1.amazonaws.com/batch:green`, 250, 512, { arg1: "test" }],
    ]);
    const triggers = jobs[0]!.triggers.map((t) => [t.providerId.replace(/^.*:(rule|schedule)\//, "$1/"), t.kind, t.expression, t.timeZone ?? null, t.batch, t.enabled]);
    expect(triggers).toEqual([
      ["rule/batch1-hourly", "schedule", "cron(0 * * * ? *)", null, "no1", true],
      ["rule/batch2-every-3h", "schedule", "cron(30 0/3 * * ? *)", null, "no2", true],
      ["schedule/default/batch1-weekday-morning", "schedule", "cron(0 9 ? * MON-FRI *)", "Asia/Tokyo", "no1", true],
    ]);
    expect([...new Set(jobs[0]!.triggers.map((t) => t.batch))].sort()).toEqual(["no1", "no2"]);
    // A click sets the batch in the variable the rules use.
    expect(jobs[0]!.batchEnvName).toBe("batch");
  });

  it("lists the runs ECS keeps and backfills three weeks of stopped runs from the state-change log group", async () => {
    const runs = await listAll(provider, null);
    const listedNow = new Set((sim.aws.tasks(accountId) as { taskArn: string }[]).map((t) => t.taskArn));
    const byArn = new Map(runs.map((r) => [r.providerId.split("#")[0]!, r]));
    // Every task ECS lists is there once, and far more that it forgot.
    expect([...listedNow].every((arn) => byArn.has(arn))).toBe(true);
    expect(byArn.size).toBe(runs.length);
    expect(runs.length).toBeGreaterThan(listedNow.size + 400);
    const batches = new Set(runs.map((r) => r.env.batch));
    expect([...batches].sort()).toEqual(["no1", "no2"]);
    const ruleRuns = runs.filter((r) => r.triggeredBy === "trigger" && r.triggerProviderId?.endsWith(":rule/batch2-every-3h"));
    expect(ruleRuns.length).toBeGreaterThan(100);
    expect(ruleRuns.every((r) => r.env.batch === "no2" && r.overrides?.batch === "no2")).toBe(true);
    const statuses = new Set(runs.map((r) => r.status));
    expect(statuses.has("succeeded") && statuses.has("failed") && statuses.has("running")).toBe(true);
    // Runs of revision 1 keep its image; the id names the revision, for their logs.
    expect(runs.some((r) => r.providerId.endsWith("#batch:1") && r.image?.endsWith("batch:latest"))).toBe(true);
  });

  it("reads one batch's logs from exactly its runs' streams, with the text filter on CloudWatch's side", async () => {
    const runs = (await listAll(provider, null)).filter((r) => r.env.batch === "no2" && r.status !== "running" && r.status !== "queued");
    runs.sort((a, b) => (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0));
    // Both revisions: their stream prefixes differ (batch, then batch/green).
    const chosen = [...runs.filter((r) => r.providerId.endsWith("#batch:2")).slice(0, 3), ...runs.filter((r) => r.providerId.endsWith("#batch:1")).slice(0, 2)];
    expect(chosen).toHaveLength(5);
    const before = sim.requests(accountId).length;
    const page = await provider.readLogs(chosen.map((r) => r.providerId), { limit: 500 }, null);
    const calls = sim.requests(accountId).slice(before).filter((e) => (e.body as { logStreamNames?: unknown })?.logStreamNames !== undefined);
    const expected = chosen
      .map((r) => {
        const id = r.providerId.split("#")[0]!.split("/").pop()!;
        return r.providerId.endsWith("#batch:2") ? `batch/green/batch/${id}` : `batch/batch/${id}`;
      })
      .sort();
    expect(calls.map((c) => (c.body as { logGroupName: string; logStreamNames: string[] }).logStreamNames)).toEqual([expected]);
    expect(calls.map((c) => (c.body as { logGroupName: string }).logGroupName)).toEqual(["/fargate/batch"]);
    expect(page.items.length).toBeGreaterThan(10);
    expect(page.items.every((l) => !l.message.includes("no1"))).toBe(true);
    expect(new Set(page.items.map((l) => l.executionProviderId))).toEqual(new Set(chosen.map((r) => r.providerId)));

    const filtered = await provider.readLogs(chosen.map((r) => r.providerId), { contains: "no problem", limit: 500 }, null);
    const filterCall = sim.requests(accountId).filter((e) => (e.body as { filterPattern?: unknown })?.filterPattern !== undefined).pop();
    expect((filterCall?.body as { filterPattern: string }).filterPattern).toBe('"no problem"');
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(filtered.items.every((l) => l.message.endsWith("[no2] no problem."))).toBe(true);
  });
});
