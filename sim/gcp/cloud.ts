import type { SimClock } from "../core/clock";
import type { SeededRandom } from "../core/random";
import { completionMs, executionLogLines, mergeEnv, planTasks, retained } from "./executions";
import { GcpKeys, type ServiceAccountKeyJson } from "./keys";
import type { EnvVar, GcpProject, LogEntry, RunExecution, RunJob, RunOperation, RunService, SchedulerJob } from "./model";
import { fireDueSchedules } from "./schedules";
import { writeServiceTraffic } from "./traffic";

// The simulated Google Cloud and the test helpers that shape it (README: "Google Cloud").

export interface CreateProjectOptions {
  projectId?: string;
  regions?: string[];
  logQuotaPerMinute?: number;
}

export interface CreateJobOptions {
  projectId: string;
  region?: string;
  name: string;
  image?: string;
  env?: Record<string, string>;
  cpu?: string;
  memory?: string;
  taskCount?: number;
  timeoutSeconds?: number;
  durationSeconds?: number;
  exitCode?: number;
  failureRate?: number;
}

export interface CreateSchedulerJobOptions {
  projectId: string;
  region?: string;
  name: string;
  /** The Cloud Run job the HTTP target runs (same project and region). */
  job: string;
  schedule: string;
  timeZone?: string;
  /** The env the body's container override sets (e.g. { BATCH: "no2" }). */
  env?: Record<string, string>;
  paused?: boolean;
  description?: string;
}

export interface CreateServiceOptions {
  projectId: string;
  region?: string;
  name: string;
  image?: string;
  requestsPerHour?: number;
}

export const DEFAULT_LOG_QUOTA_PER_MINUTE = 60;
const HOUR_MS = 3_600_000;
/** Cloud Logging's _Default bucket keeps entries 30 days (https://cloud.google.com/logging/quotas#logs_retention_periods). */
const LOG_RETENTION_MS = 30 * 24 * HOUR_MS;

const toEnv = (env: Record<string, string> = {}): EnvVar[] => Object.entries(env).map(([name, value]) => ({ name, value }));

export class GcpCloud {
  readonly projects = new Map<string, GcpProject>();
  readonly jobs: RunJob[] = [];
  executions: RunExecution[] = [];
  readonly services: RunService[] = [];
  readonly operations = new Map<string, RunOperation>();
  readonly schedulerJobs: SchedulerJob[] = [];
  logs: LogEntry[] = [];
  private logsPrunedAtMs = Number.NEGATIVE_INFINITY;
  readonly keys = new GcpKeys();

  constructor(readonly clock: SimClock, readonly random: SeededRandom, private readonly tokenUri: () => string) {}

  nowMs(): number {
    return this.clock.nowMs();
  }

  /** Fires the cron instants that came due, writes service traffic and drops history Cloud Run no longer keeps. */
  catchUp(): void {
    const now = this.nowMs();
    fireDueSchedules(this, now);
    for (const service of this.services) writeServiceTraffic(this, service, now);
    this.executions = retained(this.executions, now);
    if (now - this.logsPrunedAtMs >= HOUR_MS) {
      this.logs = this.logs.filter((e) => e.timestampMs >= now - LOG_RETENTION_MS);
      this.logsPrunedAtMs = now;
    }
  }

