import type { AzureAccount, AzureCloud } from "./cloud";
import { createExecution, runTemplate } from "./executions";
import { workspaceOf } from "./triggers";

// The "demo" scenario: one subscription with a Service Bus-triggered job and a scheduled job, three
// weeks of history of two batches (BATCH=no1 from the job's env, BATCH=no2 from start overrides, the
// pattern of shared/seeds 000 and 003), some failed, each with log lines. Deterministic per seed.

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 21;

export function seedAzureDemo(cloud: AzureCloud): AzureAccount {
  const account = cloud.createAccount({ resourceGroup: "batchdeck-demo", namespace: "batchdeck-demo" });
  const { subscriptionId, resourceGroup } = account;
  const nowMs = cloud.clock.nowMs();
  const fromMs = nowMs - HISTORY_DAYS * DAY_MS;

  cloud.createJob({
    subscriptionId, resourceGroup, name: "report-worker", triggerType: "Event", queueName: "reports",
    image: "batchdeckdemo.azurecr.io/report-worker:1.4.2", env: { BATCH: "no1", LOG_LEVEL: "info" },
    failureRate: 0.12, pollingIntervalSeconds: 10,
  });
  cloud.createJob({
    subscriptionId, resourceGroup, name: "nightly-etl", triggerType: "Schedule", cronExpression: "0 */6 * * *",
    image: "batchdeckdemo.azurecr.io/nightly-etl:2.0.1", env: { BATCH: "no1" }, cpu: 1, memory: "2Gi",
    failureRate: 0.1,
  });
  const worker = cloud.findJob(subscriptionId, resourceGroup, "report-worker")!;
  const etl = cloud.findJob(subscriptionId, resourceGroup, "nightly-etl")!;
  for (const job of [worker, etl]) {
    job.createdAt = fromMs - DAY_MS;
    job.lastModifiedAt = fromMs - DAY_MS;
  }
  // Cron history: catch-up from three weeks ago fires every 6 hours up to now.
  etl.scheduledUntil = fromMs;
  cloud.catchUp();

  const workspace = workspaceOf(cloud.state, cloud.state.subscriptions.get(subscriptionId)!);
  for (let day = 0; day < HISTORY_DAYS; day++) {
    const dayStart = fromMs + day * DAY_MS;
    // Queue messages picked up by KEDA (batch no1, the job's env) ...
    for (let i = cloud.random.int(1, 3); i > 0; i--) {
      const at = dayStart + cloud.random.int(0, DAY_MS - 1);
      createExecution({ job: worker, template: runTemplate(worker, null), startMs: at, trigger: "event", random: cloud.random, workspace });
    }
    // ... and a daily manual run of batch no2 on each job, the way Batchdeck starts one.
    cloud.startExecution(subscriptionId, resourceGroup, "report-worker", { BATCH: "no2", LOG_LEVEL: "info" }, dayStart + 10 * 3_600_000);
    if (day % 2 === 0) cloud.startExecution(subscriptionId, resourceGroup, "nightly-etl", { BATCH: "no2" }, dayStart + 13 * 3_600_000);
  }
  // One run still going, so the demo shows a Running execution.
  cloud.startExecution(subscriptionId, resourceGroup, "report-worker", { BATCH: "no2", LOG_LEVEL: "info", SIM_DURATION_SECONDS: "900" }, nowMs - 60_000);
  // And one that failed in the night, so the overview always has a failure of the last day to show.
  cloud.startExecution(subscriptionId, resourceGroup, "nightly-etl", { BATCH: "no2", SIM_EXIT_CODE: "2" }, nowMs - 5 * 3_600_000);
  return account;
}
