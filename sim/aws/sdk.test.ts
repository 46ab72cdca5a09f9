import { FilterLogEventsCommand, DescribeLogStreamsCommand, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeClustersCommand, DescribeTaskDefinitionCommand, DescribeTasksCommand, ListClustersCommand, ListTaskDefinitionFamiliesCommand, ListTaskDefinitionsCommand, ListTasksCommand, RegisterTaskDefinitionCommand, RunTaskCommand, StopTaskCommand, type Task } from "@aws-sdk/client-ecs";
import { DescribeRuleCommand, ListRuleNamesByTargetCommand, ListRulesCommand, ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { GetScheduleCommand, ListSchedulesCommand, UpdateScheduleCommand } from "@aws-sdk/client-scheduler";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../server";
import { startTestSimulator } from "../testing";
import { awsClients, failureOf } from "./testClients";

// The real AWS SDK v3 clients (the ones lib/providers/aws uses) against the simulator's demo account
// (shared/seeds/003): every operation the adapter calls, over HTTPS with SigV4.

let sim: Simulator;
let c: ReturnType<typeof awsClients>;

beforeAll(async () => {
  sim = await startTestSimulator();
  c = awsClients(sim.aws.endpoints, sim.aws.demoAccount);
});
afterAll(() => sim.close());

const envOf = (task: Task) => Object.fromEntries((task.overrides?.containerOverrides?.[0]?.environment ?? []).map((e) => [e.name, e.value]));

describe("ECS", () => {
  it("lists and describes the seed's cluster", async () => {
    const { clusterArns } = await c.ecs.send(new ListClustersCommand({}));
    expect(clusterArns).toEqual([sim.aws.demoAccount.clusterArn]);
    const { clusters, failures } = await c.ecs.send(new DescribeClustersCommand({ clusters: ["batch", "nope"] }));
    expect(clusters?.map((x) => [x.clusterName, x.status])).toEqual([["batch", "ACTIVE"]]);
    expect(failures?.map((f) => f.reason)).toEqual(["MISSING"]);
  });

  it("reads the family's revisions, the latest ACTIVE one by family name", async () => {
    const { families } = await c.ecs.send(new ListTaskDefinitionFamiliesCommand({}));
    expect(families).toEqual(["batch"]);
    const { taskDefinitionArns } = await c.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: "batch", sort: "DESC" }));
    expect(taskDefinitionArns?.map((a) => a.split("/")[1])).toEqual(["batch:2", "batch:1"]);
    const { taskDefinition } = await c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "batch" }));
    expect(taskDefinition?.revision).toBe(2);
    expect(taskDefinition?.containerDefinitions?.[0]?.image).toMatch(/\.dkr\.ecr\.ap-northeast-1\.amazonaws\.com\/batch:green$/);
    expect(taskDefinition?.containerDefinitions?.[0]?.logConfiguration?.options).toEqual({ "awslogs-group": "/fargate/batch", "awslogs-region": "ap-northeast-1", "awslogs-stream-prefix": "batch/green" });
    expect(taskDefinition?.registeredAt).toBeInstanceOf(Date);
    const missing = await failureOf(c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "nope" })));
    expect([missing.name, missing.message]).toEqual(["ClientException", "Unable to describe task definition."]);
  });

  it("lists running and stopped tasks in pages and describes at most 100, answering MISSING for unknown ones", async () => {
    // The demo's hand-started run, and batch no1's rule firing at 12:00, the test clock's start.
    const running = await c.ecs.send(new ListTasksCommand({ cluster: "batch" }));
    expect(running.taskArns).toHaveLength(2);
    const byBatchdeck = await c.ecs.send(new ListTasksCommand({ cluster: "batch", startedBy: "batchdeck" }));
    expect(byBatchdeck.taskArns).toHaveLength(1);
    const stopped: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await c.ecs.send(new ListTasksCommand({ cluster: "batch", desiredStatus: "STOPPED", maxResults: 1, nextToken }));
      stopped.push(...(page.taskArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    const unknown = `arn:aws:ecs:ap-northeast-1:${sim.aws.demoAccount.accountId}:task/batch/0123456789abcdef0123456789abcdef`;
    const { tasks, failures } = await c.ecs.send(new DescribeTasksCommand({ cluster: "batch", tasks: [...running.taskArns!, ...stopped, unknown] }));
    expect(failures).toEqual([{ arn: unknown, reason: "MISSING" }]);
    const live = tasks!.find((t) => t.taskArn === byBatchdeck.taskArns![0])!;
    expect([live.lastStatus, live.desiredStatus, live.startedBy, envOf(live).batch]).toEqual(["RUNNING", "RUNNING", "batchdeck", "no2"]);
    for (const t of tasks!.filter((x) => x.desiredStatus === "STOPPED")) {
      // Only the last hour is listed; older history lives in the log groups.
      expect(sim.clock.now().getTime() - (t.stoppedAt ?? sim.clock.now()).getTime()).toBeLessThanOrEqual(3_600_000);
      expect(t.startedBy).toMatch(/^(events-rule\/batch(1-hourly|2-every-3h)|chronos-schedule\/batch1-weekday-morning)$/);
    }
    const tooMany = await failureOf(c.ecs.send(new DescribeTasksCommand({ cluster: "batch", tasks: Array.from({ length: 101 }, (_, i) => `t${i}`) })));
    expect(tooMany.name).toBe("InvalidParameterException");
  });

  it("registers a revision, runs it with overrides and startedBy, and stops it with a reason", async () => {
    const { taskDefinition } = await c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "batch" }));
    const { revision, taskDefinitionArn: _arn, status: _s, registeredAt: _r, registeredBy: _b, compatibilities: _c, requiresAttributes: _q, ...input } = taskDefinition!;
    const registered = await c.ecs.send(new RegisterTaskDefinitionCommand({ ...input, family: "batch", containerDefinitions: input.containerDefinitions!.map((x) => ({ ...x, image: x.image!.replace(":green", ":blue") })) }));
    expect(registered.taskDefinition?.revision).toBe(revision! + 1);
    const run = await c.ecs.send(new RunTaskCommand({
      cluster: "batch", taskDefinition: registered.taskDefinition!.taskDefinitionArn, launchType: "FARGATE", startedBy: "batchdeck", clientToken: "sdk-run-1",
      overrides: { containerOverrides: [{ name: "batch", environment: [{ name: "batch", value: "no2" }, { name: "SIM_DURATION_SECONDS", value: "600" }] }] },
      networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-1111111"], assignPublicIp: "ENABLED" } },
    }));
    const task = run.tasks![0]!;
    expect([task.lastStatus, task.desiredStatus, task.startedBy, task.group, task.containers?.[0]?.image?.endsWith(":blue")]).toEqual(["PROVISIONING", "RUNNING", "batchdeck", "family:batch", true]);
    sim.clock.advance(60);
    const stoppedNow = await c.ecs.send(new StopTaskCommand({ cluster: "batch", task: task.taskArn, reason: "Stopped by alice@example.com in Batchdeck" }));
    expect([stoppedNow.task?.desiredStatus, stoppedNow.task?.stopCode, stoppedNow.task?.stoppedReason]).toEqual(["STOPPED", "UserInitiated", "Stopped by alice@example.com in Batchdeck"]);
    sim.clock.advance(60);
    const { tasks } = await c.ecs.send(new DescribeTasksCommand({ cluster: "batch", tasks: [task.taskArn!] }));
    expect([tasks![0]!.lastStatus, tasks![0]!.containers![0]!.exitCode]).toEqual(["STOPPED", 143]);
  });
});

