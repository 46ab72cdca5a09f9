import { describe, expect, it } from "vitest";
import { errorStatus } from "./common-errors";
import { AWS_SERVICES, operationForTarget, serviceModel } from "./model";
import { compiledPattern, skippedPatterns } from "./patterns";
import { validateResponse } from "./response";
import { validateError, validateInput, validateOutput, validateShape } from "./validate";

// Self-tests of the strict validator: each broken payload fails with the exact path and message, and the
// same payload unbroken passes, so a validator that became lenient or over-strict fails here.

const TASK_ARN = "arn:aws:ecs:eu-west-1:123456789012:task/lab/0f3c1d2e4b5a46a7b8c9d0e1f2a3b4c5";

/** A STOPPED Fargate task as DescribeTasks returns it on the wire (epoch-second timestamps). */
function stoppedTask(): Record<string, unknown> {
  return {
    taskArn: TASK_ARN,
    clusterArn: "arn:aws:ecs:eu-west-1:123456789012:cluster/lab",
    taskDefinitionArn: "arn:aws:ecs:eu-west-1:123456789012:task-definition/nightly:3",
    lastStatus: "STOPPED",
    desiredStatus: "STOPPED",
    stopCode: "EssentialContainerExited",
    stoppedReason: "Essential container in task exited",
    launchType: "FARGATE",
    cpu: "256",
    memory: "512",
    createdAt: 1764500000.123,
    startedAt: 1764500030,
    stoppedAt: 1764500400.5,
    startedBy: "events-rule/nightly-no1",
    containers: [{ name: "app", lastStatus: "STOPPED", exitCode: 1, taskArn: TASK_ARN }],
    overrides: { containerOverrides: [{ name: "app", environment: [{ name: "BATCH", value: "no1" }] }] },
  };
}

function describeTasksOutput(task: Record<string, unknown> = stoppedTask()): unknown {
  return { tasks: [task], failures: [] };
}

describe("validateOutput (awsJson1_1, ECS DescribeTasks)", () => {
  it("accepts a complete, well-formed answer", () => {
    expect(validateOutput("ecs", "DescribeTasks", describeTasksOutput())).toEqual([]);
  });

  it("fails a wrong JSON type with the member's path", () => {
    const task = stoppedTask();
    task.containers = [{ name: "app", exitCode: "1" }];
    expect(validateOutput("ecs", "DescribeTasks", describeTasksOutput(task))).toEqual([
      { path: "$.tasks[0].containers[0].exitCode", message: 'expected an integer (integer), got string "1"' },
    ]);
  });

  it("fails a value outside the enum", () => {
    expect(validateOutput("ecs", "DescribeTasks", describeTasksOutput({ ...stoppedTask(), stopCode: "ContainerCrashed" }))).toEqual([
      {
        path: "$.tasks[0].stopCode",
        message:
          '"ContainerCrashed" is not a value of enum TaskStopCode (TaskFailedToStart, EssentialContainerExited, UserInitiated, ServiceSchedulerInitiated, SpotInterruption, TerminationNotice)',
      },
    ]);
  });

  it("fails a timestamp that is not epoch seconds, as the CLI prints them", () => {
    expect(validateOutput("ecs", "DescribeTasks", describeTasksOutput({ ...stoppedTask(), stoppedAt: "2025-11-30T11:00:00.500Z" }))).toEqual([
      { path: "$.tasks[0].stoppedAt", message: 'expected a timestamp in epoch seconds (a number), got string "2025-11-30T11:00:00.500Z"' },
    ]);
  });

  it("fails a malformed date-time when the body's timestamps are RFC 3339 (event detail)", () => {
    const task = { ...stoppedTask(), createdAt: "2025-11-30T11:00:00.123Z", startedAt: "2025-11-30 11:00:30", stoppedAt: "2025-11-30T11:06:40+01:00" };
    expect(validateShape("ecs", "Task", task, { timestampFormat: "date-time" })).toEqual([
      { path: "$.startedAt", message: 'expected a timestamp as an RFC 3339 UTC date-time string (…Z), got string "2025-11-30 11:00:30"' },
      { path: "$.stoppedAt", message: 'expected a timestamp as an RFC 3339 UTC date-time string (…Z), got string "2025-11-30T11:06:40+01:00"' },
    ]);
  });

  it("fails an unknown member, naming the structure", () => {
    expect(validateOutput("ecs", "DescribeTasks", describeTasksOutput({ ...stoppedTask(), exitCode: 1 }))).toEqual([
      { path: "$.tasks[0].exitCode", message: 'unknown member: Task has no member "exitCode"' },
    ]);
  });

  it("fails null sent for an absent member", () => {
    expect(validateOutput("ecs", "DescribeTasks", { tasks: [stoppedTask()], failures: null })).toEqual([
      { path: "$.failures", message: "null is not a member value; omit the member instead" },
    ]);
  });

  it("fails a body that is not an object", () => {
    expect(validateOutput("ecs", "DescribeTasks", [stoppedTask()])).toEqual([{ path: "$", message: "expected an object, got an array" }]);
  });
});

