import { FilterLogEventsCommand, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeTasksCommand, ListClustersCommand, ListTasksCommand, RunTaskCommand, type RunTaskCommandInput } from "@aws-sdk/client-ecs";
import { ListSchedulesCommand } from "@aws-sdk/client-scheduler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../server";
import { simFetch, startTestSimulator } from "../testing";
import { awsClients, failureOf } from "./testClients";

// ECS's behaviour on the simulated clock: client-token idempotency, the task lifecycle with exit codes
// and awslogs streams, the one-hour memory of stopped tasks, rules and schedules that start tasks,
// state-change events into a log group, and faults per account.


let sim: Simulator;

beforeAll(async () => {
  sim = await startTestSimulator({ scenario: "empty" });
});
afterAll(() => sim.close());

function lab(opts: { stateChangeGroup?: string } = {}) {
  const account = sim.aws.createAccount({ cluster: "batch" });
  const family = sim.aws.createFamily(account.accountId, { family: "batch", streamPrefix: "batch" });
  if (opts.stateChangeGroup) {
    sim.aws.createLogGroup(account.accountId, opts.stateChangeGroup);
    sim.aws.putRule(account.accountId, {
      name: "ecs-state", eventPattern: JSON.stringify({ source: ["aws.ecs"], "detail-type": ["ECS Task State Change"] }),
      targets: [{ Id: "log", Arn: `arn:aws:logs:${account.region}:${account.accountId}:log-group:${opts.stateChangeGroup}` }],
    });
  }
  return { account, family, c: awsClients(sim.aws.endpoints, account) };
}

const runInput = (taskDefinition: string, env: Record<string, string>, clientToken?: string): RunTaskCommandInput => ({
  cluster: "batch", taskDefinition, launchType: "FARGATE", startedBy: "batchdeck", clientToken,
  overrides: { containerOverrides: [{ name: "batch", environment: Object.entries(env).map(([name, value]) => ({ name, value })) }] },
});

describe("RunTask clientToken", () => {
  it("starts one task for a repeated token and refuses the token with other parameters", async () => {
    const { family, c } = lab();
    const first = await c.ecs.send(new RunTaskCommand(runInput(family.taskDefinitionArn, { batch: "no2" }, "req-1")));
    const again = await c.ecs.send(new RunTaskCommand(runInput(family.taskDefinitionArn, { batch: "no2" }, "req-1")));
    expect(again.tasks?.map((t) => t.taskArn)).toEqual(first.tasks?.map((t) => t.taskArn));
    expect((await c.ecs.send(new ListTasksCommand({ cluster: "batch" }))).taskArns).toHaveLength(1);
    const other = await failureOf(c.ecs.send(new RunTaskCommand(runInput(family.taskDefinitionArn, { batch: "no1" }, "req-1"))));
    expect([other.name, other.$metadata?.httpStatusCode]).toEqual(["ConflictException", 400]);
    sim.clock.advance(86_401);
    const later = await c.ecs.send(new RunTaskCommand(runInput(family.taskDefinitionArn, { batch: "no2" }, "req-1")));
    expect(later.tasks?.[0]?.taskArn).not.toBe(first.tasks?.[0]?.taskArn);
  });
});