describe("EventBridge", () => {
  it("lists the seed's rules with their targets' batch overrides, and finds rules by target", async () => {
    const { Rules } = await c.events.send(new ListRulesCommand({}));
    expect(Rules?.map((r) => [r.Name, r.ScheduleExpression ?? r.EventPattern])).toEqual([
      ["batch1-hourly", "cron(0 * * * ? *)"],
      ["batch2-every-3h", "cron(30 0/3 * * ? *)"],
      ["ecs-task-state-change", '{"source":["aws.ecs"],"detail-type":["ECS Task State Change"]}'],
    ]);
    const { Targets } = await c.events.send(new ListTargetsByRuleCommand({ Rule: "batch2-every-3h" }));
    expect(JSON.parse(Targets![0]!.Input!)).toEqual({ containerOverrides: [{ name: "batch", environment: [{ name: "batch", value: "no2" }] }] });
    expect(Targets![0]!.EcsParameters?.TaskDefinitionArn).toMatch(/task-definition\/batch:2$/);
    const rule = await c.events.send(new DescribeRuleCommand({ Name: "batch1-hourly" }));
    expect([rule.State, rule.Description]).toEqual(["ENABLED", "batch no1"]);
    const { RuleNames } = await c.events.send(new ListRuleNamesByTargetCommand({ TargetArn: sim.aws.demoAccount.clusterArn }));
    expect(RuleNames).toEqual(["batch1-hourly", "batch2-every-3h"]);
    const missing = await failureOf(c.events.send(new DescribeRuleCommand({ Name: "nope" })));
    expect(missing.name).toBe("ResourceNotFoundException");
  });

  it("puts a rule and repoints a target", async () => {
    const put = await c.events.send(new PutRuleCommand({ Name: "sdk-rule", ScheduleExpression: "rate(30 minutes)", State: "DISABLED" }));
    expect(put.RuleArn).toBe(`arn:aws:events:ap-northeast-1:${sim.aws.demoAccount.accountId}:rule/sdk-rule`);
    const { Targets } = await c.events.send(new ListTargetsByRuleCommand({ Rule: "batch1-hourly" }));
    const target = { ...Targets![0]!, EcsParameters: { ...Targets![0]!.EcsParameters!, TaskDefinitionArn: Targets![0]!.EcsParameters!.TaskDefinitionArn!.replace(/:2$/, ":1") } };
    expect(await c.events.send(new PutTargetsCommand({ Rule: "sdk-rule", Targets: [target] }))).toMatchObject({ FailedEntryCount: 0 });
    const after = await c.events.send(new ListTargetsByRuleCommand({ Rule: "sdk-rule" }));
    expect(after.Targets?.[0]?.EcsParameters?.TaskDefinitionArn).toMatch(/batch:1$/);
    const bad = await failureOf(c.events.send(new PutRuleCommand({ Name: "bad", ScheduleExpression: "cron(0 12 * * * *)" })));
    expect(bad.name).toBe("ValidationException");
  });
});

