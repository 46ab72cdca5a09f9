import type {
  EnvironmentVar,
  Job,
  JobExecution,
  JobExecutionBase,
  JobScaleRule,
} from "@azure/arm-appcontainers";
import type { EnvVars, ExecutionStatus, ProviderExecution, ProviderJob, ProviderTrigger, StartedExecution, TriggeredBy } from "../types";
import { batchFromEnv, envOverrides, requestKeyFromEnv } from "../batch";

// Container Apps SDK shapes (api-version 2025-07-01) → catalog types. Pure: no network, pinned by
// transform.test.ts on Microsoft's own x-ms-examples.

export interface TransformOptions {
  /** The env var that names the batch for this job; default BATCH, then batch. */
  batchEnvName?: string | null;
}

/**
 * Env vars as a map. `secretRef` entries have no readable value; they are shown with the Azure CLI's
 * own syntax `secretref:<name>` (learn.microsoft.com: "Manage secrets in Azure Container Apps").
 */
export function envFromAzure(env: EnvironmentVar[] | undefined): EnvVars {
  const out: EnvVars = {};
  for (const entry of env ?? []) {
    if (!entry.name) continue;
    // `== null`: Azure may answer the unused one of value/secretRef as an explicit null.
    out[entry.name] = entry.secretRef != null && entry.value == null ? `secretref:${entry.secretRef}` : (entry.value ?? "");
  }
  return out;
}

/** "1Gi", "0.5Gi", "512Mi", "250Mb", "2G" → MiB. Container Apps documents memory in Gi (e.g. "1Gi"). */
export function memoryToMiB(memory: string | undefined): number | null {
  if (!memory) return null;
  const match = /^\s*([0-9]*\.?[0-9]+)\s*([A-Za-z]*)\s*$/.exec(memory);
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = (match[2] ?? "").toLowerCase();
  const factor: Record<string, number> = {
    gi: 1024,
    mi: 1,
    ki: 1 / 1024,
    g: 1e9 / 2 ** 20,
    gb: 1e9 / 2 ** 20,
    m: 1e6 / 2 ** 20,
    mb: 1e6 / 2 ** 20,
    "": 1 / 2 ** 20,
  };
  const f = factor[unit];
  return f === undefined ? null : Math.round(amount * f);
}

interface ContainerLike {
  image?: string;
  env?: EnvironmentVar[];
  resources?: { cpu?: number; memory?: string };
}

/**
 * Resources of the main containers, summed: they run side by side for the whole execution. Init
 * containers run before them, one at a time, so they don't add to the allocation that is billed.
 */
function resources(containers: ContainerLike[]): { milliVcpu: number | null; memoryMiB: number | null } {
  let cpu: number | null = null;
  let mem: number | null = null;
  for (const c of containers) {
    if (c.resources?.cpu !== undefined) cpu = (cpu ?? 0) + Math.round(c.resources.cpu * 1000);
    const m = memoryToMiB(c.resources?.memory);
    if (m !== null) mem = (mem ?? 0) + m;
  }
  return { milliVcpu: cpu, memoryMiB: mem };
}

/** The env of the first main container: Container Apps jobs are one app container in practice (seed 000). */
function primaryEnv(containers: ContainerLike[]): EnvVars {
  return envFromAzure(containers[0]?.env);
}

/**
 * The API's enum is "Schedule" (JobConfiguration.triggerType in Jobs.json), but Microsoft's own
 * example Jobs_ListByResourceGroup.json answers "Scheduled"; accept both.
 */
export function triggerKindOf(triggerType: string | undefined): "manual" | "schedule" | "event" | null {
  switch ((triggerType ?? "").toLowerCase()) {
    case "manual":
      return "manual";
    case "schedule":
    case "scheduled":
      return "schedule";
    case "event":
      return "event";
    default:
      return null;
  }
}

/** "azure-servicebus: queue orders", "azure-servicebus: topic t", "redis", … — what the UI shows. */
export function describeScaleRule(rule: JobScaleRule): string {
  const type = rule.type ?? "event";
  const meta = (rule.metadata ?? {}) as Record<string, unknown>;
  const queue = typeof meta.queueName === "string" ? meta.queueName : null;
  const topic = typeof meta.topicName === "string" ? meta.topicName : null;
  if (queue) return `${type}: queue ${queue}`;
  if (topic) return `${type}: topic ${topic}`;
  return type;
}

export function jobTriggers(job: Job, jobProviderId: string, batch: string | null): ProviderTrigger[] {
  const config = job.configuration;
  const kind = triggerKindOf(config?.triggerType);
  const base = { batch, overrides: null, enabled: true } as const;
  if (kind === "manual") {
    return [{ ...base, providerId: `${jobProviderId}#manual`, kind, expression: null }];
  }
  if (kind === "schedule") {
    const cron = config?.scheduleTriggerConfig?.cronExpression ?? null;
    return [{ ...base, providerId: `${jobProviderId}#schedule`, kind, expression: cron }];
  }
  if (kind === "event") {
    const rules = config?.eventTriggerConfig?.scale?.rules ?? [];
    if (rules.length === 0) return [{ ...base, providerId: `${jobProviderId}#event`, kind, expression: null }];
    return rules.map((rule, i) => ({
      ...base,
      providerId: `${jobProviderId}#event/${rule.name ?? String(i)}`,
      kind,
      expression: describeScaleRule(rule),
    }));
  }
  return [];
}

