import type { SimClock } from "../core/clock";
import type { SeededRandom } from "../core/random";
import { AwsError } from "./errors";
import { catchUpAccount } from "./lifecycle";
import { emptyAccount, emptyAwsState, type AwsAccount, type AwsState, type Cluster, type Json, type LogGroup, type Principal, type TaskDefinition } from "./model";

// The simulated AWS estate and the helpers that shape it (accounts, keys, roles, clusters, task
// definitions, log groups). The services in ecs.ts, events.ts, scheduler.ts, logs.ts and sts.ts serve it.

export interface AwsAccountInfo {
  accountId: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  userArn: string;
  clusterName: string;
  clusterArn: string;
  /** Set when created with a role: assume it with `externalId` through STS. */
  roleArn?: string;
  externalId?: string;
}

export interface CreateAccountOptions {
  accountId?: string;
  region?: string;
  cluster?: string;
  /** Also create this role (trusting the account's user) for AssumeRole. */
  roleName?: string;
  externalId?: string;
}

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export class AwsCloud {
  readonly state: AwsState = emptyAwsState();

  constructor(readonly clock: SimClock, readonly random: SeededRandom) {}

  catchUp(): void {
    const nowMs = this.clock.nowMs();
    for (const account of this.state.accounts.values()) catchUpAccount(this, account, nowMs);
  }

  createAccount(opts: CreateAccountOptions = {}): AwsAccountInfo {
    const accountId = opts.accountId ?? this.random.string(12, "0123456789").replace(/^0/, "1");
    if (!/^\d{12}$/.test(accountId)) throw new Error(`account id '${accountId}' must be 12 digits`);
    if (this.state.accounts.has(accountId)) throw new Error(`account ${accountId} exists`);
    const account = emptyAccount(accountId, opts.region ?? "ap-northeast-1");
    this.state.accounts.set(accountId, account);
    const user = this.issueKey(account, `arn:aws:iam::${accountId}:user/batchdeck`, `AIDA${this.random.string(17, KEY_ALPHABET)}`, false);
    const cluster = this.createCluster(accountId, opts.cluster ?? "default");
    const info: AwsAccountInfo = {
      accountId, region: account.region, accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey,
      userArn: user.arn, clusterName: cluster.name, clusterArn: cluster.arn,
    };
    if (opts.roleName) {
      const role = this.createRole(accountId, opts.roleName, opts.externalId);
      info.roleArn = role.arn;
      if (opts.externalId) info.externalId = opts.externalId;
    }
    return info;
  }

  account(accountId: string): AwsAccount {
    const account = this.state.accounts.get(accountId);
    if (!account) throw new Error(`no simulated AWS account ${accountId}`);
    return account;
  }

  issueKey(account: AwsAccount, arn: string, userId: string, temporary: boolean, extra: Partial<Principal> = {}): Principal {
    const principal: Principal = {
      accessKeyId: `${temporary ? "ASIA" : "AKIA"}${this.random.string(16, KEY_ALPHABET)}`,
      secretAccessKey: this.random.string(40, SECRET_ALPHABET),
      accountId: account.id,
      arn,
      userId,
      ...extra,
    };
    this.state.principals.set(principal.accessKeyId, principal);
    return principal;
  }

  createRole(accountId: string, name: string, externalId?: string) {
    const account = this.account(accountId);
    const role = { name, arn: `arn:aws:iam::${accountId}:role/${name}`, externalId, deny: new Set<string>() };
    account.roles.set(name, role);
    return role;
  }

  createCluster(accountId: string, name: string): Cluster {
    const account = this.account(accountId);
    const cluster = { name, arn: `arn:aws:ecs:${account.region}:${accountId}:cluster/${name}` };
    account.clusters.set(name, cluster);
    return cluster;
  }

  /** Whether IAM refuses `action` ("ecs:RunTask") to this principal: the account's or its role's deny list. */
  denied(principal: Principal, action: string): boolean {
    const account = this.state.accounts.get(principal.accountId);
    const role = principal.roleName ? account?.roles.get(principal.roleName) : undefined;
    return [account?.deny, role?.deny].some((set) => set?.has(action) || set?.has("*"));
  }

  /** Makes every temporary key of the account expire now (as if its session ran out). */
  expireCredentials(accountId: string): void {
    for (const p of this.state.principals.values()) if (p.accountId === accountId && p.expiresMs !== undefined) p.expiresMs = this.clock.nowMs();
  }

  registerTaskDefinition(account: AwsAccount, body: Json, registeredBy: string, atMs = this.clock.nowMs()): TaskDefinition {
    const family = body.family;
    if (typeof family !== "string" || !/^[A-Za-z0-9_-]{1,255}$/.test(family)) throw new AwsError("ClientException", "Family contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.");
    const containers = body.containerDefinitions;
    if (!Array.isArray(containers) || containers.length === 0) throw new AwsError("ClientException", "Container list cannot be empty.");
    for (const c of containers as Json[]) {
      if (typeof c.name !== "string" || c.name === "") throw new AwsError("ClientException", "Container.name should not be null or empty.");
      if (typeof c.image !== "string" || c.image === "") throw new AwsError("ClientException", "Container.image should not be null or empty.");
    }
    const compat = (body.requiresCompatibilities as string[] | undefined) ?? [];
    if (compat.includes("FARGATE") && (body.cpu === undefined || body.memory === undefined)) {
      throw new AwsError("ClientException", "Fargate requires task definition to have cpu and memory values set at the task level.");
    }
    const revisions = account.families.get(family) ?? [];
    const revision = revisions.length + 1;
    const { tags, ...stored } = body;
    const definition: TaskDefinition = {
      family, revision, arn: `arn:aws:ecs:${account.region}:${account.id}:task-definition/${family}:${revision}`,
      status: "ACTIVE", registeredMs: atMs, registeredBy, body: structuredClone(stored), tags: (tags as Json[] | undefined) ?? [],
    };
    revisions.push(definition);
    account.families.set(family, revisions);
    return definition;
  }

  /** "family", "family:rev" or a task definition ARN -> the revision (latest ACTIVE for a family). */
  findTaskDefinition(account: AwsAccount, ref: string): TaskDefinition | undefined {
    const m = /^(?:arn:aws:ecs:[^:]+:\d{12}:task-definition\/)?([A-Za-z0-9_-]+)(?::(\d+))?$/.exec(ref);
    if (!m) return undefined;
    const revisions = account.families.get(m[1]!) ?? [];
    if (m[2] !== undefined) return revisions[Number(m[2]) - 1];
    return [...revisions].reverse().find((d) => d.status === "ACTIVE");
  }

  logGroup(account: AwsAccount, name: string, createdMs = this.clock.nowMs()): LogGroup {
    let group = account.logGroups.get(name);
    if (!group) {
      group = { name, arn: `arn:aws:logs:${account.region}:${account.id}:log-group:${name}`, creationMs: createdMs, streams: new Map(), nextSeq: 1 };
      account.logGroups.set(name, group);
    }
    return group;
  }

  appendLog(group: LogGroup, streamName: string, timestamp: number, message: string): void {
    let stream = group.streams.get(streamName);
    if (!stream) {
      stream = { name: streamName, creationMs: timestamp, events: [] };
      group.streams.set(streamName, stream);
    }
    const seq = group.nextSeq++;
    // CloudWatch Logs event ids are 56-digit decimal strings.
    const eventId = `${String(timestamp).padStart(20, "0")}${String(seq).padStart(36, "0")}`;
    stream.events.push({ timestamp, ingestionTime: timestamp + 200, message, eventId, seq });
  }
}
