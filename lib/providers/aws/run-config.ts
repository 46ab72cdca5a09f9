import type { RunTaskCommandInput } from "@aws-sdk/client-ecs";
import type { EcsParameters as RuleEcsParameters } from "@aws-sdk/client-eventbridge";
import { ProviderError } from "../errors";
import type { FamilyTargets } from "./discovery";

// How a click runs a family: on the cluster and with the launch and network settings of a rule or
// schedule that already runs it (a Fargate task needs subnets and security groups, which a task
// definition does not hold; RunTask `networkConfiguration`). EventBridge and Scheduler spell
// EcsParameters alike (PascalCase); RunTask takes them camelCase.

export interface RunConfig {
  cluster: string;
  params: Pick<RunTaskCommandInput, "launchType" | "networkConfiguration" | "platformVersion" | "capacityProviderStrategy" | "enableECSManagedTags" | "group">;
}

type Launch = Pick<RuleEcsParameters, "LaunchType" | "NetworkConfiguration" | "PlatformVersion" | "CapacityProviderStrategy" | "EnableECSManagedTags" | "Group">;

function paramsOf(p: Launch): RunConfig["params"] {
  const vpc = p.NetworkConfiguration?.awsvpcConfiguration;
  const strategy = p.CapacityProviderStrategy?.map((s) => ({ capacityProvider: s.capacityProvider, weight: s.weight, base: s.base }));
  return {
    // A capacity provider strategy and a launch type are mutually exclusive in RunTask.
    ...(strategy?.length ? { capacityProviderStrategy: strategy } : { launchType: p.LaunchType ?? "FARGATE" }),
    ...(vpc ? { networkConfiguration: { awsvpcConfiguration: { subnets: vpc.Subnets, securityGroups: vpc.SecurityGroups, assignPublicIp: vpc.AssignPublicIp } } } : {}),
    ...(p.PlatformVersion ? { platformVersion: p.PlatformVersion } : {}),
    ...(p.EnableECSManagedTags !== undefined ? { enableECSManagedTags: p.EnableECSManagedTags } : {}),
    ...(p.Group ? { group: p.Group } : {}),
  };
}

export function runConfigOf(targets: FamilyTargets | undefined, clusters: readonly string[]): RunConfig {
  const fromRule = targets?.rules[0]?.target;
  if (fromRule?.Arn && fromRule.EcsParameters) return { cluster: fromRule.Arn, params: paramsOf(fromRule.EcsParameters) };
  const fromSchedule = targets?.schedules[0]?.Target;
  if (fromSchedule?.Arn && fromSchedule.EcsParameters) return { cluster: fromSchedule.Arn, params: paramsOf(fromSchedule.EcsParameters) };
  const cluster = clusters[0];
  if (!cluster) throw new ProviderError("invalid_request", "The account names no cluster in this region. Edit the account's clusters.", { providerCode: "NoCluster" });
  return { cluster, params: { launchType: "FARGATE" } };
}