/** The job's ARM id, or one built from its name when the answer left it out. */
export function jobProviderId(job: Job, scope: { subscriptionId: string; resourceGroup: string }): string {
  if (job.id) return job.id;
  return `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroup}/providers/Microsoft.App/jobs/${job.name ?? ""}`;
}

/**
 * A job names its batch variable with the resource tag `batchdeck-batch-env` (ARM tags are free-form
 * key/values on every tracked resource); an explicit option wins, then the tag, then the defaults.
 */
export const BATCH_ENV_TAG = "batchdeck-batch-env";

export function transformJob(
  job: Job,
  scope: { subscriptionId: string; resourceGroup: string },
  options: TransformOptions = {},
): ProviderJob {
  const containers = job.template?.containers ?? [];
  const env = primaryEnv(containers);
  const id = jobProviderId(job, scope);
  const batchEnvName = options.batchEnvName ?? job.tags?.[BATCH_ENV_TAG] ?? null;
  return {
    providerId: id,
    name: job.name ?? id.split("/").pop() ?? id,
    kind: "job",
    region: job.location ?? null,
    image: containers[0]?.image ?? null,
    ...resources(containers),
    env,
    triggers: jobTriggers(job, id, batchFromEnv(env, batchEnvName)),
    ...(batchEnvName ? { batchEnvName } : {}),
  };
}

/**
 * Container Apps execution states (KnownJobExecutionRunningState) → Batchdeck's.
 * "Processing": accepted, replicas not started yet → queued. "Degraded": some replicas failed while
 * the execution goes on → running until it has an end time, then failed.
 */
export function normaliseStatus(status: string | undefined, ended: boolean): ExecutionStatus {
  switch (status) {
    case "Running":
      return "running";
    case "Processing":
      return "queued";
    case "Succeeded":
      return "succeeded";
    case "Failed":
      return "failed";
    case "Stopped":
      return "stopped";
    case "Degraded":
      return ended ? "failed" : "running";
    default:
      return "unknown";
  }
}

function triggeredBy(job: ProviderJob, requestKey: string | null): { triggeredBy: TriggeredBy; triggerProviderId: string | null } {
  if (requestKey) return { triggeredBy: "user", triggerProviderId: null };
  const only = job.triggers.length === 1 ? job.triggers[0] : undefined;
  const kind = job.triggers[0]?.kind;
  // A schedule or event job's runs come from its trigger; a manual job's run without our key was
  // started elsewhere (portal, CLI).
  if (kind === "schedule") return { triggeredBy: "trigger", triggerProviderId: only?.providerId ?? null };
  if (kind === "event") return { triggeredBy: "event", triggerProviderId: only?.providerId ?? null };
  return { triggeredBy: "external", triggerProviderId: null };
}

/**
 * Env Container Apps adds to every job execution by itself: the built-in variables of jobs
 * (https://learn.microsoft.com/azure/container-apps/environment-variables#built-in-environment-variables).
 * CONTAINER_APP_JOB_NAME shows in the execution's template env on the real service (recorded sessions,
 * shared/fixtures/README.md); the execution name is documented alongside it. Nobody chose them, so a
 * run from the portal, a cron or an event is not stored with an override nobody made.
 */
export const PLATFORM_ENV: readonly string[] = ["CONTAINER_APP_JOB_NAME", "CONTAINER_APP_JOB_EXECUTION_NAME"];

/** What a run changed from its job's template env, less what the platform injects itself. */
export function runOverrides(jobEnv: EnvVars, runEnv: EnvVars): EnvVars | null {
  const chosen = Object.fromEntries(Object.entries(runEnv).filter(([name]) => !PLATFORM_ENV.includes(name)));
  return envOverrides(jobEnv, chosen);
}

export function transformExecution(execution: JobExecution, job: ProviderJob): ProviderExecution {
  const containers = execution.template?.containers ?? [];
  const runEnv = primaryEnv(containers);
  // The template of an execution carries the env it ran with; an execution listed without its
  // template ran with the job's env.
  const env = containers.length > 0 ? runEnv : { ...job.env };
  const requestKey = requestKeyFromEnv(env);
  const status = normaliseStatus(execution.status, execution.endTime !== undefined);
  // A running execution has no endTime on the real service (recorded sessions); Microsoft's examples
  // give "Running" executions one anyway, so it is dropped while the run is not over.
  const active = status === "running" || status === "queued";
  return {
    providerId: execution.name ?? execution.id ?? "",
    jobProviderId: job.providerId,
    status,
    providerStatus: execution.status ?? "Unknown",
    startedAt: execution.startTime ?? null,
    endedAt: active ? null : (execution.endTime ?? null),
    // Container Apps does not report exit codes on the execution resource.
    exitCode: null,
    image: containers[0]?.image ?? job.image,
    ...(containers.length > 0 ? resources(containers) : { milliVcpu: job.milliVcpu, memoryMiB: job.memoryMiB }),
    env,
    overrides: runOverrides(job.env, env),
    ...triggeredBy(job, requestKey),
    requestKey,
  };
}

/** Start answers 200 `{ name, id }` (Job_Start.json); the name is the execution's. */
export function transformStarted(started: JobExecutionBase): StartedExecution {
  const providerId = started.name ?? started.id?.split("/").pop() ?? "";
  return { providerId, alreadyStarted: false };
}
