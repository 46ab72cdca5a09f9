import type { SeededRandom } from "../core/random";
import { EXECUTION_HISTORY_LIMIT, type Execution, type Job, type Json, type LogRow, type Workspace } from "./model";

// Runs executions on the simulated clock. Status is derived from the clock whenever it is read, so
// moving the clock finishes runs without any timers: Running until start + run length, then
// Succeeded (exit 0) or Failed; Stopped if stopped first. A running execution has no endTime
// (seen in real recorded sessions, shared/fixtures/README.md).

export type ExecutionStatus = "Running" | "Succeeded" | "Failed" | "Stopped";

/** Test knobs read from the run's env, so a test can make one run fail or last longer. */
export const DURATION_ENV = "SIM_DURATION_SECONDS";
export const EXIT_CODE_ENV = "SIM_EXIT_CODE";

export function executionStatus(execution: Execution, nowMs: number): ExecutionStatus {
  if (execution.stoppedMs !== null && execution.stoppedMs <= nowMs) return "Stopped";
  if (nowMs < execution.plannedEndMs) return "Running";
  return execution.exitCode === 0 ? "Succeeded" : "Failed";
}

export function executionEndMs(execution: Execution, nowMs: number): number | null {
  const status = executionStatus(execution, nowMs);
  if (status === "Running") return null;
  return status === "Stopped" ? (execution.stoppedMs as number) : execution.plannedEndMs;
}

export function envOf(template: Json): Record<string, string> {
  const env: Record<string, string> = {};
  for (const container of containersOf(template)) {
    for (const item of (container.env as Json[] | undefined) ?? []) {
      if (typeof item.name === "string" && typeof item.value === "string") env[item.name] = item.value;
    }
  }
  return env;
}

export function containersOf(template: Json): Json[] {
  return Array.isArray(template.containers) ? (template.containers as Json[]) : [];
}

/** The execution template of a run: the start body's containers when given (they REPLACE the job's), else the job's. */
export function runTemplate(job: Job, override: Json | null): Json {
  const source = override && Array.isArray(override.containers) ? override : job.template;
  const copy = structuredClone(source);
  const template: Json = { containers: containersOf(copy).map((c) => withPlatformEnv(c, job.name)) };
  if (Array.isArray(copy.initContainers)) template.initContainers = copy.initContainers;
  return template;
}

// The platform adds CONTAINER_APP_JOB_NAME to every execution's env (seen in recorded sessions).
function withPlatformEnv(container: Json, jobName: string): Json {
  const env = ((container.env as Json[] | undefined) ?? []).filter((e) => e.name !== "CONTAINER_APP_JOB_NAME");
  env.push({ name: "CONTAINER_APP_JOB_NAME", value: jobName });
  const { probes: _probes, volumeMounts: _mounts, ...rest } = container;
  return { ...rest, env };
}

export interface StartOptions {
  job: Job;
  template: Json;
  startMs: number;
  trigger: Execution["trigger"];
  random: SeededRandom;
  workspace: Workspace | undefined;
}

export function createExecution({ job, template, startMs, trigger, random, workspace }: StartOptions): Execution {
  // Names are "<job>-<7 lowercase alphanumerics>" (recorded sessions; Job_Start.json "…-pjxhsye").
  const name = `${job.name}-${random.string(7)}`;
  const env = envOf(template);
  const timeout = Number(job.configuration.replicaTimeout ?? 1800);
  let seconds = Number(env[DURATION_ENV] ?? job.behaviour.durationSeconds ?? random.int(20, 240));
  let exitCode = Number(env[EXIT_CODE_ENV] ?? job.behaviour.exitCode ?? (random.chance(job.behaviour.failureRate ?? 0) ? 1 : 0));
  if (!Number.isFinite(seconds) || seconds < 1) seconds = 1;
  if (!Number.isInteger(exitCode)) exitCode = 1;
  // A replica that outlives replicaTimeout is killed, and the execution fails.
  if (seconds > timeout) {
    seconds = timeout;
    exitCode = 137;
  }
  const execution: Execution = {
    name, job, template, startMs, plannedEndMs: startMs + seconds * 1000, exitCode, stoppedMs: null, trigger,
  };
  job.executions.push(execution);
  job.executions.sort((a, b) => a.startMs - b.startMs);
  if (job.executions.length > EXECUTION_HISTORY_LIMIT) job.executions.splice(0, job.executions.length - EXECUTION_HISTORY_LIMIT);
  if (workspace) workspace.rows.push(...logLines(execution, env, random));
  return execution;
}

/** Console lines the run "writes"; each becomes visible once the clock passes its time. */
function logLines(execution: Execution, env: Record<string, string>, random: SeededRandom): LogRow[] {
  const container = containersOf(execution.template)[0] ?? {};
  const image = String(container.image ?? "");
  // ContainerGroupName_s is the replica name: "<execution>-<suffix>", hence the startswith filter.
  const base = {
    containerGroup: `${execution.name}-${random.string(5)}`,
    container: String(container.name ?? execution.job.name),
    jobName: execution.job.name,
    image,
    execution,
  };
  const batch = env.BATCH ?? env.batch ?? "default";
  const seconds = Math.round((execution.plannedEndMs - execution.startMs) / 1000);
  const rows: LogRow[] = [];
  const line = (offsetMs: number, stream: LogRow["stream"], text: string) =>
    rows.push({ ...base, timeMs: execution.startMs + offsetMs, stream, text });
  line(1000, "stdout", `Starting ${execution.job.name} (${image}) batch=${batch}`);
  if (env.BATCHDECK_REQUEST) line(1100, "stdout", `request key ${env.BATCHDECK_REQUEST}`);
  const items = random.int(2, 5);
  const span = Math.max(seconds * 1000 - 2000, items);
  for (let i = 1; i <= items; i++) {
    line(1000 + Math.floor((span * i) / (items + 1)), "stdout", `[${batch}] processed ${i * 10} of ${items * 10} records`);
  }
  const endOffset = execution.plannedEndMs - execution.startMs;
  if (execution.exitCode === 0) line(endOffset, "stdout", `[${batch}] done in ${seconds}s`);
  else {
    line(endOffset - 1, "stderr", `[${batch}] Error: ${random.pick(["upstream returned 503", "connection reset by peer", "record 17 is malformed"])}`);
    line(endOffset, "stderr", `exiting with code ${execution.exitCode}`);
  }
  return rows;
}

/** Log rows that exist at `nowMs`: written already, and not after the run was stopped. */
export function rowVisible(row: LogRow, nowMs: number): boolean {
  if (row.timeMs > nowMs) return false;
  const stopped = row.execution.stoppedMs;
  return stopped === null || row.timeMs <= stopped;
}
