import { createHash } from "node:crypto";
import type { SimHttpService } from "../core/service";
import type { AwsCloud } from "./cloud";
import { AwsError } from "./errors";
import { CLIENT_TOKEN_TTL_MS } from "./lifecycle";
import type { Json, TaskDefinition } from "./model";
import { toEpochSeconds as sec } from "./model";
import { awsJsonService, int, page, requiredStr, str, strList, type OperationContext } from "./protocol";
import { clusterOf, startTasks } from "./run";
import { stateAt, stopTask, taskView } from "./tasks";

// Amazon ECS (awsJson1_1, X-Amz-Target AmazonEC2ContainerServiceV20141113.<Operation>; ecs.json).
// Errors: ClientException, InvalidParameterException, ClusterNotFoundException, ConflictException
// (a reused RunTask clientToken with other parameters) and AccessDeniedException, all 400.

export function ecsService(cloud: AwsCloud): SimHttpService {
  return awsJsonService(cloud, {
    name: "ecs",
    prefix: "/aws/ecs",
    signingName: "ecs",
    iamPrefix: "ecs",
    targetPrefix: "AmazonEC2ContainerServiceV20141113",
    // ECS throttles with ThrottlingException "Rate exceeded" (request-throttling.html); its model has
    // no such shape, so SDKs surface it by code. Server errors are ServerException (ecs.json).
    faults: { throttle: "ThrottlingException", throttleStatus: 400, server: "ServerException" },
    resourceOf: (account, op, input) => resourceOf(cloud, account, op, input),
    operations: {
      ListClusters: ({ account, input }) => {
        const { items, nextToken } = page([...account.clusters.values()].map((c) => c.arn), str(input, "nextToken"), int(input, "maxResults") ?? 100);
        return { clusterArns: items, nextToken };
      },
      DescribeClusters: describeClusters,
      ListTasks: listTasks,
      DescribeTasks: describeTasks,
      RunTask: runTask,
      StopTask: ({ cloud: c, account, input, nowMs }) => {
        const cluster = clusterOf(account, str(input, "cluster"));
        const ref = requiredStr(input, "task");
        const task = account.tasks.get(ref.replace(/^.*\//, ""));
        if (!task || task.cluster !== cluster) throw new AwsError("InvalidParameterException", "The referenced task was not found.");
        stopTask(task, nowMs, str(input, "reason") ?? "Task stopped by user", c.random);
        return { task: taskView(task, nowMs) };
      },
      RegisterTaskDefinition: ({ cloud: c, account, principal, input }) => {
        const definition = c.registerTaskDefinition(account, input, principal.arn);
        return { taskDefinition: definitionView(definition), tags: definition.tags };
      },
      DescribeTaskDefinition: ({ cloud: c, account, input }) => {
        const definition = c.findTaskDefinition(account, requiredStr(input, "taskDefinition", "ClientException"));
        if (!definition) throw new AwsError("ClientException", "Unable to describe task definition.");
        const withTags = (strList(input, "include") ?? []).includes("TAGS");
        return withTags ? { taskDefinition: definitionView(definition), tags: definition.tags } : { taskDefinition: definitionView(definition) };
      },
      ListTaskDefinitions: ({ account, input }) => {
        const prefix = str(input, "familyPrefix");
        const status = str(input, "status") ?? "ACTIVE";
        let all = [...account.families.values()].flat().filter((d) => d.status === status && (prefix === undefined || d.family === prefix));
        all.sort((a, b) => (a.family === b.family ? a.revision - b.revision : a.family < b.family ? -1 : 1));
        if (str(input, "sort") === "DESC") all = all.reverse();
        const { items, nextToken } = page(all.map((d) => d.arn), str(input, "nextToken"), maxResults(input));
        return { taskDefinitionArns: items, nextToken };
      },
      ListTaskDefinitionFamilies: ({ account, input }) => {
        const prefix = str(input, "familyPrefix") ?? "";
        const status = str(input, "status") ?? "ACTIVE";
        const families = [...account.families.entries()]
          .filter(([name, revisions]) => name.startsWith(prefix) && (status === "ALL" || revisions.some((d) => d.status === status)))
          .map(([name]) => name)
          .sort();
        const { items, nextToken } = page(families, str(input, "nextToken"), maxResults(input));
        return { families: items, nextToken };
      },
    },
  });
}

function maxResults(input: Json): number {
  const max = int(input, "maxResults");
  if (max !== undefined && (max < 1 || max > 100)) throw new AwsError("InvalidParameterException", "maxResults must be between 1 and 100.");
  return max ?? 100;
}

function resourceOf(cloud: AwsCloud, accountId: string, op: string, input: Json): string {
  const account = cloud.state.accounts.get(accountId);
  const region = account?.region ?? "us-east-1";
  if (op === "RunTask" && typeof input.taskDefinition === "string") return input.taskDefinition.startsWith("arn:") ? input.taskDefinition : `arn:aws:ecs:${region}:${accountId}:task-definition/${input.taskDefinition}`;
  if (typeof input.cluster === "string") return input.cluster.startsWith("arn:") ? input.cluster : `arn:aws:ecs:${region}:${accountId}:cluster/${input.cluster}`;
  return "*";
}

function describeClusters({ account, input, nowMs }: OperationContext): Json {
  const refs = strList(input, "clusters") ?? ["default"];
  const clusters: Json[] = [];
  const failures: Json[] = [];
  for (const ref of refs) {
    const cluster = account.clusters.get(ref.replace(/^arn:aws:ecs:[^:]+:\d{12}:cluster\//, ""));
    if (!cluster) {
      failures.push({ arn: ref.startsWith("arn:") ? ref : `arn:aws:ecs:${account.region}:${account.id}:cluster/${ref}`, reason: "MISSING" });
      continue;
    }
    const tasks = [...account.tasks.values()].filter((t) => t.cluster === cluster);
    const running = tasks.filter((t) => stateAt(t, nowMs).lastStatus === "RUNNING").length;
    clusters.push({
      clusterArn: cluster.arn, clusterName: cluster.name, status: "ACTIVE", registeredContainerInstancesCount: 0,
      runningTasksCount: running, pendingTasksCount: tasks.filter((t) => ["PROVISIONING", "PENDING"].includes(stateAt(t, nowMs).lastStatus)).length,
      activeServicesCount: 0, statistics: [], tags: [], settings: [{ name: "containerInsights", value: "disabled" }],
      capacityProviders: ["FARGATE", "FARGATE_SPOT"], defaultCapacityProviderStrategy: [],
    });
  }
  return { clusters, failures };
}

function listTasks({ account, input, nowMs }: OperationContext): Json {
  const cluster = clusterOf(account, str(input, "cluster"));
  const family = str(input, "family");
  const startedBy = str(input, "startedBy");
  // "When you specify startedBy as the filter, it must be the only filter that you use." (ListTasks)
  if (startedBy !== undefined && (family !== undefined || input.serviceName !== undefined || input.containerInstance !== undefined)) {
    throw new AwsError("InvalidParameterException", "startedBy may not be specified with family, serviceName or containerInstance.");
  }
  const desired = str(input, "desiredStatus") ?? "RUNNING";
  if (!["RUNNING", "PENDING", "STOPPED"].includes(desired)) throw new AwsError("InvalidParameterException", `1 validation error detected: Value '${desired}' at 'desiredStatus' failed to satisfy constraint: Member must satisfy enum value set: [PENDING, RUNNING, STOPPED]`);
  const arns = [...account.tasks.values()]
    .filter((t) => t.cluster === cluster && t.createdMs <= nowMs && stateAt(t, nowMs).desiredStatus === desired)
    .filter((t) => (family === undefined || t.definition.family === family) && (startedBy === undefined || t.startedBy === startedBy))
    .sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? -1 : 1))
    .map((t) => t.arn);
  const { items, nextToken } = page(arns, str(input, "nextToken"), maxResults(input));
  return { taskArns: items, nextToken };
}

function describeTasks({ account, input, nowMs }: OperationContext): Json {
  const cluster = clusterOf(account, str(input, "cluster"));
  const refs = strList(input, "tasks");
  if (!refs || refs.length === 0) throw new AwsError("InvalidParameterException", "Tasks cannot be empty.");
  if (refs.length > 100) throw new AwsError("InvalidParameterException", "Too many tasks were specified. A maximum of 100 tasks can be described at once.");
  const withTags = (strList(input, "include") ?? []).includes("TAGS");
  const tasks: Json[] = [];
  const failures: Json[] = [];
  for (const ref of refs) {
    const id = ref.replace(/^.*\//, "");
    const task = account.tasks.get(id);
    if (!task || task.cluster !== cluster || task.createdMs > nowMs) {
      failures.push({ arn: ref.startsWith("arn:") ? ref : `arn:aws:ecs:${account.region}:${account.id}:task/${cluster.name}/${id}`, reason: "MISSING" });
      continue;
    }
    const view = taskView(task, nowMs);
    if (!withTags) delete view.tags;
    tasks.push(view);
  }
  return { tasks, failures };
}

function runTask(ctx: OperationContext): Json {
  const { cloud, account, input, nowMs } = ctx;
  const cluster = clusterOf(account, str(input, "cluster"));
  const definition = ctx.cloud.findTaskDefinition(account, requiredStr(input, "taskDefinition"));
  if (!definition) throw new AwsError("InvalidParameterException", "TaskDefinition not found.");
  const count = int(input, "count") ?? 1;
  if (count < 1 || count > 10) throw new AwsError("InvalidParameterException", "Count must be between 1 and 10.");
  const startedBy = str(input, "startedBy");
  if (startedBy !== undefined && !/^[A-Za-z0-9_/-]{1,128}$/.test(startedBy)) throw new AwsError("InvalidParameterException", "startedBy may contain up to 128 letters, numbers, hyphens, forward slashes and underscores.");
  const overrides = (input.overrides ?? {}) as Json;
  checkOverrides(definition, overrides);
  const token = str(input, "clientToken");
  // Idempotency is per cluster; same token + same parameters -> the original answer, other parameters
  // -> ConflictException (ECS_Idempotency.html, "Idempotency for RunTask").
  const key = token === undefined ? undefined : `${cluster.arn} ${token}`;
  const fingerprint = fingerprintOf(input);
  const earlier = key === undefined ? undefined : account.clientTokens.get(key);
  if (earlier) {
    if (earlier.fingerprint !== fingerprint) throw new AwsError("ConflictException", "The client token has been used before with different request parameters.");
    return earlier.answer;
  }
  const tasks = startTasks(cloud, account, {
    cluster, definition, overrides, count, startedBy, group: str(input, "group"),
    tags: (input.tags as Json[] | undefined) ?? [], createdMs: nowMs,
  });
  const answer = { tasks: tasks.map((t) => taskView(t, nowMs)), failures: [] };
  if (key !== undefined) account.clientTokens.set(key, { fingerprint, answer, expiresMs: nowMs + CLIENT_TOKEN_TTL_MS });
  return answer;
}

function fingerprintOf(input: Json): string {
  const { clientToken: _token, ...rest } = input;
  return createHash("sha256").update(stableJson(rest)).digest("hex");
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Json)[k])}`).join(",")}}`;
  return JSON.stringify(value);
}

function checkOverrides(definition: TaskDefinition, overrides: Json): void {
  const names = new Set(((definition.body.containerDefinitions as Json[]) ?? []).map((c) => c.name));
  for (const o of (overrides.containerOverrides as Json[] | undefined) ?? []) {
    if (!names.has(o.name)) throw new AwsError("InvalidParameterException", `Override for container named ${String(o.name)} is not a container in the TaskDefinition.`);
  }
}

export function definitionView(d: TaskDefinition): Json {
  return {
    ...d.body,
    taskDefinitionArn: d.arn,
    family: d.family,
    revision: d.revision,
    status: d.status,
    volumes: d.body.volumes ?? [],
    placementConstraints: d.body.placementConstraints ?? [],
    compatibilities: ["EC2", "FARGATE"],
    requiresAttributes: [{ name: "com.amazonaws.ecs.capability.logging-driver.awslogs" }, { name: "ecs.capability.task-eni" }],
    registeredAt: sec(d.registeredMs),
    registeredBy: d.registeredBy,
  };
}
