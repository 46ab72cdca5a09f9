import { DescribeLogGroupsCommand, DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeClustersCommand, DescribeTaskDefinitionCommand, DescribeTasksCommand, ListClustersCommand, ListTaskDefinitionFamiliesCommand, ListTaskDefinitionsCommand, ListTasksCommand, RegisterTaskDefinitionCommand, RunTaskCommand, StopTaskCommand } from "@aws-sdk/client-ecs";
import { DescribeRuleCommand, ListRuleNamesByTargetCommand, ListRulesCommand, ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { GetScheduleCommand, ListSchedulesCommand, UpdateScheduleCommand } from "@aws-sdk/client-scheduler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestLogEntry } from "../core/requestLog";
import type { Simulator } from "../server";
import { startTestSimulator } from "../testing";
import { validateTaskStateChangeEvent } from "./smithy/events";
import { matchRestJson1Operation, validateHttpInput } from "./smithy/http-bindings";
import type { AwsService } from "./smithy/model";
import { validateResponse } from "./smithy/response";
import { isHttpBound, validateInput } from "./smithy/validate";
import { serviceModel } from "./smithy/model";
import { awsClients } from "./testClients";

// Every operation the simulator serves, driven by the real SDKs, and every answer it gave (successes and
// errors, from the request log) checked against the vendor's Smithy shapes; every SDK request against
// the input shape. STS (awsQuery) has no model in shared/specs and is covered by sdk.test.ts only.

let sim: Simulator;
const calls: { entry: RequestLogEntry; service: AwsService; operation: string }[] = [];

beforeAll(async () => {
  sim = await startTestSimulator();
  const c = awsClients(sim.aws.endpoints, sim.aws.demoAccount);
  const a = sim.aws.demoAccount;
  // Each call is tagged with its operation by the log entries it added (awsJson names it in a header the log does not keep).
  const drive = async (service: AwsService, operation: string, send: () => Promise<unknown>) => {
    const before = sim.requests().length;
    await send().catch(() => undefined);
    for (const entry of sim.requests().slice(before)) calls.push({ entry, service, operation });
  };
  const td = (await c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "batch" }))).taskDefinition!;
  await drive("ecs", "ListClusters", () => c.ecs.send(new ListClustersCommand({})));
  await drive("ecs", "DescribeClusters", () => c.ecs.send(new DescribeClustersCommand({ clusters: ["batch", "missing"] })));
  await drive("ecs", "ListTaskDefinitionFamilies", () => c.ecs.send(new ListTaskDefinitionFamiliesCommand({ status: "ACTIVE" })));
  await drive("ecs", "ListTaskDefinitions", () => c.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: "batch", sort: "DESC", maxResults: 1 })));
  await drive("ecs", "DescribeTaskDefinition", () => c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "batch:1", include: ["TAGS"] })));
  await drive("ecs", "DescribeTaskDefinition", () => c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "nope" })));
  await drive("ecs", "RegisterTaskDefinition", () => c.ecs.send(new RegisterTaskDefinitionCommand({
    family: "batch", cpu: td.cpu, memory: td.memory, networkMode: td.networkMode, requiresCompatibilities: td.requiresCompatibilities,
    executionRoleArn: td.executionRoleArn, taskRoleArn: td.taskRoleArn, containerDefinitions: td.containerDefinitions!.map((x) => ({ ...x, image: x.image!.replace(":green", ":blue") })),
  })));
  let taskArn = "";
  await drive("ecs", "RunTask", async () => {
    const out = await c.ecs.send(new RunTaskCommand({ cluster: "batch", taskDefinition: "batch", launchType: "FARGATE", startedBy: "batchdeck", clientToken: "contract-1", overrides: { containerOverrides: [{ name: "batch", environment: [{ name: "batch", value: "no2" }] }] } }));
    taskArn = out.tasks![0]!.taskArn!;
  });
  await drive("ecs", "RunTask", () => c.ecs.send(new RunTaskCommand({ cluster: "batch", taskDefinition: "batch", clientToken: "contract-1" })));
  await drive("ecs", "RunTask", () => c.ecs.send(new RunTaskCommand({ cluster: "nope", taskDefinition: "batch" })));
  sim.clock.advance(40);
  await drive("ecs", "ListTasks", () => c.ecs.send(new ListTasksCommand({ cluster: "batch", desiredStatus: "RUNNING", maxResults: 1 })));
  await drive("ecs", "ListTasks", () => c.ecs.send(new ListTasksCommand({ cluster: "batch", family: "batch", desiredStatus: "STOPPED" })));
  const stopped = await c.ecs.send(new ListTasksCommand({ cluster: "batch", desiredStatus: "STOPPED" }));
  await drive("ecs", "DescribeTasks", () => c.ecs.send(new DescribeTasksCommand({ cluster: "batch", tasks: [taskArn, ...(stopped.taskArns ?? []).slice(0, 20), "0123456789abcdef0123456789abcdef"], include: ["TAGS"] })));
  await drive("ecs", "StopTask", () => c.ecs.send(new StopTaskCommand({ cluster: "batch", task: taskArn, reason: "Stopped by alice@example.com in Batchdeck" })));
  sim.faults.add({ account: a.accountId, kind: "throttle", count: 1 });
  await drive("ecs", "ListTasks", () => c.ecs.send(new ListTasksCommand({ cluster: "batch" })));

  await drive("eventbridge", "ListRules", () => c.events.send(new ListRulesCommand({ Limit: 2 })));
  await drive("eventbridge", "DescribeRule", () => c.events.send(new DescribeRuleCommand({ Name: "batch1-hourly" })));
  await drive("eventbridge", "DescribeRule", () => c.events.send(new DescribeRuleCommand({ Name: "nope" })));
  await drive("eventbridge", "ListTargetsByRule", () => c.events.send(new ListTargetsByRuleCommand({ Rule: "batch2-every-3h" })));
  await drive("eventbridge", "ListRuleNamesByTarget", () => c.events.send(new ListRuleNamesByTargetCommand({ TargetArn: a.clusterArn })));
  await drive("eventbridge", "PutRule", () => c.events.send(new PutRuleCommand({ Name: "contract", ScheduleExpression: "rate(1 hour)", State: "DISABLED", Description: "contract" })));
  const target = (await c.events.send(new ListTargetsByRuleCommand({ Rule: "batch1-hourly" }))).Targets![0]!;
  await drive("eventbridge", "PutTargets", () => c.events.send(new PutTargetsCommand({ Rule: "contract", Targets: [target] })));

  await drive("scheduler", "ListSchedules", () => c.scheduler.send(new ListSchedulesCommand({ MaxResults: 10 })));
  const schedule = await c.scheduler.send(new GetScheduleCommand({ Name: "batch1-weekday-morning" }));
  await drive("scheduler", "GetSchedule", () => c.scheduler.send(new GetScheduleCommand({ Name: "batch1-weekday-morning", GroupName: "default" })));
  await drive("scheduler", "GetSchedule", () => c.scheduler.send(new GetScheduleCommand({ Name: "nope" })));
  await drive("scheduler", "UpdateSchedule", () => c.scheduler.send(new UpdateScheduleCommand({
    Name: schedule.Name, GroupName: schedule.GroupName, ScheduleExpression: schedule.ScheduleExpression, ScheduleExpressionTimezone: schedule.ScheduleExpressionTimezone,
    FlexibleTimeWindow: schedule.FlexibleTimeWindow, State: schedule.State, Target: schedule.Target, Description: schedule.Description,
  })));
  sim.faults.add({ account: a.accountId, kind: "throttle", count: 1 });
  await drive("scheduler", "ListSchedules", () => c.scheduler.send(new ListSchedulesCommand({})));

  const streams = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: "/fargate/batch", orderBy: "LastEventTime", descending: true, limit: 3 }));
  await drive("cloudwatch-logs", "DescribeLogStreams", () => c.logs.send(new DescribeLogStreamsCommand({ logGroupName: "/fargate/batch", logStreamNamePrefix: "batch/green/", limit: 3 })));
  await drive("cloudwatch-logs", "DescribeLogGroups", () => c.logs.send(new DescribeLogGroupsCommand({})));
  const names = streams.logStreams!.map((s) => s.logStreamName!);
  await drive("cloudwatch-logs", "FilterLogEvents", () => c.logs.send(new FilterLogEventsCommand({ logGroupName: "/fargate/batch", logStreamNames: names, filterPattern: "INFO", limit: 2 })));
  await drive("cloudwatch-logs", "FilterLogEvents", () => c.logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/events/ecs-task-state-change", startTime: sim.clock.now().getTime() - 3_600_000 })));
  await drive("cloudwatch-logs", "FilterLogEvents", () => c.logs.send(new FilterLogEventsCommand({ logGroupName: "/nope" })));
  await drive("cloudwatch-logs", "GetLogEvents", () => c.logs.send(new GetLogEventsCommand({ logGroupName: "/fargate/batch", logStreamName: names[0], startFromHead: true, limit: 5 })));
});
afterAll(() => sim.close());

