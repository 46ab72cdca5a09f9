// The simulated Google Cloud's state: projects with their service account, Cloud Run jobs, executions,
// services and long-running operations, Cloud Scheduler jobs and Cloud Logging entries. Times are
// simulated-clock milliseconds.

export interface EnvVar {
  name: string;
  value: string;
}

export interface GcpProject {
  projectId: string;
  projectNumber: string;
  regions: string[];
  serviceAccountEmail: string;
  serviceAccountId: string;
  /** entries.list reads allowed per minute (Cloud Logging's default is 60 per project). */
  logQuotaPerMinute: number;
  /** When each entries.list read in the last minute arrived. */
  logReads: number[];
}

export interface RunJob {
  projectId: string;
  region: string;
  name: string;
  uid: string;
  generation: number;
  createMs: number;
  updateMs: number;
  image: string;
  env: EnvVar[];
  cpu: string;
  memory: string;
  taskCount: number;
  parallelism: number;
  maxRetries: number;
  timeoutSeconds: number;
  executionCount: number;
  labels: Record<string, string>;
  /** Simulation knobs: fixed run length / exit code, else seeded (20–240 s, failing at failureRate). */
  durationSeconds?: number;
  exitCode?: number;
  failureRate: number;
}

export interface RunTask {
  durationMs: number;
  exitCode: number;
}

export interface RunExecution {
  projectId: string;
  region: string;
  job: string;
  name: string;
  uid: string;
  createMs: number;
  /** Cloud Run provisions before the tasks start. */
  startMs: number;
  jobGeneration: number;
  image: string;
  /** The container's env for this run: the job's, with the overrides' entries replacing same-named ones. */
  env: EnvVar[];
  cpu: string;
  memory: string;
  timeoutSeconds: number;
  tasks: RunTask[];
  cancelMs?: number;
}

export type TaskState = "pending" | "running" | "succeeded" | "failed" | "cancelled";

export interface RunService {
  projectId: string;
  region: string;
  name: string;
  uid: string;
  createMs: number;
  image: string;
  /** Traffic the simulator writes request logs for, per hour of simulated time. */
  requestsPerHour: number;
  /** Request logs are written up to here. */
  trafficUntilMs: number;
}

export interface RunOperation {
  name: string;
  projectId: string;
  kind: "run" | "update" | "cancel";
  job: string;
  execution?: string;
  createMs: number;
  /** update: done from then on (Cloud Run takes seconds to roll a job's new template out). */
  doneAtMs?: number;
}

export interface SchedulerJob {
  projectId: string;
  region: string;
  name: string;
  description: string;
  schedule: string;
  timeZone: string;
  paused: boolean;
  uri: string;
  httpMethod: "POST" | "GET" | "PUT";
  /** The HTTP body as text (base64 on the wire). */
  body: string;
  headers: Record<string, string>;
  oauthServiceAccount: string;
  attemptDeadlineSeconds: number;
  userUpdateMs: number;
  /** Cron instants are taken after this. */
  checkedUntilMs: number;
  lastAttemptMs?: number;
  /** google.rpc.Status code of the last attempt (0 = OK). */
  lastStatus?: { code: number; message: string };
}

export interface LogEntry {
  projectId: string;
  insertId: string;
  logName: string;
  resource: { type: string; labels: Record<string, string> };
  timestampMs: number;
  severity: LogSeverity;
  textPayload?: string;
  httpRequest?: HttpRequestLog;
  labels?: Record<string, string>;
}

export type LogSeverity = "DEFAULT" | "DEBUG" | "INFO" | "NOTICE" | "WARNING" | "ERROR" | "CRITICAL";

export interface HttpRequestLog {
  requestMethod: string;
  requestUrl: string;
  status: number;
  responseSize: string;
  userAgent: string;
  remoteIp: string;
  latency: string;
  protocol: string;
}
