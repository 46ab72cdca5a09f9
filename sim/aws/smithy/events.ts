import { isObject } from "./shape-check";
import type { ValidationError } from "./validate";
import { validateShape } from "./validate";

// The "ECS Task State Change" event EventBridge delivers to a rule's targets (and so, through a rule targeting
// a log group, the JSON messages the sync backfills from). Its envelope is EventBridge's
// (https://docs.aws.amazon.com/eventbridge/latest/ref/events-structure.html) and its `detail` is the API's
// `Task` rendered with RFC 3339 timestamps plus `updatedAt`, as in the developer guide's example
// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_task_events.html, fixture
// aws/eventbridge/event.ECS-Task-State-Change.devguide.json).

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const ENVELOPE: Record<string, (value: unknown) => string | undefined> = {
  version: (v) => (v === "0" ? undefined : 'expected "0"'),
  id: (v) => (typeof v === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v) ? undefined : "expected a UUID string"),
  "detail-type": (v) => (v === "ECS Task State Change" ? undefined : 'expected "ECS Task State Change"'),
  source: (v) => (v === "aws.ecs" ? undefined : 'expected "aws.ecs"'),
  account: (v) => (typeof v === "string" && /^\d{12}$/.test(v) ? undefined : "expected a 12-digit account id"),
  time: (v) => (typeof v === "string" && RFC3339_UTC.test(v) ? undefined : "expected an RFC 3339 UTC date-time string (…Z)"),
  region: (v) => (typeof v === "string" && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(v) ? undefined : "expected a region name"),
  resources: (v) => (Array.isArray(v) && v.every((r) => typeof r === "string") ? undefined : "expected an array of ARNs"),
  detail: (v) => (isObject(v) ? undefined : "expected an object"),
};

/** Every problem of a Task State Change event; `[]` when EventBridge could have delivered it. */
export function validateTaskStateChangeEvent(event: unknown): ValidationError[] {
  if (!isObject(event)) return [{ path: "$", message: "expected an object" }];
  const errors: ValidationError[] = [];
  for (const key of Object.keys(event)) if (!(key in ENVELOPE)) errors.push({ path: `$["${key}"]`, message: "unknown member of an EventBridge event" });
  for (const [key, check] of Object.entries(ENVELOPE)) {
    const problem = key in event ? check(event[key]) : "required member is missing";
    if (problem) errors.push({ path: `$["${key}"]`, message: problem });
  }
  if (!isObject(event.detail)) return errors;
  const { updatedAt, ...task } = event.detail;
  if (updatedAt !== undefined && !(typeof updatedAt === "string" && RFC3339_UTC.test(updatedAt))) {
    errors.push({ path: "$.detail.updatedAt", message: "expected an RFC 3339 UTC date-time string (…Z)" });
  }
  errors.push(...validateShape("ecs", "Task", task, { timestampFormat: "date-time" }).map((e) => ({ ...e, path: e.path.replace(/^\$/, "$.detail") })));
  if (Array.isArray(event.resources) && typeof task.taskArn === "string" && !event.resources.includes(task.taskArn)) {
    errors.push({ path: '$["resources"]', message: "expected to name the task's ARN" });
  }
  return errors;
}
