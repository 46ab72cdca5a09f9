import type { ContainerDefinition, Task, TaskDefinition } from "@aws-sdk/client-ecs";
import type { Rule, Target } from "@aws-sdk/client-eventbridge";
import type { GetScheduleOutput } from "@aws-sdk/client-scheduler";
import type { EnvVars, ExecutionStatus, ProviderExecution, ProviderJob, ProviderTrigger, TriggeredBy } from "../types";
import { batchFromEnv, envOverrides, requestKeyFromEnv } from "../batch";
import { taskDefinitionRef, taskIdOf, triggerArnOfStarter } from "./arns";

// ECS, EventBridge and Scheduler shapes → the catalog's words. Pure functions, pinned by tests on the
// vendor's own examples (transform.test.ts).

/** startedBy on every task Batchdeck starts, so the sync tells a click from a rule. */
export const STARTED_BY = "batchdeck";

/**
 * An execution's provider id: the task ARN, then "#<family>:<revision>" of the task definition it ran.
 * ECS forgets a stopped task after about an hour, but its logs stay: the revision says which log group
 * and stream prefix to read them from long after DescribeTasks stops answering.
 */
export function executionIdOf(taskArn: string, taskDefinitionArn: string | undefined): string {
  if (!taskDefinitionArn) return taskArn;
  const ref = taskDefinitionRef(taskDefinitionArn);
  return ref.revision === null ? taskArn : `${taskArn}#${ref.family}:${ref.revision}`;
}

/** The task ARN and the task definition (family:revision in the task's region) of an execution id. */
export function parseExecutionId(id: string): { taskArn: string; taskDefinition: string | null } {
  const hash = id.indexOf("#");
  if (hash < 0) return { taskArn: id, taskDefinition: null };
  const taskArn = id.slice(0, hash);
  const prefix = taskArn.slice(0, taskArn.indexOf(":task/"));
  return { taskArn, taskDefinition: `${prefix}:task-definition/${id.slice(hash + 1)}` };
}

/** The container a job is about: the first essential one (ECS's default for `essential` is true). */
export function mainContainer(td: Pick<TaskDefinition, "containerDefinitions">): ContainerDefinition | null {
  const containers = td.containerDefinitions ?? [];
  return containers.find((c) => c.essential !== false) ?? containers[0] ?? null;
}

function envOf(pairs: { name?: string; value?: string }[] | undefined): EnvVars {
  const env: EnvVars = {};
  for (const { name, value } of pairs ?? []) if (name !== undefined) env[name] = value ?? "";
  return env;
}

/**
 * CPU units (1024 per vCPU) → thousandths of a vCPU. A task definition may be registered with "1 vCPU";
 * ECS answers with units (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size).
 */
export function milliVcpuOf(cpu: string | number | undefined): number | null {
  if (cpu === undefined || cpu === "") return null;
  const vcpu = /^([\d.]+)\s*vcpu$/i.exec(String(cpu));
  const units = vcpu ? Number(vcpu[1]) * 1024 : Number(cpu);
  return Number.isFinite(units) && units > 0 ? Math.round((units * 1000) / 1024) : null;
}

/** MiB, from "512" or "1 GB" (the same page, "Task size"). */
export function memoryMiBOf(memory: string | number | undefined): number | null {
  if (memory === undefined || memory === "") return null;
  const gb = /^([\d.]+)\s*gb$/i.exec(String(memory));
  const mib = gb ? Number(gb[1]) * 1024 : Number(memory);
  return Number.isFinite(mib) && mib > 0 ? Math.round(mib) : null;
}

/** Where a container's awslogs driver writes: its group, region and stream prefix. */
export interface AwsLogsTarget {
  group: string;
  region: string | null;
  prefix: string;
  container: string;
}

/** The awslogs destinations of a task definition's containers (those with an awslogs-stream-prefix). */
export function awsLogsTargets(td: Pick<TaskDefinition, "containerDefinitions">): AwsLogsTarget[] {
  return (td.containerDefinitions ?? []).flatMap((c) => {
    const config = c.logConfiguration;
    const options = config?.options ?? {};
    const group = options["awslogs-group"];
    const prefix = options["awslogs-stream-prefix"];
    if (config?.logDriver !== "awslogs" || !group || !prefix || !c.name) return [];
    return [{ group, region: options["awslogs-region"] ?? null, prefix, container: c.name }];
  });
}

/**
 * The stream a task's container writes to: "<prefix>/<container-name>/<task-id>"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html, awslogs-stream-prefix).
 */
export function streamName(target: Pick<AwsLogsTarget, "prefix" | "container">, taskArn: string): string {
  return `${target.prefix}/${target.container}/${taskIdOf(taskArn)}`;
}

/** A task definition revision → a job (its family). */
export function transformJob(td: TaskDefinition, region: string): ProviderJob {
  const container = mainContainer(td);
  const ref = taskDefinitionRef(td.taskDefinitionArn ?? td.family ?? "");
  return {
    providerId: ref.familyArn,
    name: td.family ?? ref.family,
    kind: "job",
    region,
    image: container?.image ?? null,
    milliVcpu: milliVcpuOf(td.cpu ?? container?.cpu),
    memoryMiB: memoryMiBOf(td.memory ?? container?.memory ?? container?.memoryReservation),
    // Fargate prices ARM64 below X86_64; a task definition without runtimePlatform runs on X86_64
    // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#runtime-platform).
    ...(td.runtimePlatform?.cpuArchitecture ? { cpuArchitecture: td.runtimePlatform.cpuArchitecture } : {}),
    env: envOf(container?.environment),
    triggers: [],
  };
}

