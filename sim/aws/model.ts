// The simulated AWS estate: accounts (12-digit ids) with their keys, roles, ECS clusters, task
// definitions and tasks, EventBridge rules, Scheduler schedules and CloudWatch Logs groups. One region
// per account (the account's `region`); ARNs are built from it.

export type Json = Record<string, unknown>;

/** A key pair the simulator issued: a user's long-term key or AssumeRole's temporary one. */
export interface Principal {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary keys only (AssumeRole); sent as X-Amz-Security-Token. */
  sessionToken?: string;
  /** Temporary keys only: expiry on the simulated clock. */
  expiresMs?: number;
  accountId: string;
  /** arn:aws:iam::<acct>:user/<name> or arn:aws:sts::<acct>:assumed-role/<role>/<session>. */
  arn: string;
  userId: string;
  /** The role a temporary key was issued for (deny lists live on the role). */
  roleName?: string;
}

export interface Role {
  name: string;
  arn: string;
  externalId?: string;
  /** Actions ("ecs:RunTask") refused to sessions of this role. */
  deny: Set<string>;
}

export interface Cluster {
  name: string;
  arn: string;
}

export interface TaskDefinition {
  family: string;
  revision: number;
  arn: string;
  status: "ACTIVE" | "INACTIVE";
  registeredMs: number;
  registeredBy: string;
  /** The RegisterTaskDefinition input (minus tags), as stored. */
  body: Json;
  tags: Json[];
}

export type LastStatus = "PROVISIONING" | "PENDING" | "ACTIVATING" | "RUNNING" | "DEACTIVATING" | "STOPPING" | "DEPROVISIONING" | "STOPPED";

/** One step of a task's life on the simulated clock. */
export interface Transition {
  atMs: number;
  lastStatus: LastStatus;
  desiredStatus: "RUNNING" | "STOPPED";
}

export interface Task {
  id: string;
  arn: string;
  cluster: Cluster;
  definition: TaskDefinition;
  overrides: Json;
  startedBy?: string;
  group: string;
  createdMs: number;
  transitions: Transition[];
  /** When the container starts and exits (absent when it never starts). */
  startedMs?: number;
  exitMs?: number;
  exitCode?: number;
  stopCode?: "EssentialContainerExited" | "UserInitiated" | "TaskFailedToStart" | "ServiceSchedulerInitiated";
  stoppedReason?: string;
  stoppingMs?: number;
  stoppedMs?: number;
  /** How many of `transitions` have been published as state-change events. */
  published: number;
  /** Console lines the essential container writes (to its awslogs stream once the clock passes them). */
  lines: { atMs: number; message: string }[];
  linesWritten: number;
  tags: Json[];
  cpu: string;
  memory: string;
  availabilityZone: string;
  eni: { id: string; attachmentId: string; ip: string; subnet: string };
}

/** A rule's target (PutTargets) or a schedule's (which has no Id). */
export interface Target {
  Id?: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  EcsParameters?: Json;
  [key: string]: unknown;
}

export interface Rule {
  name: string;
  arn: string;
  scheduleExpression?: string;
  eventPattern?: string;
  state: "ENABLED" | "DISABLED";
  description?: string;
  roleArn?: string;
  eventBusName: string;
  targets: Target[];
  createdMs: number;
  /** Fired up to here (exclusive of later firings). */
  firedUntilMs: number;
}

export interface Schedule {
  name: string;
  groupName: string;
  arn: string;
  scheduleExpression: string;
  timezone?: string;
  state: "ENABLED" | "DISABLED";
  description?: string;
  target: Target;
  flexibleTimeWindow: Json;
  startDateMs?: number;
  endDateMs?: number;
  actionAfterCompletion?: string;
  createdMs: number;
  modifiedMs: number;
  firedUntilMs: number;
}

export interface LogEvent {
  timestamp: number;
  ingestionTime: number;
  message: string;
  eventId: string;
  /** Monotonic within the group: orders events written at the same millisecond. */
  seq: number;
}

export interface LogStream {
  name: string;
  creationMs: number;
  events: LogEvent[];
}

export interface LogGroup {
  name: string;
  arn: string;
  creationMs: number;
  streams: Map<string, LogStream>;
  nextSeq: number;
}

export interface IdempotentRun {
  fingerprint: string;
  answer: Json;
  expiresMs: number;
}

export interface AwsAccount {
  id: string;
  region: string;
  clusters: Map<string, Cluster>;
  /** family -> revisions, revision n at index n-1. */
  families: Map<string, TaskDefinition[]>;
  /** Tasks ECS still lists (a stopped one is forgotten an hour after it stopped). */
  tasks: Map<string, Task>;
  /** RunTask client tokens per cluster ("<cluster arn> <token>"), 24 h. */
  clientTokens: Map<string, IdempotentRun>;
  rules: Map<string, Rule>;
  /** "<group>/<name>" */
  schedules: Map<string, Schedule>;
  logGroups: Map<string, LogGroup>;
  roles: Map<string, Role>;
  /** Actions refused to every key of the account. */
  deny: Set<string>;
  /** Share of tasks whose essential container exits 1 (the demo's failures); tests use SIM_EXIT_CODE. */
  failureRate: number;
}

export interface AwsState {
  accounts: Map<string, AwsAccount>;
  /** By access key id. */
  principals: Map<string, Principal>;
}

export const emptyAwsState = (): AwsState => ({ accounts: new Map(), principals: new Map() });

export function emptyAccount(id: string, region: string): AwsAccount {
  return {
    id, region, clusters: new Map(), families: new Map(), tasks: new Map(), clientTokens: new Map(),
    rules: new Map(), schedules: new Map(), logGroups: new Map(), roles: new Map(), deny: new Set(), failureRate: 0,
  };
}

export const toEpochSeconds = (ms: number): number => ms / 1000;
