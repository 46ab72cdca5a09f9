import { Cron } from "croner";
import type { GcpCloud } from "./cloud";
import type { EnvVar, SchedulerJob } from "./model";

// Cloud Scheduler on the simulated clock: each enabled job's cron instants (read in its own time zone, as
// Cloud Scheduler does: https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules) call its
// HTTP target. A target that is a Cloud Run job's `:run` starts an execution with the body's overrides.

/** The Admin API v2 run URL, and the v1 (Knative) form the console writes for a scheduler trigger. */
const RUN_V2 = /^https:\/\/run\.googleapis\.com\/v2\/projects\/([^/]+)\/locations\/([^/]+)\/jobs\/([^/:]+):run$/;
const RUN_V1 = /^https:\/\/([a-z0-9-]+)-run\.googleapis\.com\/apis\/run\.googleapis\.com\/v1\/namespaces\/([^/]+)\/jobs\/([^/:]+):run$/;

export function fireDueSchedules(cloud: GcpCloud, nowMs: number): void {
  const due: { at: number; job: SchedulerJob }[] = [];
  for (const job of cloud.schedulerJobs) {
    if (job.paused) {
      job.checkedUntilMs = nowMs;
      continue;
    }
    for (const at of instants(job, job.checkedUntilMs, nowMs)) due.push({ at, job });
    job.checkedUntilMs = nowMs;
  }
  due.sort((a, b) => a.at - b.at);
  for (const { at, job } of due) attempt(cloud, job, at);
}

/** The cron instants in (fromMs, toMs]. */
export function instants(job: Pick<SchedulerJob, "schedule" | "timeZone">, fromMs: number, toMs: number): number[] {
  const cron = new Cron(job.schedule, { timezone: job.timeZone, paused: true });
  const out: number[] = [];
  let next = cron.nextRun(new Date(fromMs));
  while (next && next.getTime() <= toMs) {
    out.push(next.getTime());
    next = cron.nextRun(next);
  }
  return out;
}

export function nextRunMs(job: SchedulerJob, nowMs: number): number | undefined {
  return new Cron(job.schedule, { timezone: job.timeZone, paused: true }).nextRun(new Date(nowMs))?.getTime();
}

/** Scheduler's "force run": one attempt now, whatever the schedule. */
export function fireNow(cloud: GcpCloud, sj: SchedulerJob, nowMs: number): void {
  attempt(cloud, sj, nowMs);
}

function attempt(cloud: GcpCloud, sj: SchedulerJob, at: number): void {
  sj.lastAttemptMs = at;
  const target = RUN_V2.exec(sj.uri) ?? RUN_V1.exec(sj.uri);
  if (!target) {
    // Anything else would be an outside HTTP call; the simulator does not leave the machine.
    sj.lastStatus = { code: 14, message: `The simulator only calls Cloud Run jobs' :run, not ${sj.uri}` };
    return;
  }
  const [, a, b, jobName] = target as unknown as [string, string, string, string];
  const [projectId, region] = RUN_V2.test(sj.uri) ? [a, b] : [b, a];
  const job = cloud.findJob(projectId, region, jobName);
  if (!job || projectId !== sj.projectId) {
    sj.lastStatus = { code: 5, message: `Job ${jobName} was not found in ${projectId}/${region}.` };
    return;
  }
  cloud.runJob(job, overridesOf(sj.body), at);
  sj.lastStatus = { code: 0, message: "" };
}

function overridesOf(body: string): { env?: EnvVar[]; taskCount?: number } {
  try {
    const parsed = JSON.parse(body || "{}") as { overrides?: { containerOverrides?: { env?: EnvVar[] }[]; taskCount?: number } };
    const env = (parsed.overrides?.containerOverrides ?? []).flatMap((c) => c.env ?? []).filter((e) => typeof e.name === "string").map((e) => ({ name: e.name, value: String(e.value ?? "") }));
    return { env, taskCount: parsed.overrides?.taskCount };
  } catch {
    return {};
  }
}
