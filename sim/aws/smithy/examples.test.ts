import { describe, expect, it } from "vitest";
import type { AwsExample } from "./examples";
import { eventExamples, examplesFor, ourExamples, schemaExcerpts, smithyExtracts, vendorExamples } from "./examples";
import { validateTaskStateChangeEvent } from "./events";
import { matchRestJson1Operation, validateHttpInput } from "./http-bindings";
import type { SmithyShape } from "./model";
import { serviceModel } from "./model";
import type { ValidationError } from "./validate";
import { validateError, validateInput, validateOutput, validateShape } from "./validate";

// Every vendor example is checked against the vendor's own shapes by the strict validator. How we treat the
// vendor's renderings (see ./to-wire.ts): aws-cli v2 prints timestamps as ISO 8601 strings with an offset,
// and Smithy example node values may too, while both JSON protocols send epoch seconds. The loader converts
// those strings at timestamp positions back to epoch seconds and changes nothing else, so the CLI's
// rendering is not counted as a vendor mistake, and every other difference from the wire still fails here.

/** Every problem of an example's input, output and error, each path prefixed with the part it is in. */
function problems(example: AwsExample): string[] {
  const format = (part: string) => (e: ValidationError) => `${part} ${e.path}: ${e.message}`;
  const found = [
    ...(example.input === null ? [] : validateInput(example.service, example.operation, example.input).map(format("input"))),
    ...(example.output === null ? [] : validateOutput(example.service, example.operation, example.output).map(format("output"))),
    ...(example.error ? validateError(example.service, example.operation, example.error.code, example.error.body).map(format("error")) : []),
  ];
  if (example.http) {
    const match = matchRestJson1Operation(example.service, example.http.method, example.http.path);
    if (match?.operation.name !== example.operation) return [...found, `http: ${example.http.method} ${example.http.path} is not ${example.operation}`];
    found.push(...validateHttpInput(example.service, example.operation, { labels: match.labels, query: new URLSearchParams(example.http.query) }).map(format("http")));
  }
  return found;
}

/**
 * Vendor examples that are invalid on their own, with the reason. None of the API examples is: the models'
 * 66 ECS examples and the aws-cli / developer-guide payloads all match the shapes once the CLI's timestamp
 * rendering is undone. A new mistake (or a stricter validator) shows up here as a difference.
 */
const VENDOR_MISTAKES: Record<string, string[]> = {};

