import type { AwsCloud } from "./cloud";
import { AwsError } from "./errors";
import type { AwsAccount, Cluster, Json, Task, TaskDefinition } from "./model";
import { containersOf, createTask } from "./tasks";

// Starting tasks, shared by RunTask and by the rules and schedules that call it for their targets.

export interface StartRequest {
  cluster: Cluster;
  definition: TaskDefinition;
  overrides: Json;
  count: number;
  startedBy?: string;
  group?: string;
  tags?: Json[];
  createdMs: number;
}

export function startTasks(cloud: AwsCloud, account: AwsAccount, request: StartRequest): Task[] {
  const tasks: Task[] = [];
  for (let i = 0; i < request.count; i++) {
    const task = createTask({
      account, cluster: request.cluster, definition: request.definition, overrides: request.overrides,
      startedBy: request.startedBy, group: request.group, tags: request.tags, createdMs: request.createdMs,
      random: cloud.random, failureRate: account.failureRate, failToStartReason: missingLogGroup(cloud, account, request.definition, request.createdMs),
    });
    account.tasks.set(task.id, task);
    tasks.push(task);
  }
  return tasks;
}

/**
 * The awslogs driver needs its group, unless the definition lets it create one (awslogs-create-group);
 * without it the task stops with a ResourceInitializationError
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html).
 */
function missingLogGroup(cloud: AwsCloud, account: AwsAccount, definition: TaskDefinition, atMs: number): string | undefined {
  for (const container of containersOf(definition)) {
    const config = container.logConfiguration as Json | undefined;
    const options = config?.options as Record<string, string> | undefined;
    if (config?.logDriver !== "awslogs" || !options?.["awslogs-group"]) continue;
    const group = options["awslogs-group"];
    if (account.logGroups.has(group)) continue;
    if (options["awslogs-create-group"] === "true") {
      cloud.logGroup(account, group, atMs);
      continue;
    }
    return `ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1`;
  }
  return undefined;
}

/** Container overrides from a target's Input ({"containerOverrides": [...]}, the seed's form), or none. */
export function overridesFromInput(input: string | undefined): Json {
  if (input === undefined) return {};
  try {
    const parsed = JSON.parse(input) as unknown;
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Json) : {};
  } catch {
    return {};
  }
}

/** The cluster a target's ARN names in the account. */
export function clusterOf(account: AwsAccount, ref: string | undefined): Cluster {
  const name = (ref ?? "default").replace(/^arn:aws:ecs:[^:]+:\d{12}:cluster\//, "");
  const cluster = account.clusters.get(name);
  if (!cluster) throw new AwsError("ClusterNotFoundException", "Cluster not found.");
  return cluster;
}
