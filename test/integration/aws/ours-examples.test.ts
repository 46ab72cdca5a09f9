import { describe, expect, it } from "vitest";
import type { Task, TaskDefinition } from "@aws-sdk/client-ecs";
import type { Rule, Target } from "@aws-sdk/client-eventbridge";
import type { GetScheduleOutput } from "@aws-sdk/client-scheduler";
import { ourExamples } from "../../../sim/aws/smithy/examples";
import { asSdkShape } from "../../support/aws-fixtures";
import { awsLogsTargets, streamName, transformExecution, transformJob, transformRuleTrigger, transformScheduleTrigger } from "../../../lib/providers/aws/transform";

// The transforms pinned on our own examples (sim/aws/smithy/ours, each validated against the Smithy
// shapes by the aws-smithy examples loader) for the calls AWS shows no example of: seed 003's rules,
// their ECS targets, a Scheduler schedule, a revision with awslogs and two stopped tasks.

const output = <T>(name: string): T => {
  const example = ourExamples().find((e) => e.source.endsWith(`${name}.json`));
  if (!example) throw new Error(`no example ours/${name}.json`);
  return asSdkShape<T>(example.output);
};

const td = () => output<{ taskDefinition: TaskDefinition }>("ecs.DescribeTaskDefinition-awslogs").taskDefinition;

describe("our examples", () => {
  it("a seed 003 revision with awslogs is the job, its streams named by prefix, container and task", () => {
    expect(transformJob(td(), "ap-northeast-1")).toEqual({
      providerId: "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/batch",
      name: "batch",
      kind: "job",
      region: "ap-northeast-1",
      image: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/batch:latest",
      milliVcpu: 250,
      memoryMiB: 512,
      env: { arg1: "test" },
      triggers: [],
    });
    const targets = awsLogsTargets(td());
    expect(targets).toEqual([{ group: "/fargate/batch", region: "ap-northeast-1", prefix: "batch", container: "batch" }]);
    const tasks = output<{ tasks: Task[] }>("ecs.DescribeTasks-stopped").tasks;
    const streams = output<{ events: { logStreamName: string }[] }>("logs.FilterLogEvents-page1").events.map((e) => e.logStreamName);
    expect(streamName(targets[0]!, tasks[0]!.taskArn!)).toBe(streams[0]);
  });

  it("two stopped tasks: a rule's failed no1 run and a click's no2 run", () => {
    const tasks = output<{ tasks: Task[] }>("ecs.DescribeTasks-stopped").tasks;
    expect(tasks.map((t) => transformExecution(t, td()))).toEqual([
      {
        providerId: "arn:aws:ecs:ap-northeast-1:123456789012:task/batch/5f1e0c7a9b3d4e2f8a6c1b0d9e8f7a61#batch:1",
        jobProviderId: "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/batch",
        status: "failed",
        providerStatus: "STOPPED (EssentialContainerExited)",
        startedAt: new Date("2025-11-30T00:00:25.312Z"),
        endedAt: new Date("2025-11-30T00:01:50.812Z"),
        exitCode: 1,
        image: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/batch:latest",
        milliVcpu: 250,
        memoryMiB: 512,
        env: {"arg1": "test", "batch": "no1"},
        overrides: {"batch": "no1"},
        triggeredBy: "trigger",
        triggerProviderId: "arn:aws:events:ap-northeast-1:123456789012:rule/batch1-every-5min",
        requestKey: null,
      },
      {
        providerId: "arn:aws:ecs:ap-northeast-1:123456789012:task/batch/c0d9e8f7a6b5443291807f6e5d4c3b2a#batch:1",
        jobProviderId: "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/batch",
        status: "succeeded",
        providerStatus: "STOPPED (EssentialContainerExited)",
        startedAt: new Date("2025-11-30T00:05:25.018Z"),
        endedAt: new Date("2025-11-30T00:06:50.518Z"),
        exitCode: 0,
        image: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/batch:latest",
        milliVcpu: 250,
        memoryMiB: 512,
        env: {"arg1": "test", "batch": "no2"},
        overrides: {"batch": "no2"},
        triggeredBy: "user",
        triggerProviderId: null,
        requestKey: null,
      },
    ]);
  });

  it("seed 003's rule and its ECS target are a trigger of batch no1", () => {
    const [rule] = output<{ Rules: Rule[] }>("eventbridge.ListRules-seed003").Rules;
    const [target] = output<{ Targets: Target[] }>("eventbridge.ListTargetsByRule-ecs").Targets;
    expect(transformRuleTrigger(rule!, target!, "batch")).toEqual({
      providerId: "arn:aws:events:ap-northeast-1:123456789012:rule/batch1-every-5min",
      kind: "schedule",
      expression: "cron(0/5 * * * ? *)",
      batch: "no1",
      overrides: { batch: "no1" },
      enabled: true,
    });
  });

  it("a Scheduler schedule is a trigger of batch no2 in Tokyo time", () => {
    expect(transformScheduleTrigger(output<GetScheduleOutput>("scheduler.GetSchedule-ecs"), "batch")).toEqual({
      providerId: "arn:aws:scheduler:ap-northeast-1:123456789012:schedule/default/batch-no2-nightly",
      kind: "schedule",
      expression: "cron(0 3 * * ? *)",
      timeZone: "Asia/Tokyo",
      batch: "no2",
      overrides: { batch: "no2" },
      enabled: true,
    });
  });
});