describe("the simulator's AWS answers against the Smithy models", () => {
  it("drove every served operation, successes and errors", () => {
    const served = new Set(calls.map((c) => `${c.service}.${c.operation}`));
    expect(served.size).toBe(23);
    expect(calls.filter((c) => c.entry.status >= 400).map((c) => `${c.operation} ${c.entry.status}`).sort()).toEqual([
      "DescribeRule 400", "DescribeTaskDefinition 400", "FilterLogEvents 400", "GetSchedule 404", "ListSchedules 429", "ListTasks 400", "RunTask 400", "RunTask 400",
    ]);
  });

  it("names each call's operation in the request log", () => {
    expect(calls.filter((c) => c.entry.operation !== c.operation).map((c) => `${c.operation} logged as ${c.entry.operation}`)).toEqual([]);
  });

  it("answers every call as its output or error shape says", () => {
    const problems = calls.flatMap(({ entry, service, operation }) =>
      validateResponse(service, operation, { status: entry.status, body: entry.responseBody ?? undefined, errorType: entry.responseHeaders["x-amzn-errortype"] }).map((p) => `${operation} ${entry.status} ${p.path}: ${p.message}`),
    );
    expect(problems).toEqual([]);
  });

  it("received SDK requests that fit the input shapes", () => {
    const problems = calls.flatMap(({ entry, service, operation }) => {
      if (service !== "scheduler") return validateInput(service, operation, entry.body ?? {}).map((p) => `${operation} ${p.path}: ${p.message}`);
      const matched = matchRestJson1Operation(service, entry.method, entry.path);
      if (matched?.operation.name !== operation) return [`${entry.method} ${entry.path} is not ${operation}`];
      const input = serviceModel(service).shape(matched.operation.input);
      const body = Object.fromEntries(Object.entries((entry.body ?? {}) as Record<string, unknown>).filter(([k]) => !isHttpBound(input.members![k]!)));
      return [
        ...validateHttpInput(service, operation, { labels: matched.labels, query: new URLSearchParams(entry.query) }),
        ...(entry.method === "GET" ? [] : validateInput(service, operation, body)),
      ].map((p) => `${operation} ${p.path}: ${p.message}`);
    });
    expect(problems).toEqual([]);
  });

  it("writes state-change events that fit the documented event and the Task shape", () => {
    const events = sim.aws.logStreams(sim.aws.demoAccount.accountId, "/aws/events/ecs-task-state-change").slice(-50)
      .flatMap((stream) => sim.aws.logStream(sim.aws.demoAccount.accountId, "/aws/events/ecs-task-state-change", stream));
    expect(events.length).toBe(50);
    expect(events.flatMap((e) => validateTaskStateChangeEvent(JSON.parse(e.message)).map((p) => `${p.path}: ${p.message}`))).toEqual([]);
  });
});
