import { describe, expect, it } from "vitest";
import type { Task, TaskDefinition } from "@aws-sdk/client-ecs";
import type { Rule, Target } from "@aws-sdk/client-eventbridge";
import type { GetScheduleOutput } from "@aws-sdk/client-scheduler";
import { asSdkShape, awsFixture, awsOutput } from "../../../test/support/aws-fixtures";
import {
  awsLogsTargets,
  executionIdOf,
  memoryMiBOf,
  milliVcpuOf,
  overridesOfInput,
  parseExecutionId,
  statusOf,
  streamName,
  transformExecution,
  transformJob,
  transformRuleTrigger,
  transformScheduleTrigger,
} from "./transform";
import { taskOfStateChange } from "./backfill";
import { registrationOf } from "./redeploy";

// Pinned on the vendor's own examples (../shared/fixtures/aws). Where AWS publishes none (a ListRules
// rule, a GetSchedule answer, seed 003's targets), the inputs below are ours, marked as such, written
// from the API reference's shapes.

describe("task definition → job", () => {
  it("reads the first essential container of the aws-cli DescribeTaskDefinition example", () => {
    const { taskDefinition } = awsOutput<{ taskDefinition: TaskDefinition }>("ecs/DescribeTaskDefinition.cli-example-1.json");
    expect(transformJob(taskDefinition, "us-east-1")).toEqual({
      providerId: "arn:aws:ecs:us-east-1:012345678910:task-definition/hello_world",
      name: "hello_world",
      kind: "job",
      region: "us-east-1",
      image: "wordpress",
      // No task-level size (an EC2 task definition): the container's 10 CPU units and 500 MiB.
      milliVcpu: 10,
      memoryMiB: 500,
      env: {},
      triggers: [],
    });
  });

  it("reads the Smithy DescribeTaskDefinition example alike", () => {
    const { taskDefinition } = awsOutput<{ taskDefinition: TaskDefinition }>("ecs/DescribeTaskDefinition.smithy-example-1.json");
    expect(transformJob(taskDefinition, "us-east-1")).toEqual({
      providerId: "arn:aws:ecs:us-east-1:<aws_account_id>:task-definition/hello_world",
      name: "hello_world",
      kind: "job",
      region: "us-east-1",
      image: "wordpress",
      milliVcpu: 10,
      memoryMiB: 500,
      env: {},
      triggers: [],
    });
  });

  it("reads the registered revision of the RegisterTaskDefinition examples", () => {
    const cli = awsOutput<{ taskDefinition: TaskDefinition }>("ecs/RegisterTaskDefinition.cli-example-1.json").taskDefinition;
    expect(transformJob(cli, "us-east-1")).toEqual({
      providerId: "arn:aws:ecs:us-east-1:123456789012:task-definition/sleep360",
      name: "sleep360",
      kind: "job",
      region: "us-east-1",
      image: "busybox",
      milliVcpu: 10,
      memoryMiB: 10,
      env: {},
      triggers: [],
    });
  });

  it("keeps the task definition's CPU architecture, which Fargate prices by (ours: runtimePlatform per the API reference)", () => {
    const cli = awsOutput<{ taskDefinition: TaskDefinition }>("ecs/RegisterTaskDefinition.cli-example-1.json").taskDefinition;
    const arm: TaskDefinition = { ...cli, runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" } };
    expect(transformJob(arm, "eu-west-1")).toEqual({ ...transformJob(cli, "eu-west-1"), cpuArchitecture: "ARM64" });
    expect(transformJob(cli, "eu-west-1")).not.toHaveProperty("cpuArchitecture");
  });

  it("converts task sizes as ECS states them", () => {
    expect([milliVcpuOf("256"), milliVcpuOf("1024"), milliVcpuOf("1 vCPU"), milliVcpuOf("0.5 vcpu"), milliVcpuOf(undefined), milliVcpuOf("x")]).toEqual([250, 1000, 1000, 500, null, null]);
    expect([memoryMiBOf("512"), memoryMiBOf("1 GB"), memoryMiBOf(2048), memoryMiBOf(undefined)]).toEqual([512, 1024, 2048, null]);
  });
});

describe("awslogs streams", () => {
  it("names each container's group, region and prefix in the developer guide's awslogs example", () => {
    const td = asSdkShape<TaskDefinition>(awsFixture("ecs/RegisterTaskDefinition.awslogs-devguide.json").input);
    const targets = awsLogsTargets(td);
    expect(targets).toEqual([
      { group: "awslogs-wordpress", region: "us-west-2", prefix: "awslogs-example", container: "wordpress" },
      { group: "awslogs-mysql", region: "us-west-2", prefix: "awslogs-example", container: "mysql" },
    ]);
    // "prefix-name/container-name/ecs-task-id" (the guide's note, repeated in the fixture).
    expect(targets.map((t) => streamName(t, "arn:aws:ecs:us-west-2:123456789012:task/lab/0123456789abcdef0123456789abcdef"))).toEqual([
      "awslogs-example/wordpress/0123456789abcdef0123456789abcdef",
      "awslogs-example/mysql/0123456789abcdef0123456789abcdef",
    ]);
  });

  it("skips containers without the awslogs driver or a stream prefix", () => {
    const { taskDefinition } = awsOutput<{ taskDefinition: TaskDefinition }>("ecs/DescribeTaskDefinition.cli-example-1.json");
    expect(awsLogsTargets(taskDefinition)).toEqual([]);
  });
});

describe("task → execution", () => {
  it("reads a running Fargate task of the aws-cli DescribeTasks example", () => {
    const { tasks } = awsOutput<{ tasks: Task[] }>("ecs/DescribeTasks.cli-example-2.json");
    expect(transformExecution(tasks[0]!, null)).toEqual({
      providerId: "arn:aws:ecs:us-east-1:123456789012:task/MyCluster/74de0355a10a4f979ac495c14EXAMPLE#webserver:2",
      jobProviderId: "arn:aws:ecs:us-east-1:123456789012:task-definition/webserver",
      status: "running",
      providerStatus: "RUNNING",
      startedAt: new Date("2021-12-20T12:13:48.086-05:00"),
      endedAt: null,
      exitCode: null,
      image: "nginx",
      milliVcpu: 250,
      memoryMiB: 512,
      env: {},
      overrides: null,
      // Started by a service deployment, not by a rule or by Batchdeck.
      triggeredBy: "external",
      triggerProviderId: null,
      requestKey: null,
    });
  });

  it("reads a task that failed to start (aws-cli StopTask example)", () => {
    const { task } = awsOutput<{ task: Task }>("ecs/StopTask.cli-example-1.json");
    expect(transformExecution(task, null)).toEqual({
      providerId: "arn:aws:ecs:us-west-2:130757420319:task/default/666fdccc2e2d4b6894dd422f4eeee8f8#sleep360:3",
      jobProviderId: "arn:aws:ecs:us-west-2:130757420319:task-definition/sleep360",
      status: "failed",
      providerStatus: "STOPPED (TaskFailedToStart)",
      // Never started: the run is dated by its creation.
      startedAt: new Date(1563421494186),
      endedAt: new Date(1563421497252),
      exitCode: null,
      image: null,
      milliVcpu: 125,
      memoryMiB: 128,
      env: {},
      overrides: null,
      triggeredBy: "external",
      triggerProviderId: null,
      requestKey: null,
    });
  });

  it("reads a stopping task with the old task ARN form (Smithy StopTask example)", () => {
    const { task } = awsOutput<{ task: Task }>("ecs/StopTask.smithy-example-1.json");
    expect(transformExecution(task, null)).toEqual({
      providerId: "arn:aws:ecs:us-east-1:012345678910:task/1dc5c17a-422b-4dc4-b493-371970c6c4d6#console-sample-app-dynamic-ports:1",
      jobProviderId: "arn:aws:ecs:us-east-1:012345678910:task-definition/console-sample-app-dynamic-ports",
      status: "running",
      providerStatus: "RUNNING",
      startedAt: new Date(1476822833998),
      endedAt: null,
      exitCode: null,
      image: null,
      milliVcpu: null,
      memoryMiB: null,
      env: {},
      overrides: null,
      triggeredBy: "external",
      triggerProviderId: null,
      requestKey: null,
    });
  });

  it("reads a pending task with its revision's env (Smithy RunTask and RegisterTaskDefinition examples)", () => {
    const { tasks } = awsOutput<{ tasks: Task[] }>("ecs/RunTask.smithy-example-1.json");
    const { taskDefinition } = awsOutput<{ taskDefinition: TaskDefinition }>("ecs/RegisterTaskDefinition.smithy-example-1.json");
    expect(transformExecution(tasks[0]!, taskDefinition)).toEqual({
      providerId: "arn:aws:ecs:us-east-1:<aws_account_id>:task/default/a9f21ea7-c9f5-44b1-b8e6-b31f50ed33c0#sleep360:1",
      jobProviderId: "arn:aws:ecs:us-east-1:<aws_account_id>:task-definition/sleep360",
      status: "queued",
      providerStatus: "PENDING",
      startedAt: null,
      endedAt: null,
      exitCode: null,
      // Not placed yet: the image and size are the revision's.
      image: "public.ecr.aws/docker/library/busybox:latest",
      milliVcpu: 10,
      memoryMiB: 10,
      env: {},
      overrides: null,
      triggeredBy: "external",
      triggerProviderId: null,
      requestKey: null,
    });
  });

  it("reads the developer guide's ECS Task State Change event as the task it describes", () => {
    const event = awsFixture("eventbridge/event.ECS-Task-State-Change.devguide.json").event as Record<string, unknown>;
    const task = taskOfStateChange(JSON.stringify(event));
    expect(task === null ? null : transformExecution(task, null)).toEqual({
      providerId: "arn:aws:ecs:us-west-2:111122223333:task/FargateCluster/c13b4cb40f1f4fe4a2971f76ae5a47ad#sample-fargate:1",
      jobProviderId: "arn:aws:ecs:us-west-2:111122223333:task-definition/sample-fargate",
      status: "running",
      providerStatus: "RUNNING",
      startedAt: new Date("2020-01-23T17:57:58.103Z"),
      endedAt: null,
      exitCode: null,
      image: "111122223333.dkr.ecr.us-west-2.amazonaws.com/hello-repository:latest",
      milliVcpu: 250,
      memoryMiB: 512,
      env: {},
      overrides: null,
      triggeredBy: "external",
      triggerProviderId: null,
      requestKey: null,
    });
    expect(taskOfStateChange(JSON.stringify({ ...event, "detail-type": "ECS Container Instance State Change" }))).toBeNull();
    expect(taskOfStateChange("not json")).toBeNull();
  });

  it("tells a rule's run, a click and the batch from the task (ours: seed 003's no2 rule run and a click)", () => {
    const td = asSdkShape<TaskDefinition>({
      taskDefinitionArn: "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/batch:1",
      family: "batch",
      cpu: "256",
      memory: "512",
      containerDefinitions: [{ name: "batch", image: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/batch:latest", essential: true, environment: [{ name: "arg1", value: "test" }] }],
    });
    const task = (startedBy: string, env: { name: string; value: string }[], exitCode: number, stopCode: string) =>
      asSdkShape<Task>({
        taskArn: "arn:aws:ecs:ap-northeast-1:123456789012:task/batch/0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        taskDefinitionArn: "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/batch:1",
        lastStatus: "STOPPED",
        desiredStatus: "STOPPED",
        stopCode,
        startedBy,
        cpu: "256",
        memory: "512",
        createdAt: "2026-11-30T09:00:01Z",
        startedAt: "2026-11-30T09:00:20Z",
        stoppedAt: "2026-11-30T09:01:02Z",
        overrides: { containerOverrides: [{ name: "batch", environment: env }] },
        containers: [{ name: "batch", image: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/batch:latest", exitCode, lastStatus: "STOPPED" }],
      });
    const byRule = transformExecution(task("events-rule/batch2-every-5min", [{ name: "batch", value: "no2" }], 1, "EssentialContainerExited"), td);
    expect(byRule).toEqual({
      providerId: "arn:aws:ecs:ap-northeast-1:123456789012:task/batch/0f1e2d3c4b5a69788796a5b4c3d2e1f0#batch:1",
      jobProviderId: "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/batch",
      status: "failed",
      providerStatus: "STOPPED (EssentialContainerExited)",
      startedAt: new Date("2026-11-30T09:00:20Z"),
      endedAt: new Date("2026-11-30T09:01:02Z"),
      exitCode: 1,
      image: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/batch:latest",
      milliVcpu: 250,
      memoryMiB: 512,
      env: { arg1: "test", batch: "no2" },
      overrides: { batch: "no2" },
      triggeredBy: "trigger",
      triggerProviderId: "arn:aws:events:ap-northeast-1:123456789012:rule/batch2-every-5min",
      requestKey: null,
    });
    const byClick = transformExecution(task("batchdeck", [{ name: "batch", value: "no1" }, { name: "BATCHDECK_REQUEST", value: "req-1" }], 0, "EssentialContainerExited"), td);
    expect([byClick.status, byClick.triggeredBy, byClick.triggerProviderId, byClick.requestKey, byClick.overrides]).toEqual(["succeeded", "user", null, "req-1", { batch: "no1", BATCHDECK_REQUEST: "req-1" }]);
  });

  it("maps ECS's lifecycle and stop codes to statuses", () => {
    const cases: [string, string | undefined, number | null][] = [
      ["PROVISIONING", undefined, null],
      ["PENDING", undefined, null],
      ["ACTIVATING", undefined, null],
      ["RUNNING", undefined, null],
      ["DEACTIVATING", undefined, null],
      ["STOPPING", undefined, null],
      ["DEPROVISIONING", undefined, null],
      ["STOPPED", "EssentialContainerExited", 0],
      ["STOPPED", "EssentialContainerExited", 2],
      ["STOPPED", "UserInitiated", 143],
      ["STOPPED", "TaskFailedToStart", null],
      ["STOPPED", "SpotInterruption", null],
      ["MYSTERY", undefined, null],
    ];
    expect(cases.map(([lastStatus, stopCode, exit]) => statusOf({ lastStatus, stopCode: stopCode as Task["stopCode"] }, exit))).toEqual([
      "queued", "queued", "queued", "running", "running", "running", "running", "succeeded", "failed", "stopped", "failed", "failed", "unknown",
    ]);
  });

  it("keeps the revision in the execution id and reads it back", () => {
    const arn = "arn:aws:ecs:eu-west-1:123456789012:task/batch/abc";
    const id = executionIdOf(arn, "arn:aws:ecs:eu-west-1:123456789012:task-definition/batch:7");
    expect(id).toBe(`${arn}#batch:7`);
    expect(parseExecutionId(id)).toEqual({ taskArn: arn, taskDefinition: "arn:aws:ecs:eu-west-1:123456789012:task-definition/batch:7" });
    expect(parseExecutionId(arn)).toEqual({ taskArn: arn, taskDefinition: null });
  });
});

describe("rules and schedules → triggers", () => {
  it("reads the developer guide's scheduled-task target (rule: ours, from its put-rule command)", () => {
    const input = awsFixture("eventbridge/PutTargets.ecs-scheduled-task.devguide.json").input as { Rule: string; Targets: Target[] };
    const rule: Rule = { Name: input.Rule, Arn: "arn:aws:events:us-east-1:123456789012:rule/MyRule1", ScheduleExpression: "cron(0 12 * * ? *)", State: "ENABLED", EventBusName: "default" };
    expect(transformRuleTrigger(rule, input.Targets[0]!, "first-run")).toEqual({
      providerId: "arn:aws:events:us-east-1:123456789012:rule/MyRule1",
      kind: "schedule",
      expression: "cron(0 12 * * ? *)",
      batch: null,
      overrides: null,
      enabled: true,
    });
  });

  it("reads the batch from the target's Input (ours: seed 003's batch2 rule, disabled)", () => {
    const rule: Rule = { Name: "batch2-every-5min", Arn: "arn:aws:events:ap-northeast-1:123456789012:rule/batch2-every-5min", ScheduleExpression: "cron(0/5 * * * ? *)", State: "DISABLED", Description: "batch no2" };
    const target: Target = {
      Id: "1",
      Arn: "arn:aws:ecs:ap-northeast-1:123456789012:cluster/batch",
      RoleArn: "arn:aws:iam::123456789012:role/ecsEventRole",
      EcsParameters: { TaskDefinitionArn: "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/batch:1", TaskCount: 1, LaunchType: "FARGATE" },
      Input: '{ "containerOverrides": [{ "name": "batch", "environment": [ {"name": "batch", "value": "no2" }] }] }',
    };
    expect(transformRuleTrigger(rule, target, "batch")).toEqual({
      providerId: "arn:aws:events:ap-northeast-1:123456789012:rule/batch2-every-5min",
      kind: "schedule",
      expression: "cron(0/5 * * * ? *)",
      batch: "no2",
      overrides: { batch: "no2" },
      enabled: false,
    });
  });

  it("reads an event-pattern rule as an event trigger", () => {
    const rule: Rule = { Name: "on-upload", Arn: "arn:aws:events:eu-west-1:123456789012:rule/on-upload", EventPattern: '{"source":["aws.s3"]}', State: "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" };
    expect(transformRuleTrigger(rule, { Id: "t", Arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/batch" }, "batch")).toEqual({
      providerId: "arn:aws:events:eu-west-1:123456789012:rule/on-upload",
      kind: "event",
      expression: '{"source":["aws.s3"]}',
      batch: null,
      overrides: null,
      enabled: true,
    });
  });

  it("reads a Scheduler schedule with its time zone (ours: a GetSchedule answer per the API reference)", () => {
    const schedule = asSdkShape<GetScheduleOutput>({
      Arn: "arn:aws:scheduler:ap-northeast-1:123456789012:schedule/default/batch-nightly",
      Name: "batch-nightly",
      GroupName: "default",
      ScheduleExpression: "cron(30 2 * * ? *)",
      ScheduleExpressionTimezone: "Asia/Tokyo",
      State: "ENABLED",
      FlexibleTimeWindow: { Mode: "OFF" },
      CreationDate: 1764460800,
      Target: {
        Arn: "arn:aws:ecs:ap-northeast-1:123456789012:cluster/batch",
        RoleArn: "arn:aws:iam::123456789012:role/schedulerEcsRole",
        EcsParameters: { TaskDefinitionArn: "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/batch:1", LaunchType: "FARGATE" },
        Input: '{"containerOverrides":[{"name":"batch","environment":[{"name":"batch","value":"nightly"}]},{"name":"sidecar","environment":[{"name":"X","value":"1"}]}]}',
      },
    });
    expect(transformScheduleTrigger(schedule, "batch")).toEqual({
      providerId: "arn:aws:scheduler:ap-northeast-1:123456789012:schedule/default/batch-nightly",
      kind: "schedule",
      expression: "cron(30 2 * * ? *)",
      timeZone: "Asia/Tokyo",
      batch: "nightly",
      overrides: { batch: "nightly" },
      enabled: true,
    });
  });

  it("ignores Input that is not container overrides", () => {
    expect([overridesOfInput(undefined, "a"), overridesOfInput("not json", "a"), overridesOfInput('{"x":1}', "a"), overridesOfInput('{"containerOverrides":[{"name":"a"}]}', "a")]).toEqual([null, null, null, null]);
  });
});

describe("redeploy registration", () => {
  it("copies the revision with only the main container's image changed", () => {
    const { taskDefinition } = awsOutput<{ taskDefinition: TaskDefinition }>("ecs/DescribeTaskDefinition.cli-example-1.json");
    const input = registrationOf(taskDefinition, "wordpress:6.4");
    expect(input.containerDefinitions?.map((c) => c.image)).toEqual(["wordpress:6.4", "mysql"]);
    expect({ ...input, containerDefinitions: undefined }).toEqual({
      family: "hello_world",
      taskRoleArn: undefined,
      executionRoleArn: undefined,
      networkMode: undefined,
      containerDefinitions: undefined,
      volumes: [],
      placementConstraints: [],
      requiresCompatibilities: undefined,
      cpu: undefined,
      memory: undefined,
      pidMode: undefined,
      ipcMode: undefined,
      proxyConfiguration: undefined,
      inferenceAccelerators: undefined,
      ephemeralStorage: undefined,
      runtimePlatform: undefined,
      enableFaultInjection: undefined,
    });
    expect(input.containerDefinitions?.[1]).toBe(taskDefinition.containerDefinitions?.[1]);
  });
});
