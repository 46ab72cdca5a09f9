import type { SeededRandom } from "../core/random";
import type { EnvVar, LogEntry, RunExecution, RunJob, RunTask, TaskState } from "./model";

// An execution's tasks on the simulated clock: all tasks start together once Cloud Run has provisioned
// them, each runs its own length and ends with its exit code; a cancel stops the running ones.

/** Cloud Run keeps the last 1,000 executions of a job plus any from the last seven days
 * (https://cloud.google.com/run/docs/execute/jobs: "the most recent 1,000 executions of a job … along with
 * any executions that occurred within the last seven days"). */
export const HISTORY_COUNT = 1000;
export const HISTORY_MS = 7 * 24 * 3600 * 1000;

export function envOf(env: readonly EnvVar[], name: string): string | undefined {
  return env.find((e) => e.name === name)?.value;
}

/** Replaces same-named entries and appends new ones, as a container override's env does. */
export function mergeEnv(base: readonly EnvVar[], overrides: readonly EnvVar[]): EnvVar[] {
  const out = base.filter((e) => !overrides.some((o) => o.name === e.name));
  return [...out, ...overrides];
}

export function planTasks(job: RunJob, env: readonly EnvVar[], taskCount: number, random: SeededRandom): RunTask[] {
  const knobDuration = Number(envOf(env, "SIM_DURATION_SECONDS"));
  const knobExit = Number(envOf(env, "SIM_EXIT_CODE"));
  return Array.from({ length: taskCount }, () => {
    const seconds = Number.isFinite(knobDuration) && envOf(env, "SIM_DURATION_SECONDS") !== undefined ? knobDuration : job.durationSeconds ?? random.int(20, 240);
    const failed = random.chance(job.failureRate);
    let exitCode = envOf(env, "SIM_EXIT_CODE") !== undefined && Number.isInteger(knobExit) ? knobExit : job.exitCode ?? (failed ? 1 : 0);
    let durationMs = seconds * 1000;
    // A task past the job's timeout is stopped there (SIGKILL, 137).
    if (durationMs > job.timeoutSeconds * 1000) [durationMs, exitCode] = [job.timeoutSeconds * 1000, 137];
    return { durationMs, exitCode };
  });
}

export function taskStates(ex: RunExecution, nowMs: number): TaskState[] {
  return ex.tasks.map((t) => {
    const end = ex.startMs + t.durationMs;
    if (ex.cancelMs !== undefined && ex.cancelMs < end) return "cancelled";
    if (nowMs < ex.startMs) return "pending";
    if (nowMs < end) return "running";
    return t.exitCode === 0 ? "succeeded" : "failed";
  });
}

/** When the last task ended (or the cancel took effect); undefined while any task is still going. */
export function completionMs(ex: RunExecution, nowMs: number): number | undefined {
  const ends = ex.tasks.map((t) => ex.startMs + t.durationMs);
  const last = ex.cancelMs !== undefined ? Math.min(Math.max(...ends), Math.max(ex.cancelMs, ex.createMs)) : Math.max(...ends);
  return last <= nowMs ? last : undefined;
}

export function counts(ex: RunExecution, nowMs: number): Record<TaskState, number> {
  const out: Record<TaskState, number> = { pending: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
  for (const s of taskStates(ex, nowMs)) out[s] += 1;
  return out;
}

/** The stdout/stderr lines an execution writes, stamped over its run (they become visible as time passes). */
export function executionLogLines(ex: RunExecution, random: SeededRandom): LogEntry[] {
  const batch = envOf(ex.env, "BATCH") ?? "default";
  const request = envOf(ex.env, "BATCHDECK_REQUEST");
  const lines: LogEntry[] = [];
  ex.tasks.forEach((task, index) => {
    const at = (fraction: number) => ex.startMs + Math.floor(task.durationMs * fraction);
    const say = (fraction: number, text: string, stream: "stdout" | "stderr" = "stdout") =>
      lines.push({
        projectId: ex.projectId,
        insertId: random.string(16),
        logName: `projects/${ex.projectId}/logs/run.googleapis.com%2F${stream}`,
        resource: { type: "cloud_run_job", labels: { job_name: ex.job, location: ex.region, project_id: ex.projectId } },
        timestampMs: at(fraction),
        severity: stream === "stderr" ? "ERROR" : "INFO",
        textPayload: text,
        labels: {
          "run.googleapis.com/execution_name": ex.name,
          "run.googleapis.com/task_index": String(index),
          "run.googleapis.com/task_attempt": "0",
          instanceId: `0069${random.string(24, "0123456789abcdef")}`,
        },
      });
    say(0, `Starting task ${index} of ${ex.tasks.length} batch=${batch}${request ? ` BATCHDECK_REQUEST=${request}` : ""}`);
    say(0.3, `batch=${batch} task=${index} processed ${random.int(10, 500)} records`);
    say(0.7, `batch=${batch} task=${index} processed ${random.int(500, 2000)} records`);
    if (task.exitCode === 0) say(1, `batch=${batch} task=${index} finished`);
    else say(1, `batch=${batch} task=${index} failed: exit code ${task.exitCode}`, "stderr");
  });
  return lines;
}

/** Which executions Cloud Run still shows: a job's newest 1,000, and any created in the last seven days. */
export function retained(executions: readonly RunExecution[], nowMs: number): RunExecution[] {
  const byJob = new Map<string, RunExecution[]>();
  for (const ex of executions) {
    const key = `${ex.projectId}/${ex.region}/${ex.job}`;
    byJob.set(key, [...(byJob.get(key) ?? []), ex]);
  }
  const keep = new Set<RunExecution>();
  for (const list of byJob.values()) {
    const newestFirst = [...list].sort((a, b) => b.createMs - a.createMs);
    newestFirst.forEach((ex, i) => {
      if (i < HISTORY_COUNT || nowMs - ex.createMs <= HISTORY_MS) keep.add(ex);
    });
  }
  return executions.filter((ex) => keep.has(ex));
}
