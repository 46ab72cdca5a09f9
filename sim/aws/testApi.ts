import type { AwsCloud } from "./cloud";
import { definitionBody, ecsTarget } from "./demo";
import { putRule, type PutRuleInput } from "./events";
import type { Json, Target } from "./model";
import { clusterOf, startTasks } from "./run";
import { putSchedule } from "./scheduler";
import { taskView } from "./tasks";

// The typed test API on sim.aws: shapes accounts as an AWS console user would, and reads state back.
// Everything goes through the same model the HTTP side serves (and catches up with the clock first).

export class AwsTestApi {
  // A #private field, so `JSON.stringify(sim.aws)` (sim/main.ts prints it) shows data, not the estate.
  readonly #cloud: AwsCloud;

  constructor(cloud: AwsCloud) {
    this.#cloud = cloud;
  }

  /** Registers a revision of a Fargate family like the seed's (one container named after the family, awslogs). */
  createFamily(accountId: string, opts: { family: string; image?: string; streamPrefix?: string; logGroup?: string; env?: Record<string, string> }): { taskDefinitionArn: string; revision: number } {
    const account = this.#cloud.account(accountId);
    const logGroup = opts.logGroup ?? `/fargate/${opts.family}`;
    this.#cloud.logGroup(account, logGroup);
    const body = definitionBody(accountId, account.region, opts.family, "latest", opts.streamPrefix ?? opts.family, logGroup);
    const container = (body.containerDefinitions as Json[])[0]!;
    if (opts.image) container.image = opts.image;
    if (opts.env) container.environment = Object.entries(opts.env).map(([name, value]) => ({ name, value }));
    return this.registerTaskDefinition(accountId, body);
  }

  registerTaskDefinition(accountId: string, body: Json): { taskDefinitionArn: string; revision: number } {
    const account = this.#cloud.account(accountId);
    const d = this.#cloud.registerTaskDefinition(account, body, `arn:aws:iam::${accountId}:user/batchdeck`);
    return { taskDefinitionArn: d.arn, revision: d.revision };
  }

  /** A rule (schedule or pattern) with targets; `batchTarget` builds the seed's ECS target. */
  putRule(accountId: string, input: Omit<PutRuleInput, "state"> & { state?: string; targets?: Target[] }): { ruleArn: string } {
    const account = this.#cloud.account(accountId);
    this.#cloud.catchUp();
    const rule = putRule(account, { ...input, state: input.state ?? "ENABLED" }, this.#cloud.clock.nowMs());
    for (const t of input.targets ?? []) rule.targets.push(structuredClone(t));
    return { ruleArn: rule.arn };
  }

  batchTarget(accountId: string, taskDefinitionArn: string, batch: string, container: string): Target {
    const account = this.#cloud.account(accountId);
    const cluster = [...account.clusters.values()][0]!;
    return ecsTarget({ accountId, clusterArn: cluster.arn } as never, taskDefinitionArn, batch, container);
  }

  putSchedule(accountId: string, name: string, body: Json): { scheduleArn: string } {
    this.#cloud.catchUp();
    return { scheduleArn: putSchedule(this.#cloud.account(accountId), name, body, this.#cloud.clock.nowMs()).arn };
  }

  /** Starts a task as RunTask would (no client token). */
  runTask(accountId: string, opts: { taskDefinition: string; cluster?: string; overrides?: Json; startedBy?: string }): { taskArn: string } {
    const account = this.#cloud.account(accountId);
    const definition = this.#cloud.findTaskDefinition(account, opts.taskDefinition);
    if (!definition) throw new Error(`no task definition ${opts.taskDefinition}`);
    const [task] = startTasks(this.#cloud, account, { cluster: clusterOf(account, opts.cluster), definition, overrides: opts.overrides ?? {}, count: 1, startedBy: opts.startedBy, createdMs: this.#cloud.clock.nowMs() });
    this.#cloud.catchUp();
    return { taskArn: task!.arn };
  }

  /** Every task ECS still lists in the account, as DescribeTasks shows it now. */
  tasks(accountId: string): Json[] {
    this.#cloud.catchUp();
    const nowMs = this.#cloud.clock.nowMs();
    return [...this.#cloud.account(accountId).tasks.values()].filter((t) => t.createdMs <= nowMs).map((t) => taskView(t, nowMs));
  }

  logStreams(accountId: string, group: string): string[] {
    this.#cloud.catchUp();
    return [...(this.#cloud.account(accountId).logGroups.get(group)?.streams.keys() ?? [])];
  }

  logStream(accountId: string, group: string, stream: string): { timestamp: number; message: string }[] {
    this.#cloud.catchUp();
    return (this.#cloud.account(accountId).logGroups.get(group)?.streams.get(stream)?.events ?? []).map((e) => ({ timestamp: e.timestamp, message: e.message }));
  }

  createLogGroup(accountId: string, name: string): void {
    this.#cloud.logGroup(this.#cloud.account(accountId), name);
  }

  /** Makes IAM refuse `action` ("ecs:RunTask", or "*") to the account's keys, or to one role's sessions. */
  deny(accountId: string, action: string, roleName?: string): void {
    const account = this.#cloud.account(accountId);
    const set = roleName ? account.roles.get(roleName)?.deny : account.deny;
    if (!set) throw new Error(`no role ${roleName} in ${accountId}`);
    set.add(action);
  }

  allow(accountId: string): void {
    const account = this.#cloud.account(accountId);
    account.deny.clear();
    for (const role of account.roles.values()) role.deny.clear();
  }

  expireCredentials(accountId: string): void {
    this.#cloud.expireCredentials(accountId);
  }

  setFailureRate(accountId: string, rate: number): void {
    this.#cloud.account(accountId).failureRate = rate;
  }
}
