import type { AwsAccountInfo, AwsCloud } from "./cloud";
import { putRule } from "./events";
import { catchUpAccount } from "./lifecycle";
import type { Json, Target } from "./model";
import { startTasks } from "./run";
import { putSchedule } from "./scheduler";

// The "demo" scenario: the lab of shared/seeds/003 in ap-northeast-1 — cluster "batch", one task
// definition family "batch" (revision 1 on :latest, revision 2 on :green with stream prefix
// batch/green, registered ten days ago when both rules were repointed), an EventBridge rule per batch
// whose target Input overrides the container env (batch=no1, batch=no2), one Scheduler schedule in
// Asia/Tokyo, and the documented safety net: a rule sending "ECS Task State Change" events to a log
// group. Three weeks of history, about 8 % failed; tasks stopped over an hour ago survive only in the
// log streams and the state-change group, as on AWS. The rules fire hourly and three-hourly (the seed's
// fire every 5 minutes, which would make weeks of history too large to hold in memory).

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 21;
export const DEMO_STATE_CHANGE_GROUP = "/aws/events/ecs-task-state-change";
export const DEMO_STATE_CHANGE_PATTERN = { source: ["aws.ecs"], "detail-type": ["ECS Task State Change"] };

export interface AwsDemoAccount extends AwsAccountInfo {
  family: string;
  logGroup: string;
  stateChangeLogGroup: string | null;
  rules: string[];
  schedules: string[];
}

export function definitionBody(accountId: string, region: string, family: string, tag: string, streamPrefix: string, logGroup: string): Json {
  return {
    family,
    cpu: "256",
    memory: "512",
    networkMode: "awsvpc",
    requiresCompatibilities: ["FARGATE"],
    executionRoleArn: `arn:aws:iam::${accountId}:role/ecsTaskExecutionRole`,
    taskRoleArn: `arn:aws:iam::${accountId}:role/ecsTaskExecutionRole`,
    containerDefinitions: [{
      name: family,
      image: `${accountId}.dkr.ecr.${region}.amazonaws.com/${family}:${tag}`,
      memoryReservation: 128,
      essential: true,
      environment: [{ name: "arg1", value: "test" }],
      logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logGroup, "awslogs-region": region, "awslogs-stream-prefix": streamPrefix } },
    }],
  };
}

/** A target as the seed's put-targets builds it: the cluster, a revision, Fargate networking, and the batch in Input. */
export function ecsTarget(info: AwsAccountInfo, taskDefinitionArn: string, batch: string, container: string): Target {
  return {
    Id: "1",
    Arn: info.clusterArn,
    RoleArn: `arn:aws:iam::${info.accountId}:role/ecsEventRole`,
    EcsParameters: {
      TaskDefinitionArn: taskDefinitionArn,
      TaskCount: 1,
      LaunchType: "FARGATE",
      NetworkConfiguration: { awsvpcConfiguration: { Subnets: ["subnet-1111111", "subnet-2222222"], SecurityGroups: ["sg-aaaaaaaaa"], AssignPublicIp: "ENABLED" } },
    },
    Input: JSON.stringify({ containerOverrides: [{ name: container, environment: [{ name: "batch", value: batch }] }] }),
  };
}

export function seedAwsDemo(cloud: AwsCloud): AwsDemoAccount {
  const info = cloud.createAccount({ cluster: "batch", region: "ap-northeast-1", roleName: "BatchdeckReadOnly", externalId: "batchdeck-demo" });
  const account = cloud.account(info.accountId);
  account.failureRate = 0.08;
  const nowMs = cloud.clock.nowMs();
  const fromMs = Math.floor((nowMs - HISTORY_DAYS * DAY_MS) / 3_600_000) * 3_600_000;
  const switchMs = nowMs - 10 * DAY_MS;
  const family = "batch";
  const logGroup = "/fargate/batch";
  cloud.logGroup(account, logGroup, fromMs - DAY_MS);
  cloud.logGroup(account, DEMO_STATE_CHANGE_GROUP, fromMs - DAY_MS);
  const v1 = cloud.registerTaskDefinition(account, definitionBody(info.accountId, account.region, family, "latest", "batch", logGroup), info.userArn, fromMs - DAY_MS);

  const stateRule = putRule(account, { name: "ecs-task-state-change", eventPattern: JSON.stringify(DEMO_STATE_CHANGE_PATTERN), state: "ENABLED", description: "ECS task state changes to CloudWatch Logs (Batchdeck backfill)" }, fromMs - DAY_MS);
  stateRule.targets.push({ Id: "state-change-log", Arn: cloud.logGroup(account, DEMO_STATE_CHANGE_GROUP).arn });
  const rules = [
    { name: "batch1-hourly", expression: "cron(0 * * * ? *)", batch: "no1" },
    { name: "batch2-every-3h", expression: "cron(30 0/3 * * ? *)", batch: "no2" },
  ];
  for (const r of rules) {
    const rule = putRule(account, { name: r.name, scheduleExpression: r.expression, state: "ENABLED", description: `batch ${r.batch}` }, fromMs);
    rule.targets.push(ecsTarget(info, v1.arn, r.batch, family));
  }
  const scheduleTarget = ecsTarget(info, v1.arn, "no1", family);
  putSchedule(account, "batch1-weekday-morning", {
    ScheduleExpression: "cron(0 9 ? * MON-FRI *)", ScheduleExpressionTimezone: "Asia/Tokyo", FlexibleTimeWindow: { Mode: "OFF" },
    Description: "batch no1 before the Tokyo office opens", Target: { Arn: scheduleTarget.Arn, RoleArn: `arn:aws:iam::${info.accountId}:role/ecsSchedulerRole`, EcsParameters: scheduleTarget.EcsParameters, Input: scheduleTarget.Input },
  }, fromMs);

  // History on revision 1, then revision 2 (image :green) and every target repointed, then up to now.
  catchUpAccount(cloud, account, switchMs);
  const v2 = cloud.registerTaskDefinition(account, definitionBody(info.accountId, account.region, family, "green", "batch/green", logGroup), info.userArn, switchMs);
  for (const r of rules) account.rules.get(r.name)!.targets[0]!.EcsParameters!.TaskDefinitionArn = v2.arn;
  for (const s of account.schedules.values()) s.target.EcsParameters!.TaskDefinitionArn = v2.arn;
  catchUpAccount(cloud, account, nowMs);
  // One run still going (started by hand a minute ago), so the demo shows a running task.
  startTasks(cloud, account, {
    cluster: account.clusters.get("batch")!, definition: v2, count: 1, startedBy: "batchdeck", createdMs: nowMs - 60_000,
    overrides: { containerOverrides: [{ name: family, environment: [{ name: "batch", value: "no2" }, { name: "SIM_DURATION_SECONDS", value: "900" }] }] },
  });
  catchUpAccount(cloud, account, nowMs);
  return { ...info, family, logGroup, stateChangeLogGroup: DEMO_STATE_CHANGE_GROUP, rules: rules.map((r) => r.name), schedules: ["batch1-weekday-morning"] };
}

export function seedAwsEmpty(cloud: AwsCloud): AwsDemoAccount {
  const info = cloud.createAccount({ cluster: "default" });
  return { ...info, family: "", logGroup: "", stateChangeLogGroup: null, rules: [], schedules: [] };
}
