// The ARN shapes the adapter reads and builds (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html):
//   arn:<partition>:ecs:<region>:<account>:task-definition/<family>:<revision>
//   arn:<partition>:ecs:<region>:<account>:task/<cluster>/<task-id>   (the older form: task/<task-id>)
//   arn:<partition>:ecs:<region>:<account>:cluster/<name>
//   arn:<partition>:events:<region>:<account>:rule/<name>

export interface TaskDefinitionRef {
  /** The family's ARN without a revision: a job's provider id. */
  familyArn: string;
  family: string;
  /** null: the ARN names the family's latest ACTIVE revision. */
  revision: number | null;
}

/** A task definition ARN (or family[:revision]) read into its family and revision. */
export function taskDefinitionRef(arn: string): TaskDefinitionRef {
  const match = /^(.*task-definition\/)?([^:/]+)(?::(\d+))?$/.exec(arn);
  if (!match) return { familyArn: arn, family: arn, revision: null };
  const family = match[2]!;
  return { familyArn: `${match[1] ?? ""}${family}`, family, revision: match[3] ? Number(match[3]) : null };
}

/** The task's id: the last segment of its ARN (the awslogs stream ends with it). */
export function taskIdOf(taskArn: string): string {
  return taskArn.slice(taskArn.lastIndexOf("/") + 1);
}

function arnParts(arn: string): { partition: string; region: string; account: string; resource: string } | null {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return null;
  return { partition: parts[1]!, region: parts[3]!, account: parts[4]!, resource: parts.slice(5).join(":") };
}

export function regionOf(arn: string): string | null {
  return arnParts(arn)?.region ?? null;
}

/** The cluster a task runs on: its name (the older task ARN form does not say, so null). */
export function clusterOfTask(taskArn: string): string | null {
  const resource = arnParts(taskArn)?.resource.split("/") ?? [];
  return resource.length === 3 ? resource[1]! : null;
}

/** The cluster's name, from its ARN or from the name itself. */
export function clusterName(clusterOrArn: string): string {
  return clusterOrArn.startsWith("arn:") ? clusterOrArn.slice(clusterOrArn.lastIndexOf("/") + 1) : clusterOrArn;
}

/** Whether the ARN a rule or schedule targets is one of the account's clusters (names or ARNs) in `region`. */
export function isWatchedCluster(targetArn: string | undefined, clusters: readonly string[], region: string): boolean {
  if (!targetArn) return false;
  const parts = arnParts(targetArn);
  if (!parts || parts.region !== region || !parts.resource.startsWith("cluster/")) return false;
  const name = parts.resource.slice("cluster/".length);
  return clusters.some((c) => (c.startsWith("arn:") ? c === targetArn : c === name));
}

/**
 * The rule or schedule a task was started by. EventBridge starts a rule's ECS task with startedBy
 * "events-rule/<rule-name>" (ECS developer guide, "Scheduled tasks"); rules that run tasks are on the
 * default event bus, whose rule ARNs are arn:…:events:<region>:<account>:rule/<name>
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rules.html). EventBridge Scheduler's
 * tasks carry "chronos-schedule/<schedule-name>" (the simulator's reading of Scheduler's internal
 * AWSChronosService name; the schedule is taken to be in the default group).
 */
export function triggerArnOfStarter(startedBy: string | undefined, taskArn: string): string | null {
  const parts = arnParts(taskArn);
  if (!startedBy || !parts) return null;
  const base = `arn:${parts.partition}`;
  if (startedBy.startsWith("events-rule/")) return `${base}:events:${parts.region}:${parts.account}:rule/${startedBy.slice("events-rule/".length)}`;
  if (startedBy.startsWith("chronos-schedule/")) return `${base}:scheduler:${parts.region}:${parts.account}:schedule/default/${startedBy.slice("chronos-schedule/".length)}`;
  return null;
}
