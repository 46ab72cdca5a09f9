import type { SeededRandom } from "../core/random";
import { cronFirings } from "./cron";
import { createExecution, runTemplate } from "./executions";
import type { AzureState, Job, Json, Subscription } from "./model";

// Triggers that fire on the simulated clock: Schedule jobs (cron) and Event jobs with an
// azure-servicebus scale rule (KEDA). Called whenever the clock moves or a request arrives, it
// catches up everything due in (last catch-up, now].

/** KEDA's default polling interval for jobs is 30 s (JobScale.pollingInterval, Jobs.json). */
const DEFAULT_POLLING_SECONDS = 30;

export function catchUp(state: AzureState, random: SeededRandom, nowMs: number): void {
  for (const subscription of state.subscriptions.values()) {
    for (const group of subscription.resourceGroups.values()) {
      for (const job of group.jobs.values()) {
        if (job.configuration.triggerType === "Schedule") runSchedule(state, subscription, job, random, nowMs);
        if (job.configuration.triggerType === "Event") pollQueues(state, subscription, job, random, nowMs);
      }
    }
  }
}

function runSchedule(state: AzureState, subscription: Subscription, job: Job, random: SeededRandom, nowMs: number): void {
  const config = job.configuration.scheduleTriggerConfig as Json | undefined;
  const cron = typeof config?.cronExpression === "string" ? config.cronExpression : null;
  if (cron === null || nowMs <= job.scheduledUntil) return;
  const workspace = workspaceOf(state, subscription);
  for (const at of cronFirings(cron, job.scheduledUntil, nowMs)) {
    createExecution({ job, template: runTemplate(job, null), startMs: at, trigger: "schedule", random, workspace });
  }
  job.scheduledUntil = nowMs;
}

/** The queue an Event job watches: its azure-servicebus rule's metadata.queueName (KEDA scaler metadata). */
export function watchedQueue(job: Job): { namespace: string | null; queue: string } | null {
  const scale = (job.configuration.eventTriggerConfig as Json | undefined)?.scale as Json | undefined;
  for (const rule of (scale?.rules as Json[] | undefined) ?? []) {
    const metadata = rule.metadata as Record<string, string> | undefined;
    if (rule.type === "azure-servicebus" && metadata?.queueName) {
      return { namespace: metadata.namespace ?? null, queue: metadata.queueName.toLowerCase() };
    }
  }
  return null;
}

function pollQueues(state: AzureState, subscription: Subscription, job: Job, random: SeededRandom, nowMs: number): void {
  const watched = watchedQueue(job);
  if (!watched) return;
  const scale = (job.configuration.eventTriggerConfig as Json).scale as Json;
  const intervalMs = Number(scale.pollingInterval ?? DEFAULT_POLLING_SECONDS) * 1000;
  const maxExecutions = Number(scale.maxExecutions ?? 100);
  const workspace = workspaceOf(state, subscription);
  for (const ns of state.namespaces.values()) {
    if (ns.subscriptionId !== subscription.id) continue;
    if (watched.namespace && !ns.host.toLowerCase().startsWith(`${watched.namespace.toLowerCase()}.`) && ns.host.toLowerCase() !== watched.namespace.toLowerCase()) continue;
    const queue = ns.queues.get(watched.queue);
    if (!queue) continue;
    // KEDA polls every pollingInterval; a message is picked up at the first poll after it arrived,
    // one execution per message, at most maxExecutions per poll. Nothing is de-duplicated.
    while (queue.length > 0) {
      const first = queue[0]!;
      const pollAt = (Math.floor(first.enqueuedMs / intervalMs) + 1) * intervalMs;
      if (pollAt > nowMs) break;
      const batch = queue.filter((m) => m.enqueuedMs < pollAt).slice(0, maxExecutions);
      queue.splice(0, batch.length);
      for (const _ of batch) {
        createExecution({ job, template: runTemplate(job, null), startMs: pollAt, trigger: "event", random, workspace });
      }
    }
  }
}

export function workspaceOf(state: AzureState, subscription: Subscription) {
  for (const ws of state.workspaces.values()) if (ws.subscriptionId === subscription.id) return ws;
  return undefined;
}
