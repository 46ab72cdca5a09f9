import { z } from "zod";
import { readCronRateAt } from "@/lib/schedule/cron-rate-at";
import type { CloudDescriptor } from "../descriptor";
import { optionalField } from "../form-fields";
import { awsConsoleUrl } from "./console";
import { AWS_ENDPOINT_FIELDS, awsEndpointRule, awsEndpointUrl } from "./endpoints";
import { LEAST_PRIVILEGE } from "./policy";
import { createAwsProvider } from "./provider";
import { awsCredentialsSchema, awsEndpointsSchema, awsSettingsSchema } from "./settings";

// Amazon ECS (Fargate task families run by EventBridge rules and Scheduler schedules), as the rest of
// Batchdeck sees it: one descriptor (lib/providers/descriptor.ts).

const items = (v: string) => v.split(/[\s,]+/).filter((s) => s !== "");

/** Region codes as AWS names them (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html). */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const CLUSTER = /^(arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255}|[A-Za-z0-9_-]{1,255})$/;
const FAMILY = /^[A-Za-z0-9_-]{1,255}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

function listOf(pattern: RegExp, message: string, required: string | null) {
  return z
    .string()
    .trim()
    .refine((v) => required === null || items(v).length > 0, required ?? "")
    .refine((v) => items(v).every((item) => pattern.test(item)), message);
}

/** The form's fields, each with the message that says how to fix it. */
const awsFormValues = z.object({
  regions: listOf(REGION, "Regions are codes like eu-west-1 or ap-northeast-1, separated by commas.", "Enter at least one region, e.g. eu-west-1."),
  clusters: listOf(CLUSTER, "Clusters are names like batch or ARNs like arn:aws:ecs:eu-west-1:123456789012:cluster/batch, separated by commas.", "Enter at least one cluster name or ARN."),
  families: optionalField(listOf(FAMILY, "Task definition families are names of letters, digits, - and _, separated by commas.", null)),
  stateChangeLogGroup: optionalField(z.string().regex(/^[\w/#.-]{1,512}$/, "A log group name like /batchdeck/ecs-task-state (letters, digits, _ - / . #).")),
  accessKeyId: optionalField(z.string().regex(/^[A-Z0-9]{16,128}$/, "An access key ID is upper-case letters and digits, like AKIAIOSFODNN7EXAMPLE.")),
  secretAccessKey: optionalField(z.string().min(1)),
  sessionToken: optionalField(z.string().min(1)),
  roleArn: optionalField(z.string().regex(ROLE_ARN, "A role ARN like arn:aws:iam::123456789012:role/batchdeck.")),
  externalId: optionalField(z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, "The external id the role's trust policy names (2 to 1224 letters, digits or + = , . @ : / -).")),
  ...Object.fromEntries(AWS_ENDPOINT_FIELDS.map((field) => [field, optionalField(awsEndpointUrl(field))])),
});

export const awsDescriptor: CloudDescriptor<"aws"> = {
  cloud: "aws",
  label: "Amazon ECS",
  settings: awsSettingsSchema,
  endpoints: awsEndpointsSchema,
  credentials: awsCredentialsSchema,
  formValues: awsFormValues as unknown as z.ZodType<Record<string, string | undefined>>,
  incompleteCredentials: "Enter the access key ID with its secret access key (and a session token only with them), or a role ARN to assume, or leave all empty to use this host's AWS identity.",
  form: {
    title: "Connect an AWS account",
    addLabel: "Add an AWS account",
    intro:
      "Give its IAM identity the read-only policy to watch task families, runs and logs, and the operator policy (with iam:PassRole on the task and execution roles) to run, stop and redeploy them. docs/aws.md has both as JSON.",
    credentialsLegend: "Access key or role",
    hostIdentityChoice: "Use this host's AWS identity instead (forget the saved keys)",
    endpointsLegend: "Other endpoints (VPC endpoints, the simulator)",
    fields: [
      { name: "regions", group: "settings", label: "Regions", kind: "text", required: true, placeholder: "eu-west-1", help: "Region codes, separated by commas." },
      { name: "clusters", group: "settings", label: "Clusters", kind: "text", required: true, placeholder: "batch", help: "ECS cluster names or ARNs, separated by commas." },
      { name: "families", group: "settings", label: "More task definition families", kind: "text", help: "Families to watch before a rule, schedule or run names them (optional)." },
      { name: "stateChangeLogGroup", group: "settings", label: "Task state change log group", kind: "text", help: "The CloudWatch Logs group an \"ECS Task State Change\" rule writes to; runs are then kept even when Batchdeck was down for over an hour." },
      { name: "accessKeyId", group: "credentials", label: "Access key ID", kind: "text", help: "Leave the keys empty to use this host's AWS identity." },
      { name: "secretAccessKey", group: "credentials", label: "Secret access key", kind: "secret" },
      { name: "sessionToken", group: "credentials", label: "Session token", kind: "secret", help: "Only for temporary keys." },
      { name: "roleArn", group: "credentials", label: "Role to assume", kind: "text", placeholder: "arn:aws:iam::123456789012:role/batchdeck", help: "Assumed through STS with the keys above, or with this host's identity." },
      { name: "externalId", group: "credentials", label: "External ID", kind: "text", help: "The sts:ExternalId the role's trust policy requires." },
      { name: "ecs", group: "endpoints", label: "ECS endpoint", kind: "url", placeholder: "https://ecs.<region>.amazonaws.com" },
      { name: "events", group: "endpoints", label: "EventBridge endpoint", kind: "url", placeholder: "https://events.<region>.amazonaws.com" },
      { name: "scheduler", group: "endpoints", label: "EventBridge Scheduler endpoint", kind: "url", placeholder: "https://scheduler.<region>.amazonaws.com" },
      { name: "logs", group: "endpoints", label: "CloudWatch Logs endpoint", kind: "url", placeholder: "https://logs.<region>.amazonaws.com" },
      { name: "sts", group: "endpoints", label: "STS endpoint", kind: "url", placeholder: "https://sts.<region>.amazonaws.com" },
    ],
  },
  endpointRules: Object.fromEntries(AWS_ENDPOINT_FIELDS.map((field) => [field, awsEndpointRule(field)])),
  createProvider: (account) => createAwsProvider(account),
  leastPrivilegePolicy: LEAST_PRIVILEGE,
  auditedSettings: ["regions", "clusters"],
  consoleUrl: awsConsoleUrl,
  // Rules and schedules read as EventBridge writes them: cron(...) with 6 fields, rate(...), at(...), in UTC
  // for rules and in the schedule's own time zone for Scheduler (lib/schedule/cron-rate-at.ts cites the docs).
  schedule: (trigger, from) => (trigger.kind === "schedule" ? readCronRateAt(trigger.expression, trigger.timeZone, { from }) : null),
};