describe("vendor examples", () => {
  const examples = vendorExamples();

  it("loads every model example and every example fixture, each with a payload", () => {
    const bySource = (origin: string) => examples.filter((e) => e.origin === origin).length;
    expect([bySource("smithy"), bySource("aws-cli"), bySource("devguide")]).toEqual([66, 11, 2]);
    expect(examples.filter((e) => e.origin !== "smithy").map((e) => e.source)).toEqual([
      "aws/ecs/DescribeTaskDefinition.cli-example-1.json",
      "aws/ecs/DescribeTasks.cli-example-1.json",
      "aws/ecs/DescribeTasks.cli-example-2.json",
      "aws/ecs/ListTasks.cli-example-1.json",
      "aws/ecs/ListTasks.cli-example-2.json",
      "aws/ecs/RegisterTaskDefinition.awslogs-devguide.json",
      "aws/ecs/RegisterTaskDefinition.cli-example-1.json",
      "aws/ecs/RunTask.cli-example-1.json",
      "aws/ecs/RunTask.cli-example-2.json",
      "aws/ecs/StopTask.cli-example-1.json",
      "aws/eventbridge/PutTargets.ecs-scheduled-task.devguide.json",
      "aws/logs/DescribeLogStreams.cli-example-1.json",
      "aws/logs/GetLogEvents.cli-example-1.json",
    ]);
    expect(examples.filter((e) => e.input === null && e.output === null && !e.error)).toEqual([]);
  });

  it("gives the adapter every example of an operation, the vendor's and ours", () => {
    expect(examplesFor("ecs", "DescribeTasks").map((e) => e.source)).toEqual([
      "ecs.json#DescribeTasks examples[0]",
      "aws/ecs/DescribeTasks.cli-example-1.json",
      "aws/ecs/DescribeTasks.cli-example-2.json",
      "ours/ecs.DescribeTasks-stopped.json",
    ]);
  });

  it("validates every example against its shapes; only the listed vendor mistakes remain", () => {
    const invalid = Object.fromEntries(examples.map((e): [string, string[]] => [e.source, problems(e)]).filter(([, found]) => found.length > 0));
    expect(invalid).toEqual(VENDOR_MISTAKES);
  });

  it("keeps aws-cli's printed form, which differs from the wire only in its timestamp strings", () => {
    const printed = examples.filter((e) => e.printed);
    expect(printed.map((e) => e.source)).toEqual([
      "ecs.json#CreateService examples[0]",
      "ecs.json#CreateService examples[1]",
      "ecs.json#DescribeServices examples[0]",
      "ecs.json#GetTaskProtection examples[0]",
      "ecs.json#UpdateTaskProtection examples[1]",
      "ecs.json#UpdateTaskProtection examples[2]",
      "aws/ecs/DescribeTaskDefinition.cli-example-1.json",
      "aws/ecs/DescribeTasks.cli-example-1.json",
      "aws/ecs/DescribeTasks.cli-example-2.json",
      "aws/ecs/RunTask.cli-example-1.json",
      "aws/ecs/RunTask.cli-example-2.json",
    ]);
    for (const example of printed) {
      const messages = validateOutput(example.service, example.operation, example.printed!.output).map((e) => e.message);
      expect(messages.length, example.source).toBeGreaterThan(0);
      for (const message of messages) expect(message, example.source).toMatch(/^expected a timestamp in epoch seconds \(a number\), got string "\d{4}-\d{2}-\d{2}T/);
    }
    const cli = examples.find((e) => e.source === "aws/ecs/DescribeTasks.cli-example-2.json")!;
    const task = (cli.output as { tasks: Record<string, unknown>[] }).tasks[0]!;
    const printedTask = (cli.printed!.output as { tasks: Record<string, unknown>[] }).tasks[0]!;
    expect([printedTask.connectivityAt, task.connectivityAt]).toEqual(["2021-12-20T12:13:37.875000-05:00", 1640020417.875]);
  });

  it("gives aws-cli examples run with flags only no input, and keeps the command", () => {
    const flagsOnly = examples.filter((e) => e.origin === "aws-cli" && e.input === null);
    expect(flagsOnly.length).toBe(9);
    for (const example of flagsOnly) expect(example.cliCommand, example.source).toMatch(/^aws (ecs|logs) /);
  });

  it("lists the fixtures' Smithy extracts once, as equal to the model's examples", () => {
    const extracts = smithyExtracts();
    expect(extracts.length).toBe(7);
    for (const { source, extract, model } of extracts) {
      expect(model, source).toBeDefined();
      expect({ ...extract, source: model!.source }, source).toEqual(model);
    }
  });

  it("finds the fixtures' schema excerpts unchanged from the models (operations without their prose)", () => {
    const excerpts = schemaExcerpts();
    expect(excerpts.map((e) => [e.service, Object.keys(e.shapes).length])).toEqual([
      ["cloudwatch-logs", 37],
      ["ecs", 91],
      ["eventbridge", 111],
    ]);
    for (const excerpt of excerpts) {
      const model = serviceModel(excerpt.service);
      for (const [id, shape] of Object.entries(excerpt.shapes)) expect(shape, `${excerpt.source} ${id}`).toEqual(withoutProse(model.shape(id)));
    }
  });
});

/** The excerpts' operations leave out the documentation and smoke-test traits; every other trait and shape is kept as is. */
function withoutProse(shape: SmithyShape): SmithyShape {
  if (shape.type !== "operation" || !shape.traits) return shape;
  const { "smithy.api#documentation": _doc, "smithy.test#smokeTests": _smoke, ...traits } = shape.traits;
  return { ...shape, traits };
}

describe("the ECS Task State Change event", () => {
  it("renders the API's Task with RFC 3339 timestamps, plus updatedAt, which the Task shape lacks", () => {
    const [event, ...others] = eventExamples();
    expect(others).toEqual([]);
    expect([event!.source, event!.detailType, event!.event.source]).toEqual(["aws/eventbridge/event.ECS-Task-State-Change.devguide.json", "ECS Task State Change", "aws.ecs"]);
    // Reason: the event's detail carries `updatedAt` (when the task last changed state), a field of the event
    // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_task_events.html), not of the API's Task.
    expect(validateShape("ecs", "Task", event!.event.detail, { timestampFormat: "date-time" })).toEqual([
      { path: "$.updatedAt", message: 'unknown member: Task has no member "updatedAt"' },
    ]);
    expect(validateTaskStateChangeEvent(event!.event)).toEqual([]);
  });

  it("fails an event with a wrong envelope, an epoch-second time in the detail, or a task the resources do not name", () => {
    const { event } = eventExamples()[0]!;
    const detail = event.detail as Record<string, unknown>;
    const broken = { ...event, time: 1579802278, source: "ecs", extra: true, detail: { ...detail, stoppedAt: 1579802300, updatedAt: "yesterday", taskArn: "arn:aws:ecs:us-west-2:111122223333:task/FargateCluster/other" } };
    expect(validateTaskStateChangeEvent(broken)).toEqual([
      { path: '$["extra"]', message: "unknown member of an EventBridge event" },
      { path: '$["source"]', message: 'expected "aws.ecs"' },
      { path: '$["time"]', message: "expected an RFC 3339 UTC date-time string (…Z)" },
      { path: "$.detail.updatedAt", message: "expected an RFC 3339 UTC date-time string (…Z)" },
      { path: "$.detail.stoppedAt", message: "expected a timestamp as an RFC 3339 UTC date-time string (…Z), got number 1579802300" },
      { path: '$["resources"]', message: "expected to name the task's ARN" },
    ]);
  });
});

describe("our examples (./ours)", () => {
  const ours = ourExamples();

  it("cover the operations the adapter uses that the vendor shows no such payload for", () => {
    expect(ours.map((e) => `${e.service} ${e.operation}`)).toEqual([
      "ecs DescribeTaskDefinition",
      "ecs DescribeTasks",
      "ecs ListTaskDefinitionFamilies",
      "ecs ListTasks",
      "eventbridge ListRules",
      "eventbridge ListTargetsByRule",
      "cloudwatch-logs FilterLogEvents",
      "cloudwatch-logs FilterLogEvents",
      "scheduler GetSchedule",
      "scheduler ListSchedules",
    ]);
  });

  it("are each valid against the Smithy shapes, HTTP bindings included", () => {
    expect(Object.fromEntries(ours.map((e) => [e.source, problems(e)]))).toEqual(Object.fromEntries(ours.map((e) => [e.source, []])));
  });

  it("are caught when broken, so the check above can fail", () => {
    const tasks = ours.find((e) => e.operation === "DescribeTasks")!;
    const output = tasks.output as { tasks: Record<string, unknown>[] };
    const broken = { ...tasks, output: { ...output, tasks: [{ ...output.tasks[0], stopCode: "Crashed", stoppedAt: "yesterday" }] } };
    expect(problems(broken)).toEqual([
      'output $.tasks[0].stopCode: "Crashed" is not a value of enum TaskStopCode (TaskFailedToStart, EssentialContainerExited, UserInitiated, ServiceSchedulerInitiated, SpotInterruption, TerminationNotice)',
      'output $.tasks[0].stoppedAt: expected a timestamp in epoch seconds (a number), got string "yesterday"',
    ]);
    const schedule = ours.find((e) => e.operation === "GetSchedule")!;
    expect(problems({ ...schedule, http: { ...schedule.http!, query: { group: "default" } } })).toEqual(["http query.group: unknown query parameter for GetSchedule"]);
  });
});
