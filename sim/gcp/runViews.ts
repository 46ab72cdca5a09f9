import type { EnumEncoder } from "./enums";
import { completionMs, counts, taskStates } from "./executions";
import type { RunExecution, RunJob, RunService } from "./model";

// Cloud Run Admin API v2 resources as the API renders them (run.v2.json schemas; proto3 JSON leaves out
// zero counts and empty fields; int64 as strings; Durations as "<n>s").

const iso = (ms: number) => new Date(ms).toISOString();
const RUN_TYPE = "type.googleapis.com/google.cloud.run.v2";

export function jobName(j: { projectId: string; region: string; name: string }): string {
  return `projects/${j.projectId}/locations/${j.region}/jobs/${j.name}`;
}

export function executionName(e: RunExecution): string {
  return `${jobName({ projectId: e.projectId, region: e.region, name: e.job })}/executions/${e.name}`;
}

function container(image: string, env: { name: string; value: string }[], cpu: string, memory: string): Record<string, unknown> {
  return { image, ...(env.length ? { env } : {}), resources: { limits: { cpu, memory } } };
}

export function jobView(j: RunJob, latest: RunExecution | undefined, reconciling: boolean, e: EnumEncoder, serviceAccount: string, nowMs: number): Record<string, unknown> {
  const ready = { type: "Ready", state: e("conditionState", reconciling ? "CONDITION_RECONCILING" : "CONDITION_SUCCEEDED"), lastTransitionTime: iso(j.updateMs) };
  return {
    name: jobName(j),
    uid: j.uid,
    generation: String(j.generation),
    ...(Object.keys(j.labels).length ? { labels: j.labels } : {}),
    createTime: iso(j.createMs),
    updateTime: iso(j.updateMs),
    creator: serviceAccount,
    lastModifier: serviceAccount,
    launchStage: e("launchStage", "GA"),
    template: {
      taskCount: j.taskCount,
      template: {
        containers: [container(j.image, j.env, j.cpu, j.memory)],
        ...(j.maxRetries ? { maxRetries: j.maxRetries } : {}),
        timeout: `${j.timeoutSeconds}s`,
        serviceAccount,
        executionEnvironment: e("executionEnvironment", "EXECUTION_ENVIRONMENT_GEN2"),
      },
    },
    observedGeneration: String(reconciling ? j.generation - 1 : j.generation),
    terminalCondition: ready,
    ...(j.executionCount ? { executionCount: j.executionCount } : {}),
    ...(latest ? { latestCreatedExecution: { name: executionName(latest), createTime: iso(latest.createMs), ...optionalTime("completionTime", completionMs(latest, nowMs)) } } : {}),
    ...(reconciling ? { reconciling: true } : {}),
    etag: `"${j.uid.slice(0, 8)}-${j.generation}"`,
  };
}

function optionalTime(key: string, ms: number | undefined): Record<string, string> {
  return ms === undefined ? {} : { [key]: iso(ms) };
}

export function executionView(ex: RunExecution, e: EnumEncoder, serviceAccount: string, nowMs: number): Record<string, unknown> {
  const c = counts(ex, nowMs);
  const done = completionMs(ex, nowMs);
  const started = nowMs >= ex.startMs || ex.cancelMs !== undefined;
  const nonZero = (key: string, n: number) => (n ? { [key]: n } : {});
  return {
    name: executionName(ex),
    uid: ex.uid,
    generation: "1",
    createTime: iso(ex.createMs),
    ...(started ? { startTime: iso(ex.startMs) } : {}),
    ...optionalTime("completionTime", done),
    updateTime: iso(done ?? Math.max(ex.createMs, Math.min(nowMs, ex.startMs))),
    launchStage: e("launchStage", "GA"),
    job: ex.job,
    taskCount: ex.tasks.length,
    template: {
      containers: [container(ex.image, ex.env, ex.cpu, ex.memory)],
      timeout: `${ex.timeoutSeconds}s`,
      serviceAccount,
      executionEnvironment: e("executionEnvironment", "EXECUTION_ENVIRONMENT_GEN2"),
    },
    conditions: conditions(ex, e, nowMs),
    observedGeneration: "1",
    ...nonZero("runningCount", c.running),
    ...nonZero("succeededCount", c.succeeded),
    ...nonZero("failedCount", c.failed),
    ...nonZero("cancelledCount", c.cancelled),
    logUri: `https://console.cloud.google.com/logs/viewer?project=${ex.projectId}&advancedFilter=resource.type%3D%22cloud_run_job%22%0Alabels.%22run.googleapis.com/execution_name%22%3D%22${ex.name}%22`,
    etag: `"${ex.uid.slice(0, 8)}"`,
    ...(done === undefined ? { reconciling: true } : {}),
  };
}

