import type { protos as runProtos } from "@google-cloud/run";
import type { protos as schedulerProtos } from "@google-cloud/scheduler";
import { batchFromEnv, envOverrides, requestKeyFromEnv } from "../batch";
import type { EnvVars, ExecutionStatus, ProviderExecution, ProviderJob, ProviderTrigger } from "../types";

// Cloud Run Admin v2 and Cloud Scheduler v1 resources → the catalog's words. Input is what the clients
// hand back (google-gax decodes REST JSON into protobuf objects: enums as names, Timestamps as
// { seconds, nanos }, bytes as a Buffer); field meanings from ../shared/specs/google/discovery/run.v2.json
// and cloudscheduler.v1.json.

type Job = runProtos.google.cloud.run.v2.IJob;
type Service = runProtos.google.cloud.run.v2.IService;
type Execution = runProtos.google.cloud.run.v2.IExecution;
type Container = runProtos.google.cloud.run.v2.IContainer;
type SchedulerJob = schedulerProtos.google.cloud.scheduler.v1.IJob;
type Timestamp = { seconds?: number | string | { toString(): string } | null; nanos?: number | null } | string | null | undefined;

/** A Timestamp as the client decodes it, or its RFC 3339 JSON form. */
export function toDate(value: Timestamp): Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : new Date(at);
  }
  if (value.seconds === null || value.seconds === undefined) return null;
  const ms = Number(String(value.seconds)) * 1000 + Math.floor((value.nanos ?? 0) / 1e6);
  return ms > 0 ? new Date(ms) : null;
}

/** "projects/p/locations/us-central1/jobs/j" → its parts; null for any other shape. */
export function parseResourceName(name: string | null | undefined): { project: string; location: string; kind: string; id: string } | null {
  const m = /^projects\/([^/]+)\/locations\/([^/]+)\/([a-zA-Z]+)\/([^/]+)$/.exec(name ?? "");
  return m ? { project: m[1]!, location: m[2]!, kind: m[3]!, id: m[4]! } : null;
}

/** CPU limits are "1", "2", "0.5" or "1000m" (Kubernetes quantities, https://cloud.google.com/run/docs/configuring/jobs/cpu). */
export function parseCpu(value: string | null | undefined): number | null {
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(value?.trim() ?? "");
  if (!m) return null;
  return Math.round(m[2] ? Number(m[1]) : Number(m[1]) * 1000);
}

const MEMORY_UNITS: Record<string, number> = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024, k: 1000 / 1048576, M: 1e6 / 1048576, G: 1e9 / 1048576 };

/** Memory limits are "512Mi", "1Gi", "2G" (https://cloud.google.com/run/docs/configuring/jobs/memory-limits). */
export function parseMemoryMiB(value: string | null | undefined): number | null {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G)?$/.exec(value?.trim() ?? "");
  if (!m) return null;
  return Math.round(Number(m[1]) * (m[2] ? MEMORY_UNITS[m[2]]! : 1 / 1048576));
}

function envOf(container: Container | undefined): EnvVars {
  const env: EnvVars = {};
  for (const e of container?.env ?? []) if (e.name && typeof e.value === "string") env[e.name] = e.value;
  return env;
}

function shape(containers: Container[] | null | undefined) {
  const main = containers?.[0];
  const limits = main?.resources?.limits ?? {};
  return { image: main?.image ?? null, milliVcpu: parseCpu(limits.cpu), memoryMiB: parseMemoryMiB(limits.memory), env: envOf(main) };
}

export function transformJob(job: Job, triggers: ProviderTrigger[]): ProviderJob {
  const ref = parseResourceName(job.name);
  return { providerId: job.name ?? "", name: ref?.id ?? job.name ?? "", kind: "job", region: ref?.location ?? null, ...shape(job.template?.template?.containers), triggers };
}

export function transformService(service: Service): ProviderJob {
  const ref = parseResourceName(service.name);
  return { providerId: service.name ?? "", name: ref?.id ?? service.name ?? "", kind: "service", region: ref?.location ?? null, ...shape(service.template?.containers), triggers: [] };
}

/**
 * The Cloud Run job a Scheduler HTTP target runs: the v2 form
 * https://run.googleapis.com/v2/projects/P/locations/L/jobs/J:run, or the v1 form the console writes,
 * https://L-run.googleapis.com/apis/run.googleapis.com/v1/namespaces/P/jobs/J:run
 * (https://cloud.google.com/run/docs/execute/jobs-on-schedule). Returns the job's v2 name.
 */