describe("task lifecycle", () => {
  it("goes PROVISIONING, PENDING, RUNNING, DEPROVISIONING, STOPPED with the exit code, and writes its stream", async () => {
    const { account, family, c } = lab();
    const run = await c.ecs.send(new RunTaskCommand(runInput(family.taskDefinitionArn, { batch: "no2", SIM_DURATION_SECONDS: "120", SIM_EXIT_CODE: "3", BATCHDECK_REQUEST: "rk-42" })));
    const arn = run.tasks![0]!.taskArn!;
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      const t = (await c.ecs.send(new DescribeTasksCommand({ cluster: "batch", tasks: [arn] }))).tasks![0]!;
      if (seen.at(-1) !== t.lastStatus) seen.push(t.lastStatus!);
      sim.clock.advance(5);
    }
    expect(seen).toEqual(["PROVISIONING", "PENDING", "RUNNING", "DEPROVISIONING", "STOPPED"]);
    const done = (await c.ecs.send(new DescribeTasksCommand({ cluster: "batch", tasks: [arn] }))).tasks![0]!;
    expect([done.stopCode, done.stoppedReason, done.containers?.[0]?.exitCode, done.desiredStatus]).toEqual(["EssentialContainerExited", "Essential container in task exited", 3, "STOPPED"]);
    expect((done.executionStoppedAt!.getTime() - done.startedAt!.getTime()) / 1000).toBe(120);
    expect(done.stoppedAt!.getTime()).toBeGreaterThan(done.executionStoppedAt!.getTime());
    const stream = `batch/batch/${arn.split("/").at(-1)}`;
    const { events } = await c.logs.send(new GetLogEventsCommand({ logGroupName: "/fargate/batch", logStreamName: stream, startFromHead: true }));
    const text = events!.map((e) => e.message!.replace(/^\S+ \S+ /, ""));
    expect(text.slice(0, 3)).toEqual(["[    INFO] start", "[    INFO] batch = no2", "[    INFO] request key rk-42"]);
    expect(text.at(-1)).toBe("[   ERROR] exiting with code 3");
    expect(sim.aws.logStreams(account.accountId, "/fargate/batch")).toEqual([stream]);
  });

  it("stops a task that failed to start with TaskFailedToStart and no exit code", async () => {
    const { family, c } = lab();
    const arn = (await c.ecs.send(new RunTaskCommand(runInput(family.taskDefinitionArn, { SIM_FAIL_TO_START: "1" })))).tasks![0]!.taskArn!;
    sim.clock.advance(120);
    const t = (await c.ecs.send(new DescribeTasksCommand({ cluster: "batch", tasks: [arn] }))).tasks![0]!;
    expect([t.lastStatus, t.stopCode, t.startedAt, t.containers?.[0]?.exitCode]).toEqual(["STOPPED", "TaskFailedToStart", undefined, undefined]);
    expect(t.stoppedReason).toMatch(/^CannotPullContainerError: /);
  });

  it("lists a stopped task for an hour, then forgets it (MISSING)", async () => {
    const { family, c } = lab();
    const arn = (await c.ecs.send(new RunTaskCommand(runInput(family.taskDefinitionArn, { SIM_DURATION_SECONDS: "30" })))).tasks![0]!.taskArn!;
    sim.clock.advance(120);
    const stoppedAt = (await c.ecs.send(new DescribeTasksCommand({ cluster: "batch", tasks: [arn] }))).tasks![0]!.stoppedAt!;
    sim.clock.set(new Date(stoppedAt.getTime() + 3_599_000));
    expect((await c.ecs.send(new ListTasksCommand({ cluster: "batch", desiredStatus: "STOPPED" }))).taskArns).toEqual([arn]);
    sim.clock.advance(1);
    expect((await c.ecs.send(new ListTasksCommand({ cluster: "batch", desiredStatus: "STOPPED" }))).taskArns).toEqual([]);
    expect((await c.ecs.send(new DescribeTasksCommand({ cluster: "batch", tasks: [arn] }))).failures).toEqual([{ arn, reason: "MISSING" }]);
  });
});

describe("rules and schedules", () => {
  it("start tasks on their cron/rate with the target's Input overrides and tell who started them", async () => {
    const { account, family, c } = lab();
    sim.aws.putRule(account.accountId, { name: "batch2-every-5min", scheduleExpression: "rate(5 minutes)", targets: [sim.aws.batchTarget(account.accountId, family.taskDefinitionArn, "no2", "batch")] });
    const target = sim.aws.batchTarget(account.accountId, family.taskDefinitionArn, "no1", "batch");
    const now = sim.clock.now().getTime();
    // Tokyo wall time 25 minutes from now, as an at() schedule in Asia/Tokyo (UTC+9).
    const tokyo = new Date(now + 25 * 60_000 + 9 * 3_600_000).toISOString().slice(0, 19);
    sim.aws.putSchedule(account.accountId, "once", { ScheduleExpression: `at(${tokyo})`, ScheduleExpressionTimezone: "Asia/Tokyo", FlexibleTimeWindow: { Mode: "OFF" }, Target: { Arn: target.Arn, RoleArn: target.RoleArn, EcsParameters: target.EcsParameters, Input: target.Input } });
    expect((await c.scheduler.send(new ListSchedulesCommand({}))).Schedules?.map((s) => s.Name)).toEqual(["once"]);
    sim.clock.advance(30 * 60);
    const arns = (await c.ecs.send(new ListTasksCommand({ cluster: "batch", desiredStatus: "STOPPED" }))).taskArns!;
    const running = (await c.ecs.send(new ListTasksCommand({ cluster: "batch" }))).taskArns!;
    const { tasks } = await c.ecs.send(new DescribeTasksCommand({ cluster: "batch", tasks: [...arns, ...running] }));
    const started = tasks!.map((t) => [t.startedBy, t.overrides?.containerOverrides?.[0]?.environment?.[0]?.value, (t.createdAt!.getTime() - now) / 60_000]).sort((a, b) => Number(a[2]) - Number(b[2]) || String(a[0]).localeCompare(String(b[0])));
    expect(started).toEqual([
      ["events-rule/batch2-every-5min", "no2", 5], ["events-rule/batch2-every-5min", "no2", 10], ["events-rule/batch2-every-5min", "no2", 15],
      ["events-rule/batch2-every-5min", "no2", 20], ["chronos-schedule/once", "no1", 25], ["events-rule/batch2-every-5min", "no2", 25], ["events-rule/batch2-every-5min", "no2", 30],
    ]);
  });
});

