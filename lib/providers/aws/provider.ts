import { DescribeClustersCommand, RunTaskCommand, StopTaskCommand, type Task } from "@aws-sdk/client-ecs";
import type { CloudProvider, ConnectionReport, LogFilter, LogLine, Page, ProviderAccount, ProviderExecution, ProviderJob, RedeployReport, StartRequest, StartedExecution } from "../types";
import { REQUEST_KEY_ENV } from "../types";
import { ProviderError } from "../errors";
import { DEFAULT_BATCH_ENV_NAMES } from "../batch";
import { mayHaveBeenDelivered, OutcomeUnknown } from "../timeout";
import { startOnce } from "../start-once";
import { clusterOfTask, regionOf, taskDefinitionRef } from "./arns";
import { awsCaller, type AwsCall } from "./calls";
import { createAwsClients, type AwsClients } from "./client";
import { Discovery } from "./discovery";
import { mainContainer, parseExecutionId, STARTED_BY, transformExecution, transformJob, transformRuleTrigger, transformScheduleTrigger } from "./transform";
import { runConfigOf } from "./run-config";
import { readTaskLogs } from "./logs";
import { redeployFamily } from "./redeploy";
import { backfillPage, type BackfillCursor } from "./backfill";

// ECS Fargate task families behind the CloudProvider interface: a job is a family, a run is a task.

type JobRef = { providerId: string; name: string };

/** Where a listing stopped: the next (region, cluster) to list, then the state-change log group's pages. */
type ListCursor = { pair: number } | BackfillCursor;

export class AwsProvider implements CloudProvider {
  readonly cloud = "aws" as const;
  private readonly call: AwsCall;
  private readonly discovery: Discovery;
  /** Tasks this provider listed (for the backfill: only what ListTasks no longer shows). */
  private readonly listed = new Set<string>();

  constructor(private readonly c: AwsClients) {
    this.call = awsCaller(c);
    this.discovery = new Discovery(this.call, c.settings);
  }

  private pairs(): { region: string; cluster: string }[] {
    return this.c.settings.regions.flatMap((region) => this.discovery.clustersIn(region).map((cluster) => ({ region, cluster })));
  }

  async testConnection(): Promise<ConnectionReport> {
    const found: string[] = [];
    for (const region of this.c.settings.regions) {
      const clusters = this.discovery.clustersIn(region);
      if (clusters.length === 0) continue;
      const answer = await this.call(region, "ecs:DescribeClusters", (c, abortSignal) => c.ecs.send(new DescribeClustersCommand({ clusters }), { abortSignal }));
      const missing = (answer.failures ?? []).map((f) => f.arn ?? "?");
      if (missing.length) {
        throw new ProviderError("not_found", `Amazon ECS has no cluster ${missing.join(", ")} in ${region}. Check the account's regions and clusters.`, { providerCode: "ClusterNotFound" });
      }
      found.push(...(answer.clusters ?? []).map((cl) => `${cl.clusterName} (${region})`));
    }
    if (found.length === 0) throw new ProviderError("not_found", "None of the account's clusters is in one of its regions. Check the regions and clusters.", { providerCode: "ClusterNotFound" });
    return { ok: true, detail: `Found cluster${found.length === 1 ? "" : "s"} ${found.join(", ")}` };
  }

  async listJobs(): Promise<ProviderJob[]> {
    const jobs: ProviderJob[] = [];
    for (const region of this.c.settings.regions) {
      const targets = await this.discovery.familyTargets(region);
      const families = new Set([...targets.keys(), ...this.c.settings.families]);
      for (const cluster of this.discovery.clustersIn(region)) {
        for (const task of await this.discovery.tasksOf(region, cluster)) families.add(taskDefinitionRef(task.taskDefinitionArn ?? "").family);
      }
      for (const family of [...families].sort()) {
        const td = await this.discovery.revision(region, family);
        if (!td) continue;
        const job = transformJob(td, region);
        const container = mainContainer(td)?.name ?? null;
        const own = targets.get(family);
        job.triggers = [
          ...(own?.rules ?? []).map(({ rule, target }) => transformRuleTrigger(rule, target, container)),
          ...(own?.schedules ?? []).map((s) => transformScheduleTrigger(s, container)),
        ];
        // The variable the rules and schedules set the batch in (seed 003: `batch`), so a click sets the same one.
        const batchEnvName = DEFAULT_BATCH_ENV_NAMES.find((name) => job.triggers.some((t) => t.overrides?.[name] !== undefined));
        jobs.push(batchEnvName ? { ...job, batchEnvName } : job);
      }
    }
    return jobs;
  }

