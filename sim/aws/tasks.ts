import type { SeededRandom } from "../core/random";
import type { AwsAccount, Cluster, Json, LastStatus, Task, TaskDefinition, Transition } from "./model";
import { toEpochSeconds as sec } from "./model";

// An ECS Fargate task's life on the simulated clock: PROVISIONING -> PENDING -> RUNNING -> (essential
// container exits) DEPROVISIONING -> STOPPED, with the seconds each step takes on Fargate (ENI
// attachment, image pull, ENI release). The whole plan is drawn when the task is created; a StopTask
// rewrites the part not yet reached. Lifecycle and stop codes:
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Task.html (stopCode)

/** Test knobs read from the effective env, as the Azure side reads them. */
export const DURATION_ENV = "SIM_DURATION_SECONDS";
export const EXIT_CODE_ENV = "SIM_EXIT_CODE";
/** "1": the image pull fails and the task stops with TaskFailedToStart. */
export const FAIL_TO_START_ENV = "SIM_FAIL_TO_START";

export interface TaskPlanInput {
  account: AwsAccount;
  cluster: Cluster;
  definition: TaskDefinition;
  overrides: Json;
  startedBy?: string;
  group?: string;
  tags?: Json[];
  createdMs: number;
  random: SeededRandom;
  failureRate?: number;
  /** Set when the task cannot start for a reason known up front (e.g. its log group is missing). */
  failToStartReason?: string;
}

export function containersOf(definition: TaskDefinition): Json[] {
  return (definition.body.containerDefinitions as Json[] | undefined) ?? [];
}

/** The container's env as the task runs it: the definition's, then the override's on top. */
export function effectiveEnv(definition: TaskDefinition, overrides: Json, container: string): Record<string, string> {
  const env: Record<string, string> = {};
  const def = containersOf(definition).find((c) => c.name === container);
  for (const e of (def?.environment as Json[] | undefined) ?? []) env[String(e.name)] = String(e.value ?? "");
  const override = ((overrides.containerOverrides as Json[] | undefined) ?? []).find((c) => c.name === container);
  for (const e of (override?.environment as Json[] | undefined) ?? []) env[String(e.name)] = String(e.value ?? "");
  return env;
}

export function essentialContainer(definition: TaskDefinition): Json {
  return containersOf(definition).find((c) => c.essential !== false) ?? containersOf(definition)[0] ?? {};
}

export function createTask(input: TaskPlanInput): Task {
  const { account, cluster, definition, random, createdMs } = input;
  const id = random.string(32, "0123456789abcdef");
  const essential = String(essentialContainer(definition).name ?? "");
  const env = effectiveEnv(definition, input.overrides, essential);
  const task: Task = {
    id,
    arn: `arn:aws:ecs:${account.region}:${account.id}:task/${cluster.name}/${id}`,
    cluster, definition, overrides: input.overrides, startedBy: input.startedBy,
    group: input.group ?? `family:${definition.family}`,
    createdMs, transitions: [], published: 0, lines: [], linesWritten: 0, tags: input.tags ?? [],
    cpu: String((input.overrides.cpu as string | undefined) ?? definition.body.cpu ?? "256"),
    memory: String((input.overrides.memory as string | undefined) ?? definition.body.memory ?? "512"),
    availabilityZone: `${account.region}${random.pick(["a", "c", "d"])}`,
    eni: { id: `eni-${random.string(17, "0123456789abcdef")}`, attachmentId: random.uuid(), ip: `10.0.${random.int(0, 255)}.${random.int(2, 254)}`, subnet: `subnet-${random.string(17, "0123456789abcdef")}` },
  };
  const pendingMs = createdMs + random.int(5, 12) * 1000;
  task.transitions.push({ atMs: createdMs, lastStatus: "PROVISIONING", desiredStatus: "RUNNING" }, { atMs: pendingMs, lastStatus: "PENDING", desiredStatus: "RUNNING" });
  if (env[FAIL_TO_START_ENV] === "1" || input.failToStartReason !== undefined) {
    const failMs = pendingMs + random.int(3, 10) * 1000;
    const image = String(essentialContainer(definition).image ?? "");
    task.stopCode = "TaskFailedToStart";
    task.stoppedReason = input.failToStartReason ?? `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ${image}: not found`;
    finish(task, failMs, "PENDING", random);
    return task;
  }
  const pullStoppedMs = pendingMs + random.int(4, 20) * 1000;
  task.startedMs = pullStoppedMs + 1000;
  let seconds = Number(env[DURATION_ENV] ?? random.int(30, 300));
  if (!Number.isFinite(seconds) || seconds < 1) seconds = 1;
  let exitCode = Number(env[EXIT_CODE_ENV] ?? (random.chance(input.failureRate ?? 0) ? 1 : 0));
  if (!Number.isInteger(exitCode)) exitCode = 1;
  task.exitCode = exitCode;
  task.exitMs = task.startedMs + seconds * 1000;
  task.stopCode = "EssentialContainerExited";
  task.stoppedReason = "Essential container in task exited";
  task.transitions.push({ atMs: task.startedMs, lastStatus: "RUNNING", desiredStatus: "RUNNING" });
  finish(task, task.exitMs, "RUNNING", random);
  task.lines = consoleLines(task, env, random);
  return task;
}

