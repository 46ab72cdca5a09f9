import { z } from "zod";
import { gcpEndpointUrl, tokenUriProblem } from "./endpoints";

// What a Google Cloud account holds in the catalog. Validated when the account is saved and again when
// a provider is built, so a bad row fails with a message instead of a wrong request.

/** Project ids: 6–30 lowercase letters, digits and hyphens, starting with a letter (https://cloud.google.com/resource-manager/docs/creating-managing-projects#before_you_begin). */
export const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/** Cloud Run regions look like us-central1, europe-west1, asia-northeast1 (https://cloud.google.com/run/docs/locations). */
export const REGION = /^[a-z]+-[a-z]+\d+$/;

/** "us-central1, europe-west1" (the form's one text field) or a list (the catalog's row). */
export const regionsSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean) : v),
  z
    .array(z.string().regex(REGION, "A region is a Cloud Run location such as us-central1 or europe-west1."))
    .min(1, "Name at least one region, e.g. us-central1 (several: us-central1, europe-west1)."),
);

export const gcpSettingsSchema = z.object({
  projectId: z.string().regex(PROJECT_ID, "A project ID is 6–30 lowercase letters, digits and hyphens, starting with a letter, e.g. lab-batch-123 (the ID, not the project's display name or number)."),
  regions: regionsSchema,
});
export type GcpSettings = z.infer<typeof gcpSettingsSchema>;

/** Base URLs; blank means Google's public endpoints (./endpoints.ts), or the simulator when BATCHDECK_SIMULATOR_ORIGIN names it. */
export const gcpEndpointsSchema = z.object({
  run: gcpEndpointUrl("run").optional(),
  scheduler: gcpEndpointUrl("scheduler").optional(),
  logging: gcpEndpointUrl("logging").optional(),
});
export type GcpEndpoints = z.infer<typeof gcpEndpointsSchema>;

/**
 * The JSON key file of a service account, as IAM writes it
 * (https://cloud.google.com/iam/docs/keys-create-delete#creating: type, project_id, private_key_id,
 * private_key, client_email, client_id, token_uri …). Extra fields are kept as they were.
 */
export const serviceAccountKeySchema = z.looseObject({
  type: z.literal("service_account", { error: 'This is not a service-account key: its "type" must be "service_account" (an OAuth client file or a user credential will not do).' }),
  project_id: z.string().min(1, "The key has no project_id."),
  private_key_id: z.string().min(1, "The key has no private_key_id."),
  private_key: z.string().includes("PRIVATE KEY-----", { error: "The key's private_key is not a PEM private key; download the key again." }),
  client_email: z.email({ error: "The key's client_email is not a service account's e-mail address." }),
  token_uri: z.string().superRefine((uri, ctx) => {
    const problem = tokenUriProblem(uri);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
});
export type ServiceAccountKey = z.infer<typeof serviceAccountKeySchema>;

/** The pasted key file checked: JSON first, then the key's fields, each problem said in words. */
export const serviceAccountKeyText = z.string().superRefine((text, ctx) => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: "custom", message: "Paste the whole service-account key file (JSON, starting with {), as downloaded from IAM → Service accounts → Keys." });
    return;
  }
  const parsed = serviceAccountKeySchema.safeParse(json);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
});

/** A service-account key; omitted credentials mean the host's application default credentials. */
export const gcpCredentialsSchema = z.object({
  serviceAccountKey: serviceAccountKeyText,
});
export type GcpCredentials = z.infer<typeof gcpCredentialsSchema>;

export function parseServiceAccountKey(text: string): ServiceAccountKey {
  return serviceAccountKeySchema.parse(JSON.parse(text));
}