/** Completed, ResourcesAvailable and Started, as `gcloud run jobs executions describe` shows them. */
function conditions(ex: RunExecution, e: EnumEncoder, nowMs: number): Record<string, unknown>[] {
  const c = counts(ex, nowMs);
  const done = completionMs(ex, nowMs);
  const started = nowMs >= ex.startMs;
  const total = ex.tasks.length;
  let completed: Record<string, unknown>;
  if (done === undefined) {
    completed = { state: e("conditionState", "CONDITION_PENDING"), message: `${c.running + c.pending} of ${total} tasks are still running.` };
  } else if (c.cancelled > 0) {
    completed = { state: e("conditionState", "CONDITION_FAILED"), executionReason: e("executionReason", "CANCELLED"), message: "The execution was cancelled.", severity: e("conditionSeverity", "WARNING") };
  } else if (c.failed > 0) {
    const seconds = ((done - ex.startMs) / 1000).toFixed(2);
    completed = { state: e("conditionState", "CONDITION_FAILED"), executionReason: e("executionReason", "NON_ZERO_EXIT_CODE"), message: `Task ${ex.name}-task${ex.tasks.findIndex((t) => t.exitCode !== 0)} failed with message: The container exited with an error. (${c.failed} of ${total} tasks failed after ${seconds}s)`, severity: e("conditionSeverity", "ERROR") };
  } else {
    completed = { state: e("conditionState", "CONDITION_SUCCEEDED"), message: `Execution completed successfully in ${((done - ex.startMs) / 1000).toFixed(2)}s.` };
  }
  return [
    { type: "Completed", ...completed, lastTransitionTime: iso(done ?? (started ? ex.startMs : ex.createMs)) },
    { type: "ResourcesAvailable", state: e("conditionState", started ? "CONDITION_SUCCEEDED" : "CONDITION_PENDING"), message: started ? "Provisioned imported containers." : "Provisioning imported containers.", lastTransitionTime: iso(started ? ex.startMs : ex.createMs) },
    { type: "Started", state: e("conditionState", started ? "CONDITION_SUCCEEDED" : "CONDITION_PENDING"), message: started ? "Started deployed tasks." : "Waiting for tasks to start.", lastTransitionTime: iso(started ? ex.startMs : ex.createMs) },
  ];
}

export function serviceView(s: RunService, e: EnumEncoder, serviceAccount: string): Record<string, unknown> {
  const revision = `${s.name}-00001-${s.uid.slice(0, 3)}`;
  const ready = { type: "Ready", state: e("conditionState", "CONDITION_SUCCEEDED"), lastTransitionTime: iso(s.createMs) };
  return {
    name: `projects/${s.projectId}/locations/${s.region}/services/${s.name}`,
    uid: s.uid,
    generation: "1",
    createTime: iso(s.createMs),
    updateTime: iso(s.createMs),
    creator: serviceAccount,
    lastModifier: serviceAccount,
    ingress: e("ingress", "INGRESS_TRAFFIC_ALL"),
    launchStage: e("launchStage", "GA"),
    template: { containers: [{ image: s.image, ports: [{ name: "http1", containerPort: 8080 }], resources: { limits: { cpu: "1", memory: "512Mi" }, cpuIdle: true } }], serviceAccount, maxInstanceRequestConcurrency: 80, timeout: "300s", scaling: { maxInstanceCount: 1 } },
    traffic: [{ type: e("trafficType", "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"), percent: 100 }],
    observedGeneration: "1",
    terminalCondition: ready,
    conditions: [{ type: "RoutesReady", state: e("conditionState", "CONDITION_SUCCEEDED"), lastTransitionTime: iso(s.createMs) }, { type: "ConfigurationsReady", state: e("conditionState", "CONDITION_SUCCEEDED"), lastTransitionTime: iso(s.createMs) }],
    latestReadyRevision: `projects/${s.projectId}/locations/${s.region}/revisions/${revision}`,
    latestCreatedRevision: `projects/${s.projectId}/locations/${s.region}/revisions/${revision}`,
    trafficStatuses: [{ type: e("trafficType", "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"), percent: 100 }],
    uri: `https://${s.name}-${s.uid.slice(0, 10)}-an.a.run.app`,
    etag: `"${s.uid.slice(0, 8)}"`,
  };
}