  /**
   * One page per (region, cluster): its running and stopped tasks. Then, when the account names a
   * state-change log group, the stopped tasks it recorded that ECS no longer lists (it keeps a stopped
   * task about an hour). `since` keeps runs that started or ended after it and every run still going.
   */
  async listExecutions(since: Date | null, cursor: string | null): Promise<Page<ProviderExecution>> {
    const at: ListCursor = cursor ? (JSON.parse(cursor) as ListCursor) : { pair: 0 };
    const pairs = this.pairs();
    if ("pair" in at && at.pair < pairs.length) {
      const { region, cluster } = pairs[at.pair]!;
      const items = await this.executionsOf(region, await this.discovery.tasksOf(region, cluster));
      const next: ListCursor | null = at.pair + 1 < pairs.length ? { pair: at.pair + 1 } : this.c.settings.stateChangeLogGroup ? { region: 0, token: null } : null;
      return { items: items.filter((e) => since === null || isRecent(e, since)), cursor: next ? JSON.stringify(next) : null };
    }
    const group = this.c.settings.stateChangeLogGroup;
    if (!group || "pair" in at) return { items: [], cursor: null };
    const page = await backfillPage(this.call, this.c.settings, group, since, at);
    const missed = page.tasks.filter((t) => !this.listed.has(t.taskArn ?? ""));
    const items = await this.executionsOf(null, missed);
    return { items, cursor: page.next ? JSON.stringify(page.next) : null };
  }

  private async executionsOf(region: string | null, tasks: Task[]): Promise<ProviderExecution[]> {
    const items: ProviderExecution[] = [];
    for (const task of tasks) {
      if (region !== null) this.listed.add(task.taskArn ?? "");
      const taskRegion = region ?? regionOf(task.taskArn ?? "") ?? this.c.settings.regions[0]!;
      const td = task.taskDefinitionArn ? await this.discovery.revision(taskRegion, task.taskDefinitionArn) : null;
      items.push(transformExecution(task, td));
    }
    return items;
  }

  /** A task Batchdeck started with this request key, if ECS still lists it. */
  private async findByRequestKey(region: string, cluster: string, family: string, requestKey: string): Promise<Task | null> {
    // ListTasks takes startedBy only as its sole filter (API ListTasks), so the family is checked here.
    const tasks = await this.discovery.tasksOf(region, cluster, { startedBy: STARTED_BY });
    return tasks.find((t) => taskDefinitionRef(t.taskDefinitionArn ?? "").family === family && t.overrides?.containerOverrides?.some((o) => o.environment?.some((e) => e.name === REQUEST_KEY_ENV && e.value === requestKey))) ?? null;
  }

