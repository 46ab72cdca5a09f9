import type { AwsCloud } from "./cloud";
import { firings, parseExpression } from "./expressions";
import type { AwsAccount, Json, Rule, Schedule, Target, Task, Transition } from "./model";
import { clusterOf, overridesFromInput, startTasks } from "./run";
import { containersOf, stateChangeEvent } from "./tasks";

// Brings an account up to the simulated clock, in time order: rules and schedules that came due start
// their tasks; tasks write their console lines to their awslogs streams; each task state change is
// published to the rules whose pattern matches it (a CloudWatch Logs target gets the event JSON); and
// ECS forgets a task an hour after it stopped (DescribeTasks then answers MISSING), as
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-errors.html says stopped
// tasks "appear in the console for at least 1 hour".

export const FORGET_AFTER_MS = 3_600_000;
/** RunTask client tokens live 24 hours (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/ECS_Idempotency.html). */
export const CLIENT_TOKEN_TTL_MS = 86_400_000;

export function catchUpAccount(cloud: AwsCloud, account: AwsAccount, nowMs: number): void {
  for (const rule of account.rules.values()) fireRule(cloud, account, rule, nowMs);
  for (const schedule of account.schedules.values()) fireSchedule(cloud, account, schedule, nowMs);
  const due: { task: Task; transition: Transition }[] = [];
  for (const task of account.tasks.values()) {
    writeLines(cloud, account, task, nowMs);
    while (task.published < task.transitions.length && task.transitions[task.published]!.atMs <= nowMs) {
      due.push({ task, transition: task.transitions[task.published]! });
      task.published++;
    }
  }
  due.sort((a, b) => a.transition.atMs - b.transition.atMs);
  const listeners = patternRules(account);
  if (listeners.length > 0) for (const { task, transition } of due) publish(cloud, account, listeners, stateChangeEvent(task, transition, cloud.random.uuid()), transition.atMs);
  for (const [id, task] of account.tasks) {
    if (task.stoppedMs !== undefined && task.stoppedMs + FORGET_AFTER_MS <= nowMs && task.published === task.transitions.length) account.tasks.delete(id);
  }
  for (const [key, run] of account.clientTokens) if (run.expiresMs <= nowMs) account.clientTokens.delete(key);
}

/** Rule-started tasks carry startedBy "events-rule/<rule name>" (what ECS shows for EventBridge-run tasks). */
function fireRule(cloud: AwsCloud, account: AwsAccount, rule: Rule, nowMs: number): void {
  if (rule.scheduleExpression === undefined || rule.firedUntilMs >= nowMs) return;
  if (rule.state === "ENABLED") {
    const parsed = parseExpression(rule.scheduleExpression);
    for (const at of firings(parsed, rule.firedUntilMs, nowMs, rule.createdMs)) {
      for (const target of rule.targets) runTarget(cloud, account, target, `events-rule/${rule.name}`, at);
    }
  }
  rule.firedUntilMs = nowMs;
}

/**
 * Schedule-started tasks carry startedBy "chronos-schedule/<schedule name>" (Scheduler's internal name,
 * the AWSChronosService of scheduler.json); a one-time at() schedule may delete itself afterwards
 * (ActionAfterCompletion DELETE).
 */
function fireSchedule(cloud: AwsCloud, account: AwsAccount, schedule: Schedule, nowMs: number): void {
  if (schedule.firedUntilMs >= nowMs) return;
  if (schedule.state === "ENABLED") {
    const parsed = parseExpression(schedule.scheduleExpression, schedule.timezone ?? "UTC", true);
    const from = Math.max(schedule.firedUntilMs, (schedule.startDateMs ?? 0) - 1);
    const to = Math.min(nowMs, schedule.endDateMs ?? Infinity);
    for (const at of firings(parsed, from, to, schedule.createdMs)) runTarget(cloud, account, schedule.target, `chronos-schedule/${schedule.name}`, at);
    if (parsed.kind === "at" && parsed.atMs <= nowMs && schedule.actionAfterCompletion === "DELETE") account.schedules.delete(`${schedule.groupName}/${schedule.name}`);
  }
  schedule.firedUntilMs = nowMs;
}