export function runTargetOf(uri: string | null | undefined): string | null {
  let url: URL;
  try {
    url = new URL(uri ?? "");
  } catch {
    return null;
  }
  const v2 = /^\/v2\/(projects\/[^/]+\/locations\/[^/]+\/jobs\/[^/:]+):run$/.exec(url.pathname);
  if (v2) return v2[1]!;
  const v1 = /^\/apis\/run\.googleapis\.com\/v1\/namespaces\/([^/]+)\/jobs\/([^/:]+):run$/.exec(url.pathname);
  const region = /^([a-z]+-[a-z]+\d+)-run\.googleapis\.com$/.exec(url.hostname)?.[1];
  return v1 && region ? `projects/${v1[1]}/locations/${region}/jobs/${v1[2]}` : null;
}

/** The env of a :run body's first container override ({"overrides":{"containerOverrides":[{"env":[…]}]}}). */
export function overridesOfRunBody(body: Uint8Array | string | null | undefined): EnvVars | null {
  if (!body || body.length === 0) return null;
  let json: unknown;
  try {
    json = JSON.parse(typeof body === "string" ? body : Buffer.from(body).toString("utf8"));
  } catch {
    return null;
  }
  const env = (json as { overrides?: { containerOverrides?: { env?: { name?: unknown; value?: unknown }[] }[] } } | null)?.overrides?.containerOverrides?.[0]?.env;
  if (!Array.isArray(env)) return null;
  const vars: EnvVars = {};
  for (const e of env) if (typeof e?.name === "string" && typeof e.value === "string") vars[e.name] = e.value;
  return Object.keys(vars).length ? vars : null;
}

/** A Scheduler job whose HTTP target runs a Cloud Run job: that job's v2 name and the trigger; else null. */
export function transformTrigger(job: SchedulerJob): { jobName: string; trigger: ProviderTrigger } | null {
  const target = runTargetOf(job.httpTarget?.uri);
  if (!target) return null;
  const overrides = overridesOfRunBody(job.httpTarget?.body as Uint8Array | string | null | undefined);
  return {
    jobName: target,
    trigger: {
      providerId: job.name ?? "",
      kind: "schedule",
      expression: job.schedule ?? null,
      // Scheduler reads the cron in this zone; blank means UTC (cloudscheduler.v1 Job.timeZone).
      timeZone: job.timeZone || "Etc/UTC",
      batch: overrides ? batchFromEnv(overrides) : null,
      overrides,
      enabled: String(job.state) === "ENABLED",
    },
  };
}

function completedCondition(execution: Execution) {
  return execution.conditions?.find((c) => c.type === "Completed");
}

/** Running, succeeded, failed or cancelled, from the Completed condition and the task counts. */
export function executionStatus(execution: Execution): { status: ExecutionStatus; providerStatus: string } {
  const completed = completedCondition(execution);
  const state = completed?.state ? String(completed.state) : null;
  const reason = completed?.executionReason ? String(completed.executionReason) : null;
  const count = (n: number | null | undefined) => n ?? 0;
  if (reason === "CANCELLED" || reason === "CANCELLING" || count(execution.cancelledCount) > 0) return { status: "stopped", providerStatus: reason ?? "CANCELLED" };
  if (execution.completionTime) {
    if (state === "CONDITION_SUCCEEDED") return { status: "succeeded", providerStatus: state };
    if (state === "CONDITION_FAILED" || count(execution.failedCount) > 0) return { status: "failed", providerStatus: state ?? "FAILED" };
    return { status: count(execution.succeededCount) >= count(execution.taskCount) ? "succeeded" : "unknown", providerStatus: state ?? "COMPLETED" };
  }
  if (count(execution.runningCount) > 0 || execution.startTime) return { status: "running", providerStatus: "RUNNING" };
  return { status: "queued", providerStatus: state ?? "PENDING" };
}

/** `jobEnv`: the job's own env, to tell the run's overrides apart (null when the job is not listed any more). */
export function transformExecution(execution: Execution, projectLocation: { project: string }, jobEnv: EnvVars | null): ProviderExecution {
  const ref = parseResourceName(execution.name?.replace(/\/executions\/[^/]+$/, ""));
  const run = shape(execution.template?.containers);
  const jobProviderId = ref ? `projects/${ref.project}/locations/${ref.location}/jobs/${ref.id}` : `projects/${projectLocation.project}/jobs/${execution.job ?? ""}`;
  const requestKey = requestKeyFromEnv(run.env);
  return {
    providerId: execution.name ?? "",
    jobProviderId,
    ...executionStatus(execution),
    startedAt: toDate(execution.startTime as Timestamp),
    endedAt: toDate(execution.completionTime as Timestamp),
    exitCode: null,
    image: run.image,
    milliVcpu: run.milliVcpu,
    memoryMiB: run.memoryMiB,
    env: run.env,
    overrides: jobEnv ? envOverrides(jobEnv, run.env) : null,
    triggeredBy: requestKey ? "user" : "external",
    triggerProviderId: null,
    requestKey,
  };
}