  createProject(opts: CreateProjectOptions = {}): GcpProject & { key: ServiceAccountKeyJson } {
    const projectId = opts.projectId ?? `lab-${this.random.string(6)}`;
    if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(projectId)) throw new Error(`"${projectId}" is not a valid project id (6–30 lowercase letters, digits, hyphens)`);
    if (this.projects.has(projectId)) throw new Error(`project ${projectId} exists`);
    const project: GcpProject = {
      projectId,
      projectNumber: String(this.random.int(100_000_000_000, 999_999_999_999)),
      regions: opts.regions ?? ["asia-northeast1"],
      serviceAccountEmail: `batchdeck@${projectId}.iam.gserviceaccount.com`,
      serviceAccountId: String(this.random.int(100_000_000_000, 999_999_999_999)) + String(this.random.int(100_000_000, 999_999_999)),
      logQuotaPerMinute: opts.logQuotaPerMinute ?? DEFAULT_LOG_QUOTA_PER_MINUTE,
      logReads: [],
    };
    this.projects.set(projectId, project);
    return { ...project, key: this.issueKey(projectId) };
  }

  project(projectId: string): GcpProject {
    const project = this.projects.get(projectId);
    if (!project) throw new Error(`no project ${projectId}`);
    return project;
  }

  issueKey(projectId: string): ServiceAccountKeyJson {
    const p = this.project(projectId);
    return this.keys.issue(projectId, p.serviceAccountEmail, p.serviceAccountId, this.tokenUri());
  }

  createJob(o: CreateJobOptions): RunJob {
    const project = this.project(o.projectId);
    const region = o.region ?? project.regions[0] ?? "us-central1";
    if (this.findJob(o.projectId, region, o.name)) throw new Error(`job ${o.name} exists`);
    const now = this.nowMs();
    const job: RunJob = {
      projectId: o.projectId, region, name: o.name, uid: this.random.uuid(), generation: 1, createMs: now, updateMs: now,
      image: o.image ?? `${region}-docker.pkg.dev/${o.projectId}/lab/${o.name}:latest`, env: toEnv(o.env), cpu: o.cpu ?? "1", memory: o.memory ?? "512Mi",
      taskCount: o.taskCount ?? 1, parallelism: 0, maxRetries: 0, timeoutSeconds: o.timeoutSeconds ?? 600, executionCount: 0, labels: {},
      durationSeconds: o.durationSeconds, exitCode: o.exitCode, failureRate: o.failureRate ?? 0,
    };
    this.jobs.push(job);
    return job;
  }

  findJob(projectId: string, region: string, name: string): RunJob | undefined {
    return this.jobs.find((j) => j.projectId === projectId && j.region === region && j.name === name);
  }

  createService(o: CreateServiceOptions): RunService {
    const project = this.project(o.projectId);
    const region = o.region ?? project.regions[0] ?? "us-central1";
    const now = this.nowMs();
    const service: RunService = {
      projectId: o.projectId, region, name: o.name, uid: this.random.uuid(), createMs: now,
      image: o.image ?? `${region}-docker.pkg.dev/${o.projectId}/lab/${o.name}:latest`, requestsPerHour: o.requestsPerHour ?? 0, trafficUntilMs: now,
    };
    this.services.push(service);
    return service;
  }

  createSchedulerJob(o: CreateSchedulerJobOptions): SchedulerJob {
    const project = this.project(o.projectId);
    const region = o.region ?? project.regions[0] ?? "us-central1";
    const body = { overrides: { containerOverrides: [{ env: toEnv(o.env) }] } };
    const job: SchedulerJob = {
      projectId: o.projectId, region, name: o.name, description: o.description ?? "", schedule: o.schedule, timeZone: o.timeZone ?? "Etc/UTC",
      paused: o.paused ?? false,
      uri: `https://run.googleapis.com/v2/projects/${o.projectId}/locations/${region}/jobs/${o.job}:run`,
      httpMethod: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json", "User-Agent": "Google-Cloud-Scheduler" },
      oauthServiceAccount: project.serviceAccountEmail, attemptDeadlineSeconds: 180, userUpdateMs: this.nowMs(), checkedUntilMs: this.nowMs(),
    };
    this.schedulerJobs.push(job);
    return job;
  }

  /** Starts an execution of the job at `atMs` (default now) with the overrides' env and task count. */
  runJob(job: RunJob, overrides: { env?: EnvVar[]; taskCount?: number; timeoutSeconds?: number } = {}, atMs = this.nowMs()): RunExecution {
    const env = mergeEnv(job.env, overrides.env ?? []);
    job.executionCount += 1;
    const ex: RunExecution = {
      projectId: job.projectId, region: job.region, job: job.name, name: `${job.name}-${this.random.string(5)}`, uid: this.random.uuid(),
      createMs: atMs, startMs: atMs + this.random.int(2, 6) * 1000, jobGeneration: job.generation, image: job.image, env, cpu: job.cpu, memory: job.memory,
      timeoutSeconds: overrides.timeoutSeconds ?? job.timeoutSeconds,
      tasks: planTasks({ ...job, timeoutSeconds: overrides.timeoutSeconds ?? job.timeoutSeconds }, env, overrides.taskCount ?? job.taskCount, this.random),
    };
    this.executions.push(ex);
    this.logs.push(...executionLogLines(ex, this.random));
    return ex;
  }

  findExecution(projectId: string, region: string, job: string, name: string): RunExecution | undefined {
    return this.executions.find((e) => e.projectId === projectId && e.region === region && (job === "-" || e.job === job) && e.name === name);
  }

  /** Stops the tasks still running; the lines they would have written later never appear. */
  cancel(ex: RunExecution): void {
    const now = this.nowMs();
    if (completionMs(ex, now) !== undefined || ex.cancelMs !== undefined) return;
    ex.cancelMs = now;
    const execLabel = "run.googleapis.com/execution_name";
    for (let i = this.logs.length - 1; i >= 0; i--) {
      const line = this.logs[i] as LogEntry;
      if (line.labels?.[execLabel] === ex.name && line.projectId === ex.projectId && line.timestampMs > now) this.logs.splice(i, 1);
    }
  }

  newOperation(op: Omit<RunOperation, "name" | "createMs">, region: string): RunOperation {
    const full: RunOperation = { ...op, name: `projects/${op.projectId}/locations/${region}/operations/${this.random.uuid()}`, createMs: this.nowMs() };
    this.operations.set(full.name, full);
    return full;
  }
}