describe("EventBridge Scheduler", () => {
  it("lists, gets and updates the schedule with its time zone", async () => {
    const { Schedules } = await c.scheduler.send(new ListSchedulesCommand({}));
    expect(Schedules?.map((s) => [s.Name, s.GroupName, s.State])).toEqual([["batch1-weekday-morning", "default", "ENABLED"]]);
    const got = await c.scheduler.send(new GetScheduleCommand({ Name: "batch1-weekday-morning" }));
    expect([got.ScheduleExpression, got.ScheduleExpressionTimezone, got.FlexibleTimeWindow?.Mode]).toEqual(["cron(0 9 ? * MON-FRI *)", "Asia/Tokyo", "OFF"]);
    expect(got.CreationDate).toBeInstanceOf(Date);
    const updated = await c.scheduler.send(new UpdateScheduleCommand({
      Name: got.Name, GroupName: got.GroupName, ScheduleExpression: got.ScheduleExpression, ScheduleExpressionTimezone: got.ScheduleExpressionTimezone,
      FlexibleTimeWindow: got.FlexibleTimeWindow, State: got.State, Target: { ...got.Target!, EcsParameters: { ...got.Target!.EcsParameters!, TaskDefinitionArn: got.Target!.EcsParameters!.TaskDefinitionArn!.replace(/:2$/, ":3") } },
    }));
    expect(updated.ScheduleArn).toBe(got.Arn);
    expect((await c.scheduler.send(new GetScheduleCommand({ Name: "batch1-weekday-morning" }))).Target?.EcsParameters?.TaskDefinitionArn).toMatch(/batch:3$/);
    const missing = await failureOf(c.scheduler.send(new GetScheduleCommand({ Name: "nope" })));
    expect([missing.name, missing.$metadata?.httpStatusCode]).toEqual(["ResourceNotFoundException", 404]);
  });
});

