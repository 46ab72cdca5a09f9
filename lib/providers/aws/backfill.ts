import { FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import type { Task } from "@aws-sdk/client-ecs";
import type { AwsCall } from "./calls";
import { clusterName } from "./arns";
import type { AwsSettings } from "./settings";

// The cloud forgets in an hour: ECS lists a stopped task for about an hour
// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html). The
// documented safety net is an EventBridge rule sending "ECS Task State Change" events to a CloudWatch
// Logs group (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_task_events.html); each
// log event is one EventBridge event as JSON, its `detail` a Task. This reads the group from the
// watermark on, so runs that ended while Batchdeck was down still reach the catalog.

export interface BackfillCursor {
  /** Index into the account's regions. */
  region: number;
  token: string | null;
}

const DATE_FIELDS = ["createdAt", "startedAt", "stoppedAt", "stoppingAt", "executionStoppedAt", "pullStartedAt", "pullStoppedAt", "connectivityAt", "updatedAt"] as const;

/** A state-change event (one log line) → the task it describes, dates as Dates like the ECS API's; null if it is not one. */
export function taskOfStateChange(message: string): (Task & { version?: number }) | null {
  let event: { "detail-type"?: unknown; source?: unknown; detail?: unknown };
  try {
    event = JSON.parse(message) as typeof event;
  } catch {
    return null;
  }
  if (event["detail-type"] !== "ECS Task State Change" || event.source !== "aws.ecs" || typeof event.detail !== "object" || event.detail === null) return null;
  const detail = { ...(event.detail as Record<string, unknown>) };
  if (typeof detail.taskArn !== "string") return null;
  for (const field of DATE_FIELDS) {
    const value = detail[field];
    if (typeof value === "string") detail[field] = new Date(value);
  }
  return detail as Task & { version?: number };
}

/** The last state of each task among these events: ECS counts a task's changes in `version`. */
export function latestStates(tasks: (Task & { version?: number })[]): (Task & { version?: number })[] {
  const latest = new Map<string, Task & { version?: number }>();
  for (const task of tasks) {
    const seen = latest.get(task.taskArn!);
    if (!seen || (task.version ?? 0) >= (seen.version ?? 0)) latest.set(task.taskArn!, task);
  }
  return [...latest.values()];
}

/**
 * One page of the group in one region: the stopped tasks of the account's clusters it recorded since
 * `since` (the whole group on a full listing). The next cursor moves to the next region at a page's end.
 */
export async function backfillPage(call: AwsCall, settings: AwsSettings, group: string, since: Date | null, at: BackfillCursor): Promise<{ tasks: Task[]; next: BackfillCursor | null }> {
  const region = settings.regions[at.region];
  if (!region) return { tasks: [], next: null };
  const answer = await call(region, "logs:FilterLogEvents", (c, abortSignal) =>
    c.logs.send(new FilterLogEventsCommand({ logGroupName: group, startTime: since?.getTime(), nextToken: at.token ?? undefined }), { abortSignal }),
  );
  const watched = (clusterArn: string | undefined) => clusterArn !== undefined && settings.clusters.some((c) => c === clusterArn || c === clusterName(clusterArn));
  const states = (answer.events ?? []).flatMap((e) => {
    const task = taskOfStateChange(e.message ?? "");
    return task && watched(task.clusterArn) ? [task] : [];
  });
  const tasks = latestStates(states).filter((t) => t.lastStatus === "STOPPED");
  const next: BackfillCursor | null = answer.nextToken ? { region: at.region, token: answer.nextToken } : at.region + 1 < settings.regions.length ? { region: at.region + 1, token: null } : null;
  return { tasks, next };
}