function runTarget(cloud: AwsCloud, account: AwsAccount, target: Target, startedBy: string, atMs: number): void {
  const ecs = target.EcsParameters;
  if (!ecs || !/^arn:aws:ecs:/.test(target.Arn)) return;
  const definition = cloud.findTaskDefinition(account, String(ecs.TaskDefinitionArn ?? ""));
  const cluster = account.clusters.get(target.Arn.replace(/^arn:aws:ecs:[^:]+:\d{12}:cluster\//, ""));
  // A target that no longer resolves fails its invocation; EventBridge reports it only in metrics.
  if (!definition || !cluster) return;
  startTasks(cloud, account, {
    cluster: clusterOf(account, cluster.arn), definition, overrides: overridesFromInput(target.Input),
    count: Number(ecs.TaskCount ?? 1), startedBy, group: typeof ecs.Group === "string" ? ecs.Group : undefined, createdMs: atMs,
  });
}

function writeLines(cloud: AwsCloud, account: AwsAccount, task: Task, nowMs: number): void {
  if (task.linesWritten >= task.lines.length || task.lines[task.linesWritten]!.atMs > nowMs) return;
  const container = containersOf(task.definition).find((c) => c.essential !== false) ?? containersOf(task.definition)[0];
  const options = ((container?.logConfiguration as Json | undefined)?.options ?? {}) as Record<string, string>;
  const groupName = options["awslogs-group"];
  const group = groupName ? account.logGroups.get(groupName) : undefined;
  while (task.linesWritten < task.lines.length && task.lines[task.linesWritten]!.atMs <= nowMs) {
    const line = task.lines[task.linesWritten++]!;
    // awslogs stream name: <awslogs-stream-prefix>/<container name>/<task id> (using_awslogs.html).
    if (group && options["awslogs-stream-prefix"]) cloud.appendLog(group, `${options["awslogs-stream-prefix"]}/${String(container!.name)}/${task.id}`, line.atMs, line.message);
  }
}

/** The enabled rules with an event pattern, each with its pattern parsed. */
function patternRules(account: AwsAccount): { rule: Rule; pattern: Json }[] {
  return [...account.rules.values()].filter((r) => r.state === "ENABLED" && r.eventPattern !== undefined).map((rule) => ({ rule, pattern: JSON.parse(rule.eventPattern!) as Json }));
}

/** Delivers an event to every rule whose pattern matches it; a log-group target stores the JSON. */
function publish(cloud: AwsCloud, account: AwsAccount, listeners: { rule: Rule; pattern: Json }[], event: Json, atMs: number): void {
  for (const { rule, pattern } of listeners) {
    if (!patternMatches(pattern, event)) continue;
    for (const target of rule.targets) {
      const m = /^arn:aws:logs:[^:]+:\d{12}:log-group:([^:]+)(?::\*)?$/.exec(target.Arn);
      const group = m ? account.logGroups.get(m[1]!) : undefined;
      // EventBridge writes each event to the group as its JSON text, in a stream named by the event id.
      if (group) cloud.appendLog(group, String(event.id), atMs, JSON.stringify(event));
    }
  }
}

/** EventBridge event patterns: each field lists allowed values; nested objects match nested fields (eb-event-patterns.html). */
export function patternMatches(pattern: Json, event: Json): boolean {
  return Object.entries(pattern).every(([key, allowed]) => {
    const value = event[key];
    if (Array.isArray(allowed)) return (Array.isArray(value) ? value : [value]).some((v) => allowed.some((a) => typeof a !== "object" && a === v));
    if (typeof allowed === "object" && allowed !== null) return typeof value === "object" && value !== null && patternMatches(allowed as Json, value as Json);
    return false;
  });
}