describe("required members", () => {
  it("fails a required output member that is missing (EventBridge Target.Arn)", () => {
    const target = { Id: "no1", Arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/lab", Input: '{"containerOverrides":[]}' };
    expect(validateOutput("eventbridge", "ListTargetsByRule", { Targets: [target] })).toEqual([]);
    expect(validateOutput("eventbridge", "ListTargetsByRule", { Targets: [{ Id: "no1" }] })).toEqual([
      { path: "$.Targets[0].Arn", message: "required member is missing" },
    ]);
  });

  it("fails a required input member that is missing (RunTask.taskDefinition)", () => {
    expect(validateInput("ecs", "RunTask", { cluster: "lab", taskDefinition: "nightly" })).toEqual([]);
    expect(validateInput("ecs", "RunTask", { cluster: "lab" })).toEqual([{ path: "$.taskDefinition", message: "required member is missing" }]);
  });
});

describe("constraint traits", () => {
  it("fails a string above smithy.api#length (FilterLogEvents.logGroupName, max 512)", () => {
    expect(validateInput("cloudwatch-logs", "FilterLogEvents", { logGroupName: "/ecs/" + "a".repeat(507) })).toEqual([]);
    expect(validateInput("cloudwatch-logs", "FilterLogEvents", { logGroupName: "/ecs/" + "a".repeat(508) })).toEqual([
      { path: "$.logGroupName", message: "length 513 is above the maximum of 512 characters" },
    ]);
  });

  it("fails a number outside smithy.api#range (FilterLogEvents.limit, 1..10000)", () => {
    expect(validateInput("cloudwatch-logs", "FilterLogEvents", { limit: 10000 })).toEqual([]);
    expect(validateInput("cloudwatch-logs", "FilterLogEvents", { limit: 0 })).toEqual([{ path: "$.limit", message: "0 is below the minimum of 1" }]);
  });

  it("fails a string not matching smithy.api#pattern (Scheduler role ARN)", () => {
    const target = { Arn: "arn:aws:ecs:eu-west-1:123456789012:cluster/lab", RoleArn: "arn:aws:iam::123456789012:role/scheduler" };
    const output = { Name: "nightly-no2", Arn: "arn:aws:scheduler:eu-west-1:123456789012:schedule/default/nightly-no2", Target: target };
    expect(validateOutput("scheduler", "GetSchedule", output)).toEqual([]);
    expect(validateOutput("scheduler", "GetSchedule", { ...output, Target: { ...target, RoleArn: "scheduler" } })).toEqual([
      { path: "$.Target.RoleArn", message: '"scheduler" does not match the pattern ^arn:aws(-[a-z]+)?:iam::\\d{12}:role\\/[\\w+=,.@\\/-]+$' },
    ]);
  });

  it("enforces a pattern that compiles only without the u flag ([\\w-_])", () => {
    expect(compiledPattern("^[\\w-_]*$")?.test("a-b_c")).toBe(true);
    expect(compiledPattern("^[\\w-_]*$")?.test("a b")).toBe(false);
  });

  it("compiles every pattern of the four models as a JS regex, so none is skipped", () => {
    const patterns = new Set<string>();
    for (const service of AWS_SERVICES) {
      const model = serviceModel(service);
      for (const operation of model.operations.values()) for (const id of [operation.input, operation.output]) collectPatterns(model.shape.bind(model), id, patterns, new Set());
    }
    expect(patterns.size).toBeGreaterThan(40);
    for (const pattern of patterns) expect(compiledPattern(pattern), pattern).not.toBeNull();
    expect(skippedPatterns()).toEqual([]);
  });
});

describe("unions", () => {
  it("fails a union with two members set, and one with none", () => {
    const details = { openSearchIntegrationDetails: { dataSource: { dataSourceName: "logs" } } };
    expect(validateOutput("cloudwatch-logs", "GetIntegration", { integrationName: "x", integrationDetails: details })).toEqual([]);
    expect(
      validateOutput("cloudwatch-logs", "GetIntegration", { integrationDetails: { ...details, s3IntegrationDetails: {} } }),
    ).toEqual([
      { path: "$.integrationDetails", message: "a union must set exactly one member, found 2 (openSearchIntegrationDetails, s3IntegrationDetails)" },
      { path: "$.integrationDetails.s3IntegrationDetails", message: 'unknown member: IntegrationDetails has no member "s3IntegrationDetails"' },
    ]);
    expect(validateOutput("cloudwatch-logs", "GetIntegration", { integrationDetails: {} })).toEqual([
      { path: "$.integrationDetails", message: "a union must set exactly one member, found 0" },
    ]);
  });
});

describe("restJson1 (Scheduler): only body members are in the body", () => {
  it("does not expect the httpLabel Name in the body and refuses it there", () => {
    expect(validateInput("scheduler", "GetSchedule", {})).toEqual([]);
    expect(validateInput("scheduler", "GetSchedule", { Name: "nightly-no2" })).toEqual([
      { path: "$.Name", message: 'unknown member: GetScheduleInput has no member "Name"' },
    ]);
  });
});

describe("validateError", () => {
  it("accepts a declared error with __type and message", () => {
    expect(validateError("ecs", "RunTask", "ClientException", { __type: "com.amazonaws.ecs#ClientException", message: "Task definition does not exist" })).toEqual([]);
    expect(validateError("ecs", "RunTask", "ClientException:http://internal.amazon.com/coral/com.amazonaws.ecs/", { message: "x" })).toEqual([]);
  });

  it("fails an error the operation does not declare, and a __type naming another error", () => {
    expect(validateError("ecs", "ListTasks", "TaskNotFoundException", { message: "No such task" })).toEqual([
      {
        path: "$",
        message:
          "ListTasks does not declare the error TaskNotFoundException (it declares ClientException, ClusterNotFoundException, InvalidParameterException, ServerException, ServiceNotFoundException), and it is not a common AWS error",
      },
    ]);
    expect(validateError("ecs", "RunTask", "ClientException", { __type: "ServerException", message: "x" })).toEqual([
      { path: "$.__type", message: 'expected a string naming ClientException, got "ServerException"' },
    ]);
  });
});

describe("common AWS errors (not in the models)", () => {
  it("accepts a throttle or signature error with __type and one message member", () => {
    expect(validateError("ecs", "ListTasks", "ThrottlingException", { __type: "ThrottlingException", message: "Rate exceeded" })).toEqual([]);
    expect(validateError("cloudwatch-logs", "FilterLogEvents", "InvalidSignatureException", { __type: "InvalidSignatureException", Message: "The request signature we calculated does not match the signature you provided." })).toEqual([]);
  });

  it("fails a common error with an extra member, no message, or a message that is not a string", () => {
    expect(validateError("ecs", "ListTasks", "ExpiredTokenException", { __type: "ExpiredTokenException", message: "The security token included in the request is expired", code: 403 })).toEqual([
      { path: "$.code", message: 'unknown member: ExpiredTokenException has no member "code"' },
    ]);
    expect(validateError("ecs", "ListTasks", "UnrecognizedClientException", { __type: "UnrecognizedClientException" })).toEqual([
      { path: "$", message: "UnrecognizedClientException must carry its text in exactly one of message or Message, found 0" },
    ]);
    expect(validateError("ecs", "ListTasks", "ThrottlingException", { __type: "ServerException", message: 429 })).toEqual([
      { path: "$.message", message: "expected a string" },
      { path: "$.__type", message: 'expected a string naming ThrottlingException, got "ServerException"' },
    ]);
  });

  it("gives a modelled error its HTTP status: httpError, else 400 for client and 500 for server errors", () => {
    expect([errorStatus("ecs", "RunTask", "ClientException"), errorStatus("ecs", "RunTask", "ServerException"), errorStatus("scheduler", "GetSchedule", "ResourceNotFoundException")]).toEqual([400, 500, 404]);
    expect(errorStatus("ecs", "RunTask", "ThrottlingException")).toBeUndefined();
  });
});

describe("model index", () => {
  it("knows each service's protocol and X-Amz-Target prefix", () => {
    expect(AWS_SERVICES.map((s) => [s, serviceModel(s).protocol, serviceModel(s).targetPrefix])).toEqual([
      ["ecs", "awsJson1_1", "AmazonEC2ContainerServiceV20141113"],
      ["eventbridge", "awsJson1_1", "AWSEvents"],
      ["scheduler", "restJson1", undefined],
      ["cloudwatch-logs", "awsJson1_1", "Logs_20140328"],
    ]);
    expect(operationForTarget("Logs_20140328.FilterLogEvents")?.operation.id).toBe("com.amazonaws.cloudwatchlogs#FilterLogEvents");
    expect(operationForTarget("AWSEvents.NoSuchOperation")).toBeUndefined();
  });

  it("finds Scheduler's resource-bound operations with their HTTP bindings", () => {
    expect(serviceModel("scheduler").operations.get("GetSchedule")?.http).toEqual({ method: "GET", uri: "/schedules/{Name}", code: 200 });
    expect(serviceModel("scheduler").operations.get("ListSchedules")?.http).toEqual({ method: "GET", uri: "/schedules", code: 200 });
  });
});

function collectPatterns(shape: ReturnType<typeof serviceModel>["shape"], id: string, into: Set<string>, seen: Set<string>): void {
  if (seen.has(id)) return;
  seen.add(id);
  const found = shape(id);
  const refs = [...Object.values(found.members ?? {}), ...[found.member, found.key, found.value].filter((m) => m !== undefined)];
  for (const traits of [found.traits, ...refs.map((m) => m.traits)]) {
    const pattern = traits?.["smithy.api#pattern"];
    if (typeof pattern === "string") into.add(pattern);
  }
  for (const ref of refs) collectPatterns(shape, ref.target, into, seen);
}

describe("validateResponse (a whole answer from the request log)", () => {
  it("accepts a success with the operation's status and a declared error with its model's status", () => {
    expect(validateResponse("ecs", "DescribeTasks", { status: 200, body: describeTasksOutput() })).toEqual([]);
    expect(validateResponse("scheduler", "GetSchedule", { status: 404, errorType: "ResourceNotFoundException", body: { Message: "Schedule nightly does not exist." } })).toEqual([]);
    expect(validateResponse("ecs", "RunTask", { status: 400, body: { __type: "ThrottlingException", message: "Rate exceeded" } })).toEqual([]);
  });

  it("fails a wrong status, an unnamed error, and a bad body", () => {
    expect(validateResponse("ecs", "DescribeTasks", { status: 201, body: describeTasksOutput() })).toEqual([{ path: "status", message: "DescribeTasks answers 200 on success, not 201" }]);
    expect(validateResponse("scheduler", "GetSchedule", { status: 400, errorType: "ResourceNotFoundException", body: { Message: "x" } })).toEqual([
      { path: "status", message: "ResourceNotFoundException is answered with 404, not 400" },
    ]);
    expect(validateResponse("ecs", "RunTask", { status: 400, body: { message: "x" } })).toEqual([
      { path: "$", message: "an error answer must name its error in the X-Amzn-ErrorType header or the body's __type" },
    ]);
    expect(validateResponse("ecs", "RunTask", { status: 400, body: { __type: "ClientException", Message: "x" } })).toEqual([
      { path: "$.Message", message: 'unknown member: ClientException has no member "Message"' },
    ]);
  });
});
