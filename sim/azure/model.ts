// The simulated Azure estate: tenants with service principals, subscriptions with resource groups and
// Container Apps jobs, one Log Analytics workspace and one Service Bus namespace per account.
// Plain data; behaviour lives in executions.ts / triggers.ts and the HTTP services.

export type Json = Record<string, unknown>;

export interface Tenant {
  id: string;
  /** clientId -> client secret */
  principals: Map<string, string>;
}

export interface Subscription {
  id: string;
  tenantId: string;
  /** lower-cased name -> group (ARM resource group names are case-insensitive) */
  resourceGroups: Map<string, ResourceGroup>;
}

export interface ResourceGroup {
  name: string;
  location: string;
  jobs: Map<string, Job>;
}

export interface JobBehaviour {
  /**
   * Start answers 202 + Location and the run's {name, id} comes from the operation (Jobs.json allows
   * both; recorded sessions answered 200 at once, the default here).
   */
  startAccepted?: boolean;
  /** Fixed run length; default: seeded random 20–240 s. */
  durationSeconds?: number;
  /** Fixed exit code; default: 0, or 1 with probability failureRate. */
  exitCode?: number;
  failureRate?: number;
}

export interface Job {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  /** JobConfiguration as ARM returns it. */
  configuration: Json;
  /** JobTemplate as ARM returns it. */
  template: Json;
  environmentId: string;
  behaviour: JobBehaviour;
  createdAt: number;
  lastModifiedAt: number;
  /** Sorted by start time, oldest first; trimmed to the last 100 (Azure's limit). */
  executions: Execution[];
  /** Where cron catch-up got to. */
  scheduledUntil: number;
}

export interface LogRow {
  timeMs: number;
  containerGroup: string;
  container: string;
  jobName: string;
  image: string;
  stream: "stdout" | "stderr";
  text: string;
  execution: Execution;
}

export interface Execution {
  name: string;
  job: Job;
  /** JobExecutionTemplate of this run (the start override, or the job's template at start). */
  template: Json;
  startMs: number;
  /** When it ends on its own (start + run length), unless stopped first. */
  plannedEndMs: number;
  exitCode: number;
  stoppedMs: number | null;
  trigger: "manual" | "schedule" | "event";
}

export interface Workspace {
  /** The workspace (customer) id used in /v1/workspaces/{id}/query. */
  id: string;
  subscriptionId: string;
  rows: LogRow[];
}

export interface ServiceBusMessage {
  sequenceNumber: number;
  enqueuedMs: number;
  body: string;
  contentType: string | null;
  brokerProperties: Json | null;
  customProperties: Record<string, string>;
}

export interface ServiceBusNamespace {
  /** Host name, e.g. "batchdeck-demo.servicebus.windows.net". */
  host: string;
  subscriptionId: string;
  /** SAS policy name -> key */
  keys: Map<string, string>;
  /** queue name (lower-cased; Service Bus entity names are case-insensitive) -> pending messages */
  queues: Map<string, ServiceBusMessage[]>;
  nextSequence: number;
}

export interface PendingOperation {
  id: string;
  job: Job;
  /** When, on the simulated clock, the operation is over; polls before then answer 202 (see arm.ts). */
  doneAtMs: number;
  /** The body of the final 200. */
  result: () => Json;
}

export interface AzureState {
  tenants: Map<string, Tenant>;
  subscriptions: Map<string, Subscription>;
  workspaces: Map<string, Workspace>;
  namespaces: Map<string, ServiceBusNamespace>;
  operations: Map<string, PendingOperation>;
}

export function emptyState(): AzureState {
  return { tenants: new Map(), subscriptions: new Map(), workspaces: new Map(), namespaces: new Map(), operations: new Map() };
}

/** Azure keeps the last 100 executions of a job (learn.microsoft.com/azure/container-apps/jobs#job-execution-history). */
export const EXECUTION_HISTORY_LIMIT = 100;

export const JOBS_PROVIDER = "Microsoft.App";
export const API_VERSION = "2025-07-01";

export function jobId(job: Job): string {
  return `/subscriptions/${job.subscriptionId}/resourceGroups/${job.resourceGroup}/providers/Microsoft.App/jobs/${job.name}`;
}

export function executionId(execution: Execution): string {
  return `${jobId(execution.job)}/executions/${execution.name}`;
}
