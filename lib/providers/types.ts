// The one interface every cloud adapter implements. It speaks the catalog's words (Job, Execution,
// Trigger, LogLine); cloud SDK types never leave lib/providers/<cloud>/.

export const CLOUDS = ["azure", "aws", "gcp"] as const;
export type Cloud = (typeof CLOUDS)[number];

export type ExecutionStatus = "queued" | "running" | "succeeded" | "failed" | "stopped" | "unknown";
export type TriggerKind = "manual" | "schedule" | "event";
export type TriggeredBy = "user" | "trigger" | "event" | "external";

/** Env var Batchdeck stamps into every run it starts, so a retry can find the run instead of starting another. */
export const REQUEST_KEY_ENV = "BATCHDECK_REQUEST";

export type EnvVars = Record<string, string>;

/** An account as a provider sees it: decrypted credentials, validated settings. Built by lib/catalog. */
export interface ProviderAccount<Settings = unknown, Endpoints = unknown, Credentials = unknown> {
  id: string;
  cloud: Cloud;
  name: string;
  settings: Settings;
  /** null: the cloud's public endpoints. */
  endpoints: Endpoints | null;
  /** null: the host's own identity (managed identity, instance role, application default credentials). */
  credentials: Credentials | null;
  /** Per-call timeout in ms (default DEFAULT_CALL_TIMEOUT_MS). */
  timeoutMs?: number;
}

export const DEFAULT_CALL_TIMEOUT_MS = 5_000;

export interface ProviderTrigger {
  providerId: string;
  kind: TriggerKind;
  /** A cron line, cron(...)/rate(...), or the event source (e.g. a queue the job scales on). */
  expression: string | null;
  /** IANA time zone of a schedule whose cloud lets it name one (Cloud Scheduler); null: the cloud's own fixed zone. */
  timeZone?: string | null;
  batch: string | null;
  overrides: EnvVars | null;
  enabled: boolean;
}

export interface ProviderJob {
  providerId: string;
  name: string;
  kind: "job" | "service";
  region: string | null;
  image: string | null;
  milliVcpu: number | null;
  memoryMiB: number | null;
  /** The CPU architecture runs get, where the cloud prices by it (Fargate: X86_64 or ARM64); absent: X86_64. */
  cpuArchitecture?: string | null;
  env: EnvVars;
  triggers: ProviderTrigger[];
  /** The env var this job reads its batch from, when the job names one (else BATCH, then batch). */
  batchEnvName?: string | null;
}

export interface ProviderExecution {
  providerId: string;
  /** providerId of the job this execution belongs to. */
  jobProviderId: string;
  status: ExecutionStatus;
  providerStatus: string;
  startedAt: Date | null;
  endedAt: Date | null;
  exitCode: number | null;
  image: string | null;
  milliVcpu: number | null;
  memoryMiB: number | null;
  /** The effective env of the run (job env merged with overrides), used to derive batch and request key. */
  env: EnvVars;
  /** Only the env that differs from the job's own. */
  overrides: EnvVars | null;
  triggeredBy: TriggeredBy;
  /** providerId of the trigger that started it, when the cloud says so. */
  triggerProviderId: string | null;
  requestKey: string | null;
}

export interface Page<T> {
  items: T[];
  /** Opaque; null when there is nothing more. */
  cursor: string | null;
}

export interface LogLine {
  at: Date;
  /** Which execution wrote it. */
  executionProviderId: string;
  stream: "stdout" | "stderr" | "system";
  message: string;
}

export interface LogFilter {
  since?: Date;
  until?: Date;
  /** Plain substring match, applied on the cloud's side. */
  contains?: string;
  limit?: number;
}

export interface StartRequest {
  job: { providerId: string; name: string };
  /** Env to set for this run only (e.g. { BATCH: "no2" }). */
  overrides: EnvVars;
  /** Stamped as REQUEST_KEY_ENV into the run. */
  requestKey: string;
}

export interface StartedExecution {
  providerId: string;
  /** True when an execution already carrying the request key was found instead of starting another. */
  alreadyStarted: boolean;
}

/** What a redeploy changed beyond the image, in the user's words (e.g. the schedules it repointed). */
export interface RedeployReport {
  changes: string[];
}

export interface ConnectionReport {
  ok: true;
  /** What was checked, in the user's words, e.g. "Listed 2 jobs in resource group rg-batch". */
  detail: string;
}

export interface TriggerMessageResult {
  /**
   * The execution the message caused, when it could be matched (inferred by time). Usually null at
   * send time: the cloud picks the message up later (KEDA polls every 30 s by default), so the service
   * matches it afterwards with the cloud's match function (Azure: matchTriggeredExecution).
   */
  executionProviderId: string | null;
  inferred: true;
  /** When the cloud accepted the message; the start of the matching window. */
  sentAt: Date;
}

/**
 * Capabilities some clouds lack are optional members, declared as such, never methods that throw
 * "not implemented": callers check `provider.sendTriggerMessage` before offering the button.
 */
export interface CloudProvider {
  readonly cloud: Cloud;
  testConnection(): Promise<ConnectionReport>;
  listJobs(): Promise<ProviderJob[]>;
  listExecutions(since: Date | null, cursor: string | null): Promise<Page<ProviderExecution>>;
  /** Idempotent on requestKey: looks for a run carrying the key before starting one. */
  startExecution(request: StartRequest): Promise<StartedExecution>;
  /** `requestedBy` names the member who asked, for clouds that record a reason with the stop. */
  stopExecution(job: { providerId: string; name: string }, executionProviderId: string, requestedBy?: string): Promise<void>;
  /** Points the job at a new image and waits until the cloud has accepted it. */
  redeploy(job: { providerId: string; name: string }, image: string): Promise<RedeployReport>;
  readLogs(executionProviderIds: string[], filter: LogFilter, cursor: string | null): Promise<Page<LogLine>>;
  /** Service Bus-triggered jobs (Azure): send a message to the job's queue. */
  sendTriggerMessage?(job: { providerId: string; name: string }, body: string, requestKey: string): Promise<TriggerMessageResult>;
  /** Cloud Run services: requests served in a period, for the free tier. */
  countServiceRequests?(serviceProviderId: string, from: Date, to: Date): Promise<number>;
}