/** From `atMs` on: desired STOPPED, then DEPROVISIONING (ENI detached), then STOPPED. */
function finish(task: Task, atMs: number, lastStatus: LastStatus, random: SeededRandom): void {
  task.stoppingMs = atMs;
  const deprovisioningMs = atMs + 1000;
  task.stoppedMs = deprovisioningMs + random.int(10, 30) * 1000;
  task.transitions.push(
    { atMs, lastStatus, desiredStatus: "STOPPED" },
    { atMs: deprovisioningMs, lastStatus: "DEPROVISIONING", desiredStatus: "STOPPED" },
    { atMs: task.stoppedMs, lastStatus: "STOPPED", desiredStatus: "STOPPED" },
  );
}

/** StopTask at `nowMs`: a running container gets SIGTERM and exits 143; one not started never starts. */
export function stopTask(task: Task, nowMs: number, reason: string, random: SeededRandom): void {
  if (stateAt(task, nowMs).desiredStatus === "STOPPED") return;
  task.transitions = task.transitions.filter((t) => t.atMs <= nowMs);
  task.stopCode = "UserInitiated";
  task.stoppedReason = reason;
  const current = stateAt(task, nowMs).lastStatus;
  if (task.startedMs === undefined || task.startedMs > nowMs) {
    task.startedMs = undefined;
    task.exitMs = undefined;
    task.exitCode = undefined;
    finish(task, nowMs, current, random);
    return;
  }
  task.exitMs = nowMs + random.int(1, 3) * 1000;
  task.exitCode = 143;
  const exitMs = task.exitMs;
  task.lines = task.lines.filter((l) => l.atMs <= nowMs);
  task.lines.push({ atMs: exitMs - 500, message: `${pyTime(exitMs - 500)} [ WARNING] received SIGTERM, stopping` });
  finish(task, nowMs, current, random);
  // The container is stopped after its stop signal; the task deprovisions once it has exited.
  const [, deprovisioning, stopped] = task.transitions.slice(-3) as [Transition, Transition, Transition];
  deprovisioning.atMs = task.exitMs + 1000;
  stopped.atMs = task.stoppedMs = deprovisioning.atMs + random.int(10, 30) * 1000;
}

export function stateAt(task: Task, nowMs: number): Transition & { version: number } {
  let version = 0;
  let current = task.transitions[0]!;
  for (const t of task.transitions) {
    if (t.atMs > nowMs) break;
    current = t;
    version++;
  }
  return { ...current, version };
}

const at = (ms: number | undefined, nowMs: number): number | undefined => (ms !== undefined && ms <= nowMs ? sec(ms) : undefined);