/**
 * The env a rule's or schedule's Input sets: its containerOverrides, as RunTask takes them
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html, "Amazon ECS task"; the
 * seed's `{"containerOverrides":[{"name":"batch","environment":[{"name":"batch","value":"no1"}]}]}`).
 * Input that is not such JSON sets nothing.
 */
export function overridesOfInput(input: string | undefined, containerName: string | null): EnvVars | null {
  if (!input) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    return null;
  }
  const overrides = (parsed as { containerOverrides?: unknown })?.containerOverrides;
  if (!Array.isArray(overrides)) return null;
  const env: EnvVars = {};
  for (const o of overrides as { name?: string; environment?: { name?: string; value?: string }[] }[]) {
    if (containerName === null || o.name === undefined || o.name === containerName) Object.assign(env, envOf(o.environment));
  }
  return Object.keys(env).length ? env : null;
}

/** An EventBridge rule whose target runs the family → a trigger. */
export function transformRuleTrigger(rule: Rule, target: Target, containerName: string | null): ProviderTrigger {
  const overrides = overridesOfInput(target.Input, containerName);
  return {
    providerId: rule.Arn ?? rule.Name ?? "",
    kind: rule.ScheduleExpression ? "schedule" : "event",
    expression: rule.ScheduleExpression ?? rule.EventPattern ?? null,
    batch: overrides ? batchFromEnv(overrides) : null,
    overrides,
    // ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS is enabled too (RuleState in the EventBridge API).
    enabled: (rule.State ?? "").startsWith("ENABLED"),
  };
}

/** An EventBridge Scheduler schedule whose ECS target runs the family → a trigger, in its own time zone. */
export function transformScheduleTrigger(schedule: GetScheduleOutput, containerName: string | null): ProviderTrigger {
  const overrides = overridesOfInput(schedule.Target?.Input, containerName);
  return {
    providerId: schedule.Arn ?? `${schedule.GroupName ?? "default"}/${schedule.Name ?? ""}`,
    kind: "schedule",
    expression: schedule.ScheduleExpression ?? null,
    // Without ScheduleExpressionTimezone a schedule runs in UTC (Scheduler API, CreateSchedule).
    timeZone: schedule.ScheduleExpressionTimezone ?? null,
    batch: overrides ? batchFromEnv(overrides) : null,
    overrides,
    enabled: schedule.State !== "DISABLED",
  };
}

const ENDING = new Set(["DEACTIVATING", "STOPPING", "DEPROVISIONING"]);

/**
 * ECS's task lifecycle (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html)
 * and stop codes (API Task.stopCode) → a status. A stopped task succeeded when its essential container
 * exited 0; a user's StopTask is "stopped" whatever the exit code.
 */
export function statusOf(task: Pick<Task, "lastStatus" | "stopCode">, exitCode: number | null): ExecutionStatus {
  const last = task.lastStatus ?? "";
  if (last === "PROVISIONING" || last === "PENDING" || last === "ACTIVATING") return "queued";
  if (last === "RUNNING" || ENDING.has(last)) return "running";
  if (last !== "STOPPED") return "unknown";
  if (task.stopCode === "UserInitiated") return "stopped";
  if (task.stopCode === "TaskFailedToStart") return "failed";
  return exitCode === 0 ? "succeeded" : "failed";
}

/** How the run was started: by a rule or schedule, by Batchdeck, or by someone else. */
function starterOf(task: Pick<Task, "startedBy" | "taskArn">): { triggeredBy: TriggeredBy; triggerProviderId: string | null } {
  const trigger = triggerArnOfStarter(task.startedBy, task.taskArn ?? "");
  if (trigger) return { triggeredBy: "trigger", triggerProviderId: trigger };
  return { triggeredBy: task.startedBy === STARTED_BY ? "user" : "external", triggerProviderId: null };
}

/**
 * A task → an execution. `td` is the revision it ran (its env is the base the overrides apply to);
 * null when that revision can't be read, then only the overrides are known.
 */
export function transformExecution(task: Task, td: TaskDefinition | null): ProviderExecution {
  const main = td ? mainContainer(td) : null;
  const mainName = main?.name ?? task.containers?.[0]?.name ?? null;
  const container = task.containers?.find((c) => c.name === mainName) ?? task.containers?.[0];
  const overrideEnv = envOf(task.overrides?.containerOverrides?.filter((o) => o.name === mainName).flatMap((o) => o.environment ?? []));
  const baseEnv = envOf(main?.environment);
  const env = { ...baseEnv, ...overrideEnv };
  const exitCode = container?.exitCode ?? null;
  const stopped = task.lastStatus === "STOPPED";
  const taskArn = task.taskArn ?? "";
  return {
    providerId: executionIdOf(taskArn, task.taskDefinitionArn),
    jobProviderId: taskDefinitionRef(task.taskDefinitionArn ?? "").familyArn,
    status: statusOf(task, exitCode),
    providerStatus: task.stopCode && stopped ? `STOPPED (${task.stopCode})` : (task.lastStatus ?? "UNKNOWN"),
    startedAt: task.startedAt ?? task.createdAt ?? null,
    endedAt: stopped ? (task.stoppedAt ?? task.executionStoppedAt ?? null) : null,
    exitCode,
    image: container?.image ?? main?.image ?? null,
    // A task says its size once placed; before that, its overrides or its revision do.
    milliVcpu: milliVcpuOf(task.cpu ?? task.overrides?.cpu ?? td?.cpu ?? main?.cpu),
    memoryMiB: memoryMiBOf(task.memory ?? task.overrides?.memory ?? td?.memory ?? main?.memory ?? main?.memoryReservation),
    env,
    overrides: envOverrides(baseEnv, env),
    ...starterOf(task),
    requestKey: requestKeyFromEnv(env),
  };
}
