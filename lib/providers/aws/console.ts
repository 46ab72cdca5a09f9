import { clusterOfTask, regionOf, taskIdOf } from "./arns";
import { parseExecutionId } from "./transform";

// A link to one task in the ECS console. The console's own address for a task is
// https://<region>.console.aws.amazon.com/ecs/v2/clusters/<cluster>/tasks/<task-id>/configuration?region=<region>
// (what the new ECS console shows in the address bar; not confirmed against a published document offline).
// The China regions are served from console.amazonaws.cn and GovCloud from console.amazonaws-us-gov.com
// (https://docs.amazonaws.cn/en_us/aws/latest/userguide/endpoints-Beijing.html,
// https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/using-govcloud-endpoints.html).
// The cluster and region come from the task's ARN, so no call to the cloud is needed; a task ARN of the
// older form (task/<id>, without the cluster) has no console address we can build.

function consoleHost(region: string): string {
  if (region.startsWith("cn-")) return `${region}.console.amazonaws.cn`;
  if (region.startsWith("us-gov-")) return "console.amazonaws-us-gov.com";
  return `${region}.console.aws.amazon.com`;
}

export function awsConsoleUrl(_account: { settings: unknown }, _job: { providerId: string; name: string }, execution: { providerId: string }): string | null {
  const { taskArn } = parseExecutionId(execution.providerId);
  const region = regionOf(taskArn);
  const cluster = clusterOfTask(taskArn);
  if (!region || !cluster) return null;
  const path = `ecs/v2/clusters/${encodeURIComponent(cluster)}/tasks/${encodeURIComponent(taskIdOf(taskArn))}/configuration`;
  return `https://${consoleHost(region)}/${path}?region=${encodeURIComponent(region)}`;
}