describe("state-change events", () => {
  it("land in the log group as the ECS Task State Change JSON when the rule exists", async () => {
    const { family, c } = lab({ stateChangeGroup: "/aws/events/ecs" });
    const arn = (await c.ecs.send(new RunTaskCommand(runInput(family.taskDefinitionArn, { batch: "no1", SIM_DURATION_SECONDS: "60" })))).tasks![0]!.taskArn!;
    sim.clock.advance(300);
    const { events } = await c.logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/events/ecs" }));
    const changes = events!.map((e) => JSON.parse(e.message!));
    expect(changes.map((e) => [e.detail.lastStatus, e.detail.desiredStatus, e.detail.version])).toEqual([
      ["PROVISIONING", "RUNNING", 1], ["PENDING", "RUNNING", 2], ["RUNNING", "RUNNING", 3], ["RUNNING", "STOPPED", 4], ["DEPROVISIONING", "STOPPED", 5], ["STOPPED", "STOPPED", 6],
    ]);
    const last = changes.at(-1);
    expect(Object.keys(last).sort()).toEqual(["account", "detail", "detail-type", "id", "region", "resources", "source", "time", "version"]);
    expect([last.source, last["detail-type"], last.resources, last.detail.taskArn, last.detail.stopCode]).toEqual(["aws.ecs", "ECS Task State Change", [arn], arn, "EssentialContainerExited"]);
    expect(last.detail.stoppedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(events!.every((e) => e.logStreamName === JSON.parse(e.message!).id)).toBe(true);
  });

  it("are not written without the rule", async () => {
    const { account, family, c } = lab();
    sim.aws.createLogGroup(account.accountId, "/aws/events/ecs");
    await c.ecs.send(new RunTaskCommand(runInput(family.taskDefinitionArn, { SIM_DURATION_SECONDS: "60" })));
    sim.clock.advance(300);
    expect((await c.logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/events/ecs" }))).events).toEqual([]);
  });
});

describe("faults, per account", () => {
  it("throttles with each service's code, fails with 5xx and hangs, leaving other accounts alone", async () => {
    const one = lab();
    const other = lab();
    sim.faults.add({ account: one.account.accountId, kind: "throttle", count: 2 });
    expect((await other.c.ecs.send(new ListClustersCommand({}))).clusterArns).toHaveLength(1);
    const ecs = await failureOf(one.c.ecs.send(new ListClustersCommand({})));
    expect([ecs.name, ecs.$metadata?.httpStatusCode, ecs.message]).toEqual(["ThrottlingException", 400, "Rate exceeded"]);
    const scheduler = await failureOf(one.c.scheduler.send(new ListSchedulesCommand({})));
    expect([scheduler.name, scheduler.$metadata?.httpStatusCode]).toEqual(["ThrottlingException", 429]);
    sim.faults.add({ account: one.account.accountId, kind: "error5xx", count: 1 });
    const server = await failureOf(one.c.ecs.send(new ListClustersCommand({})));
    expect([server.name, server.$metadata?.httpStatusCode]).toEqual(["ServerException", 500]);
    sim.faults.add({ account: one.account.accountId, kind: "hang" });
    const impatient = awsClients(sim.aws.endpoints, one.account, { requestTimeout: 300 });
    const hung = await failureOf(impatient.ecs.send(new ListClustersCommand({})));
    expect(hung.name).toBe("TimeoutError");
    sim.faults.clear(one.account.accountId);
    expect((await one.c.ecs.send(new ListClustersCommand({}))).clusterArns).toHaveLength(1);
  });
});

describe("control routes", () => {
  it("create an account, deny an action, expire sessions and list tasks over HTTP", async () => {
    const created = await simFetch(sim, "/_sim/aws/accounts", { method: "POST", json: { cluster: "batch", roleName: "Ops", externalId: "x-1" } });
    expect(created.status).toBe(201);
    const account = (await created.json()) as { accountId: string; accessKeyId: string; secretAccessKey: string; endpoints: { ecs: string } };
    expect([account.accountId, account.endpoints.ecs]).toEqual([expect.stringMatching(/^\d{12}$/), sim.aws.endpoints.ecs]);
    expect((await simFetch(sim, `/_sim/aws/accounts/${account.accountId}/deny`, { method: "POST", json: { action: "ecs:ListClusters" } })).status).toBe(204);
    const c = awsClients(sim.aws.endpoints, account);
    expect((await failureOf(c.ecs.send(new ListClustersCommand({})))).name).toBe("AccessDeniedException");
    expect((await simFetch(sim, `/_sim/aws/accounts/${account.accountId}/deny`, { method: "DELETE" })).status).toBe(204);
    expect((await c.ecs.send(new ListClustersCommand({}))).clusterArns).toHaveLength(1);
    expect((await simFetch(sim, `/_sim/aws/accounts/${account.accountId}/expire-credentials`, { method: "POST" })).status).toBe(204);
    expect(await (await simFetch(sim, `/_sim/aws/accounts/${account.accountId}/tasks`)).json()).toEqual({ tasks: [] });
    expect((await simFetch(sim, "/_sim/aws/nope")).status).toBe(404);
  });
});