  /**
   * RunTask with the batch's env, idempotent twice over: a task carrying the request key is looked for
   * first, and the key is RunTask's clientToken, so ECS itself answers a repeat with the same task
   * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/ECS_Idempotency.html). The network and
   * launch settings come from a rule or schedule that runs the family (Fargate needs subnets).
   */
  async startExecution(request: StartRequest): Promise<StartedExecution> {
    const region = this.regionOfJob(request.job);
    const family = taskDefinitionRef(request.job.providerId).family;
    const td = await this.discovery.revision(region, family);
    if (!td) throw new ProviderError("not_found", `Amazon ECS has no active task definition ${family} in ${region}. Sync the account, then try again.`, { providerCode: "TaskDefinitionNotFound" });
    const run = runConfigOf((await this.discovery.familyTargets(region)).get(family), this.discovery.clustersIn(region));
    const find = async () => {
      const task = await this.findByRequestKey(region, run.cluster, family, request.requestKey);
      return task ? transformExecution(task, td).providerId : null;
    };
    const container = mainContainer(td)?.name;
    const environment = [...Object.entries(request.overrides).map(([name, value]) => ({ name, value })), { name: REQUEST_KEY_ENV, value: request.requestKey }];
    return startOnce({
      find,
      start: async () => {
        const answer = await this.call(region, "ecs:RunTask", (c, abortSignal) =>
          c.ecs.send(
            new RunTaskCommand({
              ...run.params,
              cluster: run.cluster,
              taskDefinition: td.taskDefinitionArn,
              count: 1,
              startedBy: STARTED_BY,
              clientToken: request.requestKey,
              overrides: { containerOverrides: [{ name: container, environment }] },
            }),
            { abortSignal },
          ),
        );
        const task = answer.tasks?.[0];
        if (!task) {
          const why = (answer.failures ?? []).map((f) => `${f.reason ?? "failed"}${f.detail ? `: ${f.detail}` : ""}`).join("; ") || "no task was started";
          throw new ProviderError("invalid_request", `Amazon ECS did not start ${family}: ${why}.`, { providerCode: "RunTaskFailure" });
        }
        return transformExecution(task, td).providerId;
      },
      inDoubt: (error) =>
        mayHaveBeenDelivered(error) ? new OutcomeUnknown(`Amazon ECS did not answer the start of ${family} in time, so Batchdeck cannot tell whether it started.`, error) : null,
    });
  }

  /** StopTask with a reason naming who asked; ECS shows it as the task's stoppedReason. */
  async stopExecution(_job: JobRef, executionProviderId: string, requestedBy?: string): Promise<void> {
    const { taskArn } = parseExecutionId(executionProviderId);
    const region = regionOf(taskArn) ?? this.c.settings.regions[0]!;
    const cluster = clusterOfTask(taskArn) ?? this.discovery.clustersIn(region)[0];
    // StopTask's reason is at most 255 characters (API StopTask).
    const reason = `Stopped in Batchdeck${requestedBy ? ` by ${requestedBy}` : ""}`.slice(0, 255);
    try {
      await this.call(region, "ecs:StopTask", (c, abortSignal) => c.ecs.send(new StopTaskCommand({ cluster, task: taskArn, reason }), { abortSignal }));
    } catch (error) {
      if (mayHaveBeenDelivered(error)) throw new OutcomeUnknown(`Amazon ECS did not answer the stop of ${taskArn} in time; it may be stopping.`, error);
      throw error;
    }
  }

  redeploy(job: JobRef, image: string): Promise<RedeployReport> {
    const region = this.regionOfJob(job);
    return redeployFamily(this.call, this.discovery, region, taskDefinitionRef(job.providerId).family, image);
  }

  readLogs(executionProviderIds: string[], filter: LogFilter, cursor: string | null): Promise<Page<LogLine>> {
    return readTaskLogs(this.call, this.discovery, this.c.settings.regions[0]!, executionProviderIds, filter, cursor);
  }

  private regionOfJob(job: JobRef): string {
    const region = regionOf(job.providerId);
    if (region && this.c.settings.regions.includes(region)) return region;
    throw new ProviderError("invalid_request", `${job.name} is not in one of this account's regions (${this.c.settings.regions.join(", ")}). Sync the account.`, { providerCode: "RegionNotWatched" });
  }
}

function isRecent(execution: ProviderExecution, since: Date): boolean {
  if (execution.status === "running" || execution.status === "queued") return true;
  const t = since.getTime();
  return (execution.startedAt?.getTime() ?? -Infinity) >= t || (execution.endedAt?.getTime() ?? -Infinity) >= t;
}

export function createAwsProvider(account: ProviderAccount): AwsProvider {
  return new AwsProvider(createAwsClients(account));
}