export function anyOf(kind: "Execution" | "Job", value: Record<string, unknown>): Record<string, unknown> {
  return { "@type": `${RUN_TYPE}.${kind}`, ...value };
}

export function taskName(ex: RunExecution, index: number): string {
  return `${executionName(ex)}/tasks/${ex.name}-task${index}`;
}

/** One task of an execution (run.v2 Task): its state, times and the last attempt's exit code. */
export function taskView(ex: RunExecution, index: number, e: EnumEncoder, serviceAccount: string, nowMs: number): Record<string, unknown> {
  const task = ex.tasks[index];
  if (!task) throw new RangeError(`task ${index} of ${ex.name}`);
  const state = taskStates(ex, nowMs)[index];
  const end = state === "cancelled" ? Math.max(ex.cancelMs ?? ex.startMs, ex.createMs) : ex.startMs + task.durationMs;
  const done = state === "succeeded" || state === "failed" || state === "cancelled";
  const completed =
    state === "succeeded" ? { state: e("conditionState", "CONDITION_SUCCEEDED"), message: "Completed successfully." }
    : state === "failed" ? { state: e("conditionState", "CONDITION_FAILED"), message: `The container exited with an error (exit code ${task.exitCode}).`, severity: e("conditionSeverity", "ERROR") }
    : state === "cancelled" ? { state: e("conditionState", "CONDITION_FAILED"), executionReason: e("executionReason", "CANCELLED"), message: "The task was cancelled." }
    : { state: e("conditionState", "CONDITION_PENDING"), message: state === "running" ? "The task is running." : "The task is waiting to start." };
  const started = state !== "pending" && nowMs >= ex.startMs;
  return {
    name: taskName(ex, index),
    uid: `${ex.uid.slice(0, 24)}${String(index).padStart(12, "0")}`,
    generation: "1",
    createTime: iso(ex.createMs),
    scheduledTime: iso(ex.createMs),
    ...(started ? { startTime: iso(ex.startMs) } : {}),
    ...(done ? { completionTime: iso(end) } : {}),
    updateTime: iso(done ? end : started ? ex.startMs : ex.createMs),
    job: ex.job,
    execution: ex.name,
    containers: [container(ex.image, ex.env, ex.cpu, ex.memory)],
    timeout: `${ex.timeoutSeconds}s`,
    serviceAccount,
    executionEnvironment: e("executionEnvironment", "EXECUTION_ENVIRONMENT_GEN2"),
    ...(done ? {} : { reconciling: true }),
    conditions: [{ type: "Completed", ...completed, lastTransitionTime: iso(done ? end : started ? ex.startMs : ex.createMs) }],
    observedGeneration: "1",
    ...(index ? { index } : {}),
    ...(state === "succeeded" || state === "failed" ? { lastAttemptResult: { ...(task.exitCode ? { exitCode: task.exitCode, status: { code: 2, message: `Container exited with code ${task.exitCode}.` } } : { status: {} }) } } : {}),
    logUri: `https://console.cloud.google.com/logs/viewer?project=${ex.projectId}&advancedFilter=resource.type%3D%22cloud_run_job%22%0Alabels.%22run.googleapis.com/execution_name%22%3D%22${ex.name}%22%0Alabels.%22run.googleapis.com/task_index%22%3D%22${index}%22`,
    etag: `"${ex.uid.slice(0, 8)}-${index}"`,
  };
}
