import { DescribeTaskDefinitionCommand, DescribeTasksCommand, ListTasksCommand, type Task, type TaskDefinition } from "@aws-sdk/client-ecs";
import { ListRulesCommand, ListTargetsByRuleCommand, type Rule, type Target } from "@aws-sdk/client-eventbridge";
import { GetScheduleCommand, ListSchedulesCommand, type GetScheduleOutput } from "@aws-sdk/client-scheduler";
import { allPages, chunks, type AwsCall } from "./calls";
import { isWatchedCluster, taskDefinitionRef } from "./arns";
import type { AwsSettings } from "./settings";

// What an account watches, read from AWS: the rules and schedules that run a task definition family on
// one of its clusters, the tasks on its clusters, and task definition revisions (cached: a revision
// never changes once registered).

export interface RuleTarget {
  rule: Rule;
  target: Target;
}

export interface FamilyTargets {
  rules: RuleTarget[];
  schedules: GetScheduleOutput[];
}

/** ECS's DescribeTasks takes at most 100 tasks (API DescribeTasks, `tasks`). */
const DESCRIBE_TASKS_MAX = 100;

export class Discovery {
  private readonly revisions = new Map<string, Promise<TaskDefinition | null>>();

  constructor(
    private readonly call: AwsCall,
    private readonly settings: AwsSettings,
  ) {}

  /** The account's clusters in a region: names are looked for in every region, ARNs only in theirs. */
  clustersIn(region: string): string[] {
    return this.settings.clusters.filter((c) => !c.startsWith("arn:") || c.split(":")[3] === region);
  }

  /** Rules (default bus) and schedules whose ECS target is one of the clusters, by task definition family. */
  async familyTargets(region: string): Promise<Map<string, FamilyTargets>> {
    const clusters = this.clustersIn(region);
    const byFamily = new Map<string, FamilyTargets>();
    const entry = (family: string) => {
      let found = byFamily.get(family);
      if (!found) byFamily.set(family, (found = { rules: [], schedules: [] }));
      return found;
    };
    const rules = await allPages(
      (NextToken) => this.call(region, "events:ListRules", (c, abortSignal) => c.events.send(new ListRulesCommand({ NextToken, Limit: 100 }), { abortSignal })),
      (p) => p.Rules,
      (p) => p.NextToken,
    );
    for (const rule of rules) {
      const targets = await allPages(
        (NextToken) =>
          this.call(region, "events:ListTargetsByRule", (c, abortSignal) =>
            c.events.send(new ListTargetsByRuleCommand({ Rule: rule.Name, EventBusName: rule.EventBusName, NextToken }), { abortSignal }),
          ),
        (p) => p.Targets,
        (p) => p.NextToken,
      );
      for (const target of targets) {
        const td = target.EcsParameters?.TaskDefinitionArn;
        if (td && isWatchedCluster(target.Arn, clusters, region)) entry(taskDefinitionRef(td).family).rules.push({ rule, target });
      }
    }
    const summaries = await allPages(
      (NextToken) => this.call(region, "scheduler:ListSchedules", (c, abortSignal) => c.scheduler.send(new ListSchedulesCommand({ NextToken }), { abortSignal })),
      (p) => p.Schedules,
      (p) => p.NextToken,
    );
    for (const summary of summaries) {
      if (!isWatchedCluster(summary.Target?.Arn, clusters, region)) continue;
      const schedule = await this.call(region, "scheduler:GetSchedule", (c, abortSignal) =>
        c.scheduler.send(new GetScheduleCommand({ Name: summary.Name, GroupName: summary.GroupName }), { abortSignal }),
      );
      const td = schedule.Target?.EcsParameters?.TaskDefinitionArn;
      if (td) entry(taskDefinitionRef(td).family).schedules.push(schedule);
    }
    return byFamily;
  }

  /** The task ARNs on a cluster with this desired status (RUNNING: also pending; STOPPED: ECS keeps them about an hour). */
  taskArns(region: string, cluster: string, desiredStatus: "RUNNING" | "STOPPED", filter: { startedBy?: string } = {}): Promise<string[]> {
    return allPages(
      (nextToken) =>
        this.call(region, "ecs:ListTasks", (c, abortSignal) =>
          c.ecs.send(new ListTasksCommand({ cluster, desiredStatus, nextToken, maxResults: 100, ...filter }), { abortSignal }),
        ),
      (p) => p.taskArns,
      (p) => p.nextToken,
    );
  }

  /** The tasks, described 100 at a time. */
  async describeTasks(region: string, cluster: string, taskArns: readonly string[]): Promise<Task[]> {
    const tasks: Task[] = [];
    for (const batch of chunks(taskArns, DESCRIBE_TASKS_MAX)) {
      const answer = await this.call(region, "ecs:DescribeTasks", (c, abortSignal) => c.ecs.send(new DescribeTasksCommand({ cluster, tasks: batch }), { abortSignal }));
      tasks.push(...(answer.tasks ?? []));
    }
    return tasks;
  }

  /** Every task ECS still lists on the cluster, running and stopped. */
  async tasksOf(region: string, cluster: string, filter: { startedBy?: string } = {}): Promise<Task[]> {
    const arns = [...(await this.taskArns(region, cluster, "RUNNING", filter)), ...(await this.taskArns(region, cluster, "STOPPED", filter))];
    return this.describeTasks(region, cluster, arns);
  }

  /**
   * A revision ("family:3", an ARN) or a family's latest ACTIVE revision ("family"; API
   * DescribeTaskDefinition). null when ECS has no such task definition.
   */
  revision(region: string, taskDefinition: string): Promise<TaskDefinition | null> {
    const key = `${region} ${taskDefinition}`;
    const cached = this.revisions.get(key);
    if (cached) return cached;
    const found = this.call(region, "ecs:DescribeTaskDefinition", (c, abortSignal) => c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }), { abortSignal }))
      .then((answer) => answer.taskDefinition ?? null)
      .catch((error: unknown) => {
        // ECS answers a missing task definition with ClientException "Unable to describe task definition."
        if ((error as { providerCode?: string }).providerCode === "ClientException") return null;
        throw error;
      });
    // Only a fixed revision is kept; a family's latest changes with every redeploy.
    if (taskDefinitionRef(taskDefinition).revision !== null) {
      this.revisions.set(key, found);
      found.catch(() => this.revisions.delete(key));
    }
    return found;
  }
}
