import { z } from "zod";
import { awsEndpointUrl } from "./endpoints";

// What an AWS account holds in the catalog. The form sends lists as text (one item per line or comma
// separated); the stored shape is arrays, and both are accepted so rows and form input read alike.

const list = (min: number, what: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(/[\s,]+/).filter((s) => s !== "") : v),
    z.array(z.string().min(1)).min(min, `Name at least ${min} ${what}.`),
  );

export const awsSettingsSchema = z.object({
  regions: list(1, "region"),
  /** Cluster names or ARNs; the jobs are the task definition families run on them. */
  clusters: list(1, "cluster"),
  /** Families to watch even before a rule, schedule or task names them. */
  families: list(0, "family").default([]),
  /** The CloudWatch Logs group an "ECS Task State Change" rule writes to; null: no backfill. */
  stateChangeLogGroup: z.string().min(1).nullable().default(null),
});
export type AwsSettings = z.infer<typeof awsSettingsSchema>;

/** Base URLs; null or absent: the region's public endpoint. */
export const awsEndpointsSchema = z.object({
  ecs: awsEndpointUrl("ecs").nullish(),
  events: awsEndpointUrl("events").nullish(),
  scheduler: awsEndpointUrl("scheduler").nullish(),
  logs: awsEndpointUrl("logs").nullish(),
  sts: awsEndpointUrl("sts").nullish(),
});
export type AwsEndpoints = z.infer<typeof awsEndpointsSchema>;

/**
 * An access key pair (optionally with a session token), a role to assume (with its external id, from the
 * keys if given, else from the host's default chain), or both. null: the host's default chain alone.
 */
export const awsCredentialsSchema = z
  .object({
    accessKeyId: z.string().min(1).optional(),
    secretAccessKey: z.string().min(1).optional(),
    sessionToken: z.string().min(1).optional(),
    roleArn: z.string().min(1).optional(),
    externalId: z.string().min(1).optional(),
  })
  .refine((c) => (c.accessKeyId === undefined) === (c.secretAccessKey === undefined), { path: ["secretAccessKey"], message: "Enter both the access key ID and its secret." })
  .refine((c) => c.accessKeyId !== undefined || c.roleArn !== undefined, { path: ["accessKeyId"], message: "Enter an access key or a role to assume." })
  .refine((c) => c.sessionToken === undefined || c.accessKeyId !== undefined, { path: ["sessionToken"], message: "A session token goes with an access key." });
export type AwsCredentials = z.infer<typeof awsCredentialsSchema>;