describe("CloudWatch Logs", () => {
  it("filters a batch's streams on the server, in pages, and reads one stream", async () => {
    const { logStreams } = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: "/fargate/batch", orderBy: "LastEventTime", descending: true, limit: 5 }));
    expect(logStreams).toHaveLength(5);
    expect(logStreams![0]!.logStreamName).toMatch(/^batch(\/green)?\/batch\/[0-9a-f]{32}$/);
    const names = logStreams!.map((s) => s.logStreamName!);
    const all = [];
    let nextToken: string | undefined;
    do {
      const page = await c.logs.send(new FilterLogEventsCommand({ logGroupName: "/fargate/batch", logStreamNames: names, filterPattern: '"batch = "', limit: 2, nextToken }));
      all.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(all).toHaveLength(5);
    expect(new Set(all.map((e) => e.logStreamName))).toEqual(new Set(names));
    // The request log proves the stream names and the filter travelled to the server.
    const filters = sim.requests(sim.aws.demoAccount.accountId).filter((r) => r.service === "logs" && r.operation === "FilterLogEvents");
    expect(filters.map((r) => (r.body as { logStreamNames: string[] }).logStreamNames)).toEqual(filters.map(() => names));
    const one = await c.logs.send(new GetLogEventsCommand({ logGroupName: "/fargate/batch", logStreamName: names[0], startFromHead: true }));
    expect(one.events?.[0]?.message).toMatch(/\[ {4}INFO\] start$/);
    const tooMany = await failureOf(c.logs.send(new FilterLogEventsCommand({ logGroupName: "/fargate/batch", logStreamNames: Array.from({ length: 101 }, (_, i) => `s${i}`) })));
    expect(tooMany.name).toBe("InvalidParameterException");
  });

  it("keeps weeks of task state changes in the state-change group", async () => {
    const found = await c.logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/events/ecs-task-state-change", filterPattern: "EssentialContainerExited", startTime: sim.clock.now().getTime() - 20 * 86_400_000 }));
    const events = found.events!.filter((e) => JSON.parse(e.message!).detail.lastStatus === "STOPPED");
    expect(events.length).toBeGreaterThan(300);
    const event = JSON.parse(events[0]!.message!);
    expect([event.source, event["detail-type"], event.detail.stopCode]).toEqual(["aws.ecs", "ECS Task State Change", "EssentialContainerExited"]);
    expect(new Set(events.map((e) => JSON.parse(e.message!).detail.overrides.containerOverrides[0].environment?.[0]?.value))).toEqual(new Set(["no1", "no2"]));
    expect(events.some((e) => JSON.parse(e.message!).detail.containers[0].exitCode === 1)).toBe(true);
  });
});

describe("STS", () => {
  it("tells who the key is and assumes the demo role with its external id", async () => {
    const me = await c.sts.send(new GetCallerIdentityCommand({}));
    expect([me.Account, me.Arn]).toEqual([sim.aws.demoAccount.accountId, `arn:aws:iam::${sim.aws.demoAccount.accountId}:user/batchdeck`]);
    const assumed = await c.sts.send(new AssumeRoleCommand({ RoleArn: sim.aws.demoAccount.roleArn, RoleSessionName: "batchdeck", ExternalId: "batchdeck-demo" }));
    expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(assumed.Credentials?.Expiration?.getTime()).toBe(sim.clock.now().getTime() + 3_600_000);
    const session = awsClients(sim.aws.endpoints, { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! });
    expect((await session.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${sim.aws.demoAccount.accountId}:assumed-role/BatchdeckReadOnly/batchdeck`);
    expect((await session.ecs.send(new ListClustersCommand({}))).clusterArns).toHaveLength(1);
    const wrong = await failureOf(c.sts.send(new AssumeRoleCommand({ RoleArn: sim.aws.demoAccount.roleArn, RoleSessionName: "batchdeck", ExternalId: "guess" })));
    expect([wrong.name, wrong.$metadata?.httpStatusCode]).toEqual(["AccessDenied", 403]);
    expect(wrong.message).toBe(`User: arn:aws:iam::${sim.aws.demoAccount.accountId}:user/batchdeck is not authorized to perform: sts:AssumeRole on resource: ${sim.aws.demoAccount.roleArn} because no identity-based policy allows the sts:AssumeRole action`);
  });
});
