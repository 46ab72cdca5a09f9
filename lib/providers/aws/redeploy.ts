import { RegisterTaskDefinitionCommand, type RegisterTaskDefinitionCommandInput, type TaskDefinition } from "@aws-sdk/client-ecs";
import { PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { UpdateScheduleCommand } from "@aws-sdk/client-scheduler";
import type { RedeployReport } from "../types";
import { ProviderError } from "../errors";
import { mayHaveBeenDelivered, OutcomeUnknown } from "../timeout";
import type { AwsCall } from "./calls";
import { taskDefinitionRef } from "./arns";
import type { Discovery } from "./discovery";
import { mainContainer } from "./transform";

// Redeploy = the seed's manual process, automated: register a revision copied from the current one
// with only the image changed, then repoint every rule target and schedule that ran an older revision
// (a target names a revision; it does not follow the family). Resumable: a latest revision that
// already runs the image is reused, and only what still points at an older revision is repointed, so
// clicking Redeploy again after a partial failure finishes the work instead of repeating it.

/** The RegisterTaskDefinition input that recreates `td` (its registration-time fields) with another image on its main container. */
export function registrationOf(td: TaskDefinition, image: string): RegisterTaskDefinitionCommandInput {
  const main = mainContainer(td);
  return {
    family: td.family,
    taskRoleArn: td.taskRoleArn,
    executionRoleArn: td.executionRoleArn,
    networkMode: td.networkMode,
    containerDefinitions: (td.containerDefinitions ?? []).map((c) => (c === main ? { ...c, image } : c)),
    volumes: td.volumes,
    placementConstraints: td.placementConstraints,
    requiresCompatibilities: td.requiresCompatibilities,
    cpu: td.cpu,
    memory: td.memory,
    pidMode: td.pidMode,
    ipcMode: td.ipcMode,
    proxyConfiguration: td.proxyConfiguration,
    inferenceAccelerators: td.inferenceAccelerators,
    ephemeralStorage: td.ephemeralStorage,
    runtimePlatform: td.runtimePlatform,
    enableFaultInjection: td.enableFaultInjection,
  };
}

function revisionLabel(arn: string | undefined): string {
  const ref = taskDefinitionRef(arn ?? "");
  return ref.revision === null ? ref.family : `${ref.family}:${ref.revision}`;
}

export async function redeployFamily(call: AwsCall, discovery: Discovery, region: string, family: string, image: string): Promise<RedeployReport> {
  const changes: string[] = [];
  const step = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      const done = changes.length ? `Done: ${changes.join("; ")}. ` : "Nothing was changed. ";
      const message = `${done}Failed to ${what}: ${error instanceof Error ? error.message : String(error)} Redeploy again to finish; what is done is not repeated.`;
      if (mayHaveBeenDelivered(error)) throw new OutcomeUnknown(message, error);
      if (error instanceof ProviderError) throw new ProviderError(error.kind, message, { providerCode: error.providerCode, retryAfterSeconds: error.retryAfterSeconds, cause: error });
      throw error;
    }
  };

  const current = await discovery.revision(region, family);
  if (!current) throw new ProviderError("not_found", `Amazon ECS has no active task definition ${family} in ${region}. Sync the account, then try again.`, { providerCode: "TaskDefinitionNotFound" });
  let latest = current;
  if (mainContainer(current)?.image === image) {
    changes.push(`kept ${revisionLabel(current.taskDefinitionArn)}, which already runs ${image}`);
  } else {
    const registered = await step(`register a new revision of ${family}`, () =>
      call(region, "ecs:RegisterTaskDefinition", (c, abortSignal) => c.ecs.send(new RegisterTaskDefinitionCommand(registrationOf(current, image)), { abortSignal })),
    );
    if (!registered.taskDefinition?.taskDefinitionArn) throw new ProviderError("unreachable", `Amazon ECS registered ${family} but did not say which revision. Redeploy again.`, { providerCode: "NoRevision" });
    latest = registered.taskDefinition;
    changes.push(`registered ${revisionLabel(latest.taskDefinitionArn)} running ${image}`);
  }
  const newArn = latest.taskDefinitionArn!;
  const newRevision = taskDefinitionRef(newArn).revision;
  const stale = (arn: string | undefined) => {
    const revision = taskDefinitionRef(arn ?? "").revision;
    return revision !== null && revision !== newRevision;
  };

  const targets = (await discovery.familyTargets(region)).get(family) ?? { rules: [], schedules: [] };
  for (const { rule, target } of targets.rules) {
    const old = target.EcsParameters?.TaskDefinitionArn;
    if (!target.EcsParameters || !stale(old)) continue;
    const what = `repoint rule ${rule.Name} (target ${target.Id})`;
    const answer = await step(what, () =>
      call(region, "events:PutTargets", (c, abortSignal) =>
        c.events.send(new PutTargetsCommand({ Rule: rule.Name, EventBusName: rule.EventBusName, Targets: [{ ...target, EcsParameters: { ...target.EcsParameters!, TaskDefinitionArn: newArn } }] }), { abortSignal }),
      ),
    );
    const failed = answer.FailedEntries?.[0];
    if (failed || (answer.FailedEntryCount ?? 0) > 0) {
      await step(what, () => Promise.reject(new ProviderError("invalid_request", `EventBridge refused the target (${failed?.ErrorCode ?? "failed"}): ${failed?.ErrorMessage ?? ""}`, { providerCode: failed?.ErrorCode ?? "PutTargetsFailed" })));
    }
    changes.push(`rule ${rule.Name}: ${revisionLabel(old)} → ${revisionLabel(newArn)}`);
  }
  for (const schedule of targets.schedules) {
    const old = schedule.Target?.EcsParameters?.TaskDefinitionArn;
    if (!schedule.Target?.EcsParameters || !stale(old)) continue;
    const name = `${schedule.GroupName ?? "default"}/${schedule.Name}`;
    // UpdateSchedule replaces the whole schedule: every field is sent back as read (API UpdateSchedule).
    await step(`repoint schedule ${name}`, () =>
      call(region, "scheduler:UpdateSchedule", (c, abortSignal) =>
        c.scheduler.send(
          new UpdateScheduleCommand({
            Name: schedule.Name,
            GroupName: schedule.GroupName,
            ScheduleExpression: schedule.ScheduleExpression,
            ScheduleExpressionTimezone: schedule.ScheduleExpressionTimezone,
            StartDate: schedule.StartDate,
            EndDate: schedule.EndDate,
            Description: schedule.Description,
            State: schedule.State,
            KmsKeyArn: schedule.KmsKeyArn,
            FlexibleTimeWindow: schedule.FlexibleTimeWindow,
            ActionAfterCompletion: schedule.ActionAfterCompletion,
            Target: { ...schedule.Target!, EcsParameters: { ...schedule.Target!.EcsParameters!, TaskDefinitionArn: newArn } },
          }),
          { abortSignal },
        ),
      ),
    );
    changes.push(`schedule ${name}: ${revisionLabel(old)} → ${revisionLabel(newArn)}`);
  }
  return { changes };
}