/** The task as DescribeTasks answers it at `nowMs` (API_Task.html); timestamps in epoch seconds. */
export function taskView(task: Task, nowMs: number): Json {
  const state = stateAt(task, nowMs);
  const pendingMs = task.transitions[1]?.atMs;
  const stopped = state.lastStatus === "STOPPED";
  const containers = containersOf(task.definition).map((c) => {
    const name = String(c.name);
    const exited = task.exitMs !== undefined && task.exitMs <= nowMs;
    const container: Json = {
      containerArn: `arn:aws:ecs:${task.arn.split(":")[3]}:${task.arn.split(":")[4]}:container/${task.cluster.name}/${task.id}/${uuidFrom(task.id, name)}`,
      taskArn: task.arn,
      name,
      image: c.image,
      lastStatus: exited || stopped ? "STOPPED" : task.startedMs !== undefined && task.startedMs <= nowMs ? "RUNNING" : "PENDING",
      networkInterfaces: [{ attachmentId: task.eni.attachmentId, privateIpv4Address: task.eni.ip }],
      healthStatus: "UNKNOWN",
      cpu: String(c.cpu ?? 0),
    };
    if (exited && task.exitCode !== undefined) container.exitCode = task.exitCode;
    if (stopped && task.stopCode === "TaskFailedToStart") container.reason = task.stoppedReason;
    if (c.memory !== undefined) container.memory = String(c.memory);
    return container;
  });
  const overrides = { containerOverrides: (task.overrides.containerOverrides as Json[] | undefined) ?? containersOf(task.definition).map((c) => ({ name: c.name })), inferenceAcceleratorOverrides: [] };
  const view: Json = {
    attachments: [{
      id: task.eni.attachmentId,
      type: "ElasticNetworkInterface",
      status: stopped ? "DELETED" : state.lastStatus === "PROVISIONING" ? "PRECREATED" : "ATTACHED",
      details: [
        { name: "subnetId", value: task.eni.subnet },
        { name: "networkInterfaceId", value: task.eni.id },
        { name: "privateIPv4Address", value: task.eni.ip },
      ],
    }],
    attributes: [{ name: "ecs.cpu-architecture", value: "x86_64" }],
    availabilityZone: task.availabilityZone,
    clusterArn: task.cluster.arn,
    connectivity: pendingMs !== undefined && pendingMs <= nowMs ? "CONNECTED" : undefined,
    connectivityAt: at(pendingMs, nowMs),
    containers,
    cpu: task.cpu,
    createdAt: sec(task.createdMs),
    desiredStatus: state.desiredStatus,
    enableExecuteCommand: false,
    ephemeralStorage: { sizeInGiB: 20 },
    group: task.group,
    healthStatus: "UNKNOWN",
    lastStatus: state.lastStatus,
    launchType: "FARGATE",
    memory: task.memory,
    overrides,
    platformVersion: "1.4.0",
    platformFamily: "Linux",
    pullStartedAt: task.startedMs !== undefined ? at(pendingMs === undefined ? undefined : pendingMs + 1000, nowMs) : undefined,
    pullStoppedAt: at(task.startedMs === undefined ? undefined : task.startedMs - 1000, nowMs),
    startedAt: at(task.startedMs, nowMs),
    startedBy: task.startedBy,
    stopCode: state.desiredStatus === "STOPPED" ? task.stopCode : undefined,
    stoppedAt: at(task.stoppedMs, nowMs),
    stoppedReason: state.desiredStatus === "STOPPED" ? task.stoppedReason : undefined,
    stoppingAt: at(task.stoppingMs, nowMs),
    executionStoppedAt: at(task.exitMs ?? (stopped ? task.stoppingMs : undefined), nowMs),
    tags: task.tags,
    taskArn: task.arn,
    taskDefinitionArn: task.definition.arn,
    version: state.version,
  };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined));
}

/** A stable container id per task and container, shaped like the UUIDs ECS uses. */
function uuidFrom(taskId: string, name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const hex = (taskId + h.toString(16).padStart(8, "0")).slice(-32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The "ECS Task State Change" event for the task at one of its transitions (ecs_cwe_events.html). */
export function stateChangeEvent(task: Task, transition: Transition, eventId: string): Json {
  const view = taskView(task, transition.atMs);
  const detail: Json = { ...view, updatedAt: sec(transition.atMs) };
  delete detail.healthStatus;
  for (const [key, value] of Object.entries(detail)) if (key.endsWith("At") && typeof value === "number") detail[key] = new Date(value * 1000).toISOString();
  const [, , , region, account] = task.arn.split(":");
  return {
    version: "0",
    id: eventId,
    "detail-type": "ECS Task State Change",
    source: "aws.ecs",
    account,
    time: new Date(Math.floor(transition.atMs / 1000) * 1000).toISOString().replace(".000Z", "Z"),
    region,
    resources: [task.arn],
    detail,
  };
}

/** Python logging's default format, as the seed's batch writes it: "2019-04-21 09:39:13,188 [    INFO] start". */
function pyTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace(".", ",").replace("Z", "");
}

function consoleLines(task: Task, env: Record<string, string>, random: SeededRandom): { atMs: number; message: string }[] {
  const start = task.startedMs!;
  const end = task.exitMs!;
  const batch = env.batch ?? env.BATCH ?? "no1";
  const lines: { atMs: number; message: string }[] = [];
  const line = (atMs: number, level: string, text: string) => lines.push({ atMs, message: `${pyTime(atMs)} [${level.padStart(8)}] ${text}` });
  line(start + 200, "INFO", "start");
  line(start + 250, "INFO", `batch = ${batch}`);
  if (env.BATCHDECK_REQUEST) line(start + 300, "INFO", `request key ${env.BATCHDECK_REQUEST}`);
  const items = random.int(2, 4);
  const span = Math.max(end - start - 1000, items);
  for (let i = 1; i <= items; i++) line(start + 300 + Math.floor((span * i) / (items + 1)), "INFO", `[${batch}] processed ${i * 100} of ${items * 100} records`);
  if (task.exitCode === 0) line(end - 100, "INFO", `[${batch}] no problem.`);
  else {
    line(end - 200, "ERROR", `[${batch}] ${random.pick(["upstream returned 503", "connection reset by peer", "record 17 is malformed"])}`);
    line(end - 150, "ERROR", "Traceback (most recent call last):");
    line(end - 100, "ERROR", `exiting with code ${task.exitCode}`);
  }
  return lines;
}
