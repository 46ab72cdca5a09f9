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
      configuration: withNulls(job.configuration, NULL_WHEN_UNSET.configuration),
      template: withNulls(job.template, NULL_WHEN_UNSET.template),
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

/**
 * Region name → the display name ARM answers with in `location` (Job_Get.json: "East US"), as listed by
 * Subscriptions - List Locations (https://learn.microsoft.com/rest/api/resources/subscriptions/list-locations,
 * `name` → `displayName`) for the public regions that offer Container Apps.
 */
const DISPLAY_NAMES: Record<string, string> = {
  eastus: "East US", eastus2: "East US 2", westus: "West US", westus2: "West US 2", westus3: "West US 3",
  centralus: "Central US", northcentralus: "North Central US", southcentralus: "South Central US", westcentralus: "West Central US",
  canadacentral: "Canada Central", canadaeast: "Canada East", brazilsouth: "Brazil South", mexicocentral: "Mexico Central",
  northeurope: "North Europe", westeurope: "West Europe", uksouth: "UK South", ukwest: "UK West",
  francecentral: "France Central", germanywestcentral: "Germany West Central", switzerlandnorth: "Switzerland North",
  norwayeast: "Norway East", swedencentral: "Sweden Central", polandcentral: "Poland Central", italynorth: "Italy North", spaincentral: "Spain Central",
  japaneast: "Japan East", japanwest: "Japan West", koreacentral: "Korea Central", eastasia: "East Asia", southeastasia: "Southeast Asia",
  australiaeast: "Australia East", australiasoutheast: "Australia Southeast", centralindia: "Central India", southindia: "South India",
  uaenorth: "UAE North", southafricanorth: "South Africa North", qatarcentral: "Qatar Central", israelcentral: "Israel Central",
};

export function isAzureRegion(location: string): boolean {
  return Object.hasOwn(DISPLAY_NAMES, location);
}

function locationDisplayName(location: string): string {
  return DISPLAY_NAMES[location] ?? location;
}

/**
 * Real ARM answers a job with explicit nulls where nothing is set (recorded sessions, issue #7), though
 * Jobs.json marks none of them x-nullable: configuration.secrets, registries, scheduleTriggerConfig,
 * eventTriggerConfig, and template.initContainers, volumes.
 */
const NULL_WHEN_UNSET = {
  configuration: ["secrets", "registries", "scheduleTriggerConfig", "eventTriggerConfig"],
  template: ["initContainers", "volumes"],
} as const;

function withNulls(part: Json, keys: readonly string[]): Json {
  const out = structuredClone(part);
  for (const key of keys) out[key] ??= null;
  return out;
}
