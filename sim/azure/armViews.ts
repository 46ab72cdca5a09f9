import { executionEndMs, executionStatus } from "./executions";
import { executionId, jobId, type Execution, type Job, type Json } from "./model";

// Jobs and executions as ARM returns them (Jobs.json#/definitions/Job, JobExecution, 2025-07-01).

/** ARM's time format in Container Apps payloads: "2023-10-30T10:30:30+00:00" (recorded sessions). */
export function armTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

export function jobView(job: Job): Json {
  const view: Json = {
    id: jobId(job),
    name: job.name,
    type: "Microsoft.App/jobs",
    location: locationDisplayName(job.location),
    tags: {},
    systemData: {
      createdBy: "batchdeck-sim@example.com",
      createdByType: "User",
      createdAt: new Date(job.createdAt).toISOString(),
      lastModifiedBy: "batchdeck-sim@example.com",
      lastModifiedByType: "User",
      lastModifiedAt: new Date(job.lastModifiedAt).toISOString(),
    },
    identity: { type: "None" },
    properties: {
      provisioningState: "Succeeded",
      environmentId: job.environmentId,
      workloadProfileName: "Consumption",
      configuration: structuredClone(job.configuration),
      template: structuredClone(job.template),
      outboundIpAddresses: ["20.78.0.10"],
      eventStreamEndpoint: `https://${job.location}.azurecontainerapps.dev/subscriptions/${job.subscriptionId}/resourceGroups/${job.resourceGroup}/containerApps/${job.name}/eventstream`,
    },
  };
  return view;
}

export function executionView(execution: Execution, nowMs: number): Json {
  const end = executionEndMs(execution, nowMs);
  const properties: Json = {
    status: executionStatus(execution, nowMs),
    startTime: armTime(execution.startMs),
    template: structuredClone(execution.template),
  };
  if (end !== null) properties.endTime = armTime(end);
  return { id: executionId(execution), name: execution.name, type: "Microsoft.App/jobs/executions", properties };
}

const DISPLAY_NAMES: Record<string, string> = { japaneast: "Japan East", eastus: "East US", westeurope: "West Europe" };

/** ARM answers with the display name of the region, e.g. "East US" (Job_Get.json). */
function locationDisplayName(location: string): string {
  return DISPLAY_NAMES[location] ?? location;
}
