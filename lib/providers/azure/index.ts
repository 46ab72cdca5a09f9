import { z } from "zod";
import { readUnixCron } from "@/lib/schedule/unix-cron";
import type { CloudDescriptor } from "../descriptor";
import { optionalField } from "../form-fields";
import { azureEndpointRule, azureEndpointUrl, type AzureEndpointField } from "./endpoints";
import { azureConsoleUrl } from "./console";
import { createAzureProvider } from "./provider";
import { matchTriggeredExecution } from "./servicebus";
import { azureCredentialsSchema, azureEndpointsSchema, azureSettingsSchema } from "./settings";

// Azure Container Apps Jobs, as the rest of Batchdeck sees it: one descriptor (lib/providers/descriptor.ts).

const guid = (label: string) => z.string().trim().regex(/^[0-9a-fA-F-]{36}$/, `${label} is a GUID like 00000000-0000-0000-0000-000000000000.`);
const ENDPOINT_FIELDS: readonly AzureEndpointField[] = ["resourceManager", "authorityHost", "logAnalytics", "serviceBus"];

/** The form's fields, each with the message that says how to fix it. */
const azureFormValues = z.object({
  tenantId: z.string().trim().min(1, "Enter the Microsoft Entra tenant (directory) ID."),
  subscriptionId: guid("The subscription ID"),
  resourceGroup: z.string().trim().regex(/^[-\w._()]{1,90}$/, "A resource group name: letters, digits, - _ . ( ), up to 90."),
  logAnalyticsWorkspaceId: optionalField(guid("The Log Analytics workspace ID")),
  serviceBusNamespace: optionalField(z.string().regex(/^[a-z0-9-]+\.servicebus\.(windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$/, "The namespace host, e.g. lab.servicebus.windows.net.")),
  clientId: optionalField(z.string().min(1)),
  clientSecret: optionalField(z.string().min(1)),
  serviceBusKeyName: optionalField(z.string().min(1)),
  serviceBusKey: optionalField(z.string().min(1)),
  resourceManager: optionalField(azureEndpointUrl("resourceManager")),
  authorityHost: optionalField(azureEndpointUrl("authorityHost")),
  logAnalytics: optionalField(azureEndpointUrl("logAnalytics")),
  serviceBus: optionalField(azureEndpointUrl("serviceBus")),
});

/** Roles from https://learn.microsoft.com/azure/role-based-access-control/built-in-roles (Reader, Log Analytics Reader, Container Apps Jobs Operator). */
const LEAST_PRIVILEGE = `# Watch (read-only accounts): jobs, runs and logs
az role assignment create --assignee <client-id> --role "Reader" --scope /subscriptions/<subscription-id>/resourceGroups/<resource-group>
az role assignment create --assignee <client-id> --role "Log Analytics Reader" --scope <log-analytics-workspace-resource-id>
# Operate: also start, stop and redeploy the jobs
az role assignment create --assignee <client-id> --role "Container Apps Jobs Operator" --scope /subscriptions/<subscription-id>/resourceGroups/<resource-group>
# Queue-triggered jobs: a Service Bus shared access policy with Send only, entered as the key name and key.`;

export const azureDescriptor: CloudDescriptor<"azure"> = {
  cloud: "azure",
  label: "Azure Container Apps",
  settings: azureSettingsSchema,
  endpoints: azureEndpointsSchema,
  credentials: azureCredentialsSchema,
  formValues: azureFormValues,
  incompleteCredentials: "Enter both the client ID and its secret, or neither to use this host's managed identity.",
  form: {
    title: "Connect an Azure subscription",
    addLabel: "Add an Azure account",
    intro:
      "Give its service principal (or this host’s managed identity) Reader on the resource group and Log Analytics Reader on the workspace to watch, and Container Apps Jobs Operator (or Contributor) on the resource group to start, stop and redeploy its jobs.",
    credentialsLegend: "Service principal",
    hostIdentityChoice: "Use this host's managed identity instead (forget the saved service principal)",
    endpointsLegend: "Other endpoints (sovereign clouds)",
    fields: [
      { name: "tenantId", group: "settings", label: "Tenant (directory) ID", kind: "text", required: true },
      { name: "subscriptionId", group: "settings", label: "Subscription ID", kind: "text", required: true },
      { name: "resourceGroup", group: "settings", label: "Resource group of the jobs", kind: "text", required: true },
      { name: "logAnalyticsWorkspaceId", group: "settings", label: "Log Analytics workspace ID", kind: "text", help: "For logs; the workspace of the Container Apps environment." },
      { name: "serviceBusNamespace", group: "settings", label: "Service Bus namespace", kind: "text", help: "For queue-triggered jobs, e.g. lab.servicebus.windows.net." },
      { name: "clientId", group: "credentials", label: "Client (application) ID", kind: "text", help: "Leave both empty to use this host's managed identity." },
      { name: "clientSecret", group: "credentials", label: "Client secret", kind: "secret" },
      { name: "serviceBusKeyName", group: "credentials", label: "Service Bus key name", kind: "text", help: "A shared access policy with Send, for queue-triggered jobs." },
      { name: "serviceBusKey", group: "credentials", label: "Service Bus key", kind: "secret" },
      { name: "resourceManager", group: "endpoints", label: "Resource Manager endpoint", kind: "url", placeholder: "https://management.azure.com" },
      { name: "authorityHost", group: "endpoints", label: "Entra ID authority endpoint", kind: "url", placeholder: "https://login.microsoftonline.com" },
      { name: "logAnalytics", group: "endpoints", label: "Log Analytics endpoint", kind: "url", placeholder: "https://api.loganalytics.io" },
      { name: "serviceBus", group: "endpoints", label: "Service Bus endpoint", kind: "url", placeholder: "https://<namespace>" },
    ],
  },
  endpointRules: Object.fromEntries(ENDPOINT_FIELDS.map((field) => [field, azureEndpointRule(field)])),
  createProvider: (account) => createAzureProvider(account),
  leastPrivilegePolicy: LEAST_PRIVILEGE,
  auditedSettings: ["subscriptionId"],
  consoleUrl: azureConsoleUrl,
  // scheduleTriggerConfig.cronExpression is a 5-field cron line read in UTC:
  // https://learn.microsoft.com/azure/container-apps/jobs#scheduled-jobs
  schedule: (trigger, from) => (trigger.kind === "schedule" ? readUnixCron(trigger.expression, "UTC", { from }) : null),
  // Jobs with an azure-servicebus scale rule (seed 000) are woken by a message on their queue. Service Bus
  // Standard takes messages up to 256 KB with headers, above the form's 64 KiB (MAX_MESSAGE_BYTES):
  // https://learn.microsoft.com/azure/service-bus-messaging/service-bus-quotas
  triggerMessages: { matchExecution: matchTriggeredExecution },
};
