import { z } from "zod";
import { readUnixCron } from "@/lib/schedule/unix-cron";
import type { CloudDescriptor } from "../descriptor";
import { optionalField } from "../form-fields";
import { gcpConsoleUrl } from "./console";
import { GCP_ENDPOINT_FIELDS, gcpEndpointRule, gcpEndpointUrl } from "./endpoints";
import { createGcpProvider } from "./provider";
import { gcpCredentialsSchema, gcpEndpointsSchema, gcpSettingsSchema, regionsSchema, serviceAccountKeyText } from "./settings";

// Google Cloud Run jobs and services, as the rest of Batchdeck sees it: one descriptor (lib/providers/descriptor.ts).


/** The form's fields, each with the message that says how to fix it. Regions stay text here; the settings schema splits them. */
const gcpFormValues = z.object({
  projectId: gcpSettingsSchema.shape.projectId,
  regions: z.string().trim().superRefine((text, ctx) => {
    const parsed = regionsSchema.safeParse(text);
    if (!parsed.success) ctx.addIssue({ code: "custom", message: parsed.error.issues[0]!.message });
  }),
  serviceAccountKey: optionalField(serviceAccountKeyText),
  run: optionalField(gcpEndpointUrl("run")),
  scheduler: optionalField(gcpEndpointUrl("scheduler")),
  logging: optionalField(gcpEndpointUrl("logging")),
});

/**
 * Predefined roles from https://cloud.google.com/iam/docs/understanding-roles (Cloud Run:
 * https://cloud.google.com/run/docs/reference/iam/roles; run.jobs.run, run.executions.cancel and
 * run.jobs.update are in roles/run.developer; running a job as its service account needs
 * iam.serviceAccounts.actAs, https://cloud.google.com/run/docs/securing/service-identity#permissions).
 */
const LEAST_PRIVILEGE = `# The service account Batchdeck signs in as, and its key (paste the key file into the account form)
gcloud iam service-accounts create batchdeck --project=<project-id> --display-name="Batchdeck"
gcloud iam service-accounts keys create batchdeck-key.json --iam-account=batchdeck@<project-id>.iam.gserviceaccount.com
# Watch (read-only accounts): jobs, services, schedules, runs and logs
gcloud projects add-iam-policy-binding <project-id> --member=serviceAccount:batchdeck@<project-id>.iam.gserviceaccount.com --role=roles/run.viewer
gcloud projects add-iam-policy-binding <project-id> --member=serviceAccount:batchdeck@<project-id>.iam.gserviceaccount.com --role=roles/cloudscheduler.viewer
gcloud projects add-iam-policy-binding <project-id> --member=serviceAccount:batchdeck@<project-id>.iam.gserviceaccount.com --role=roles/logging.viewer
# Operate: also run, cancel and redeploy the jobs (a custom role with only these permissions)
gcloud iam roles create batchdeckOperator --project=<project-id> --title="Batchdeck operator" --permissions=run.jobs.run,run.jobs.runWithOverrides,run.executions.cancel,run.jobs.update,run.jobs.get,run.operations.get
gcloud projects add-iam-policy-binding <project-id> --member=serviceAccount:batchdeck@<project-id>.iam.gserviceaccount.com --role=projects/<project-id>/roles/batchdeckOperator
# …and act as the jobs' own service account (redeploy re-applies it)
gcloud iam service-accounts add-iam-policy-binding <job-service-account-email> --member=serviceAccount:batchdeck@<project-id>.iam.gserviceaccount.com --role=roles/iam.serviceAccountUser
# (or, instead of the custom role: --role=roles/run.developer)`;

export const gcpDescriptor: CloudDescriptor<"gcp"> = {
  cloud: "gcp",
  label: "Google Cloud Run",
  settings: gcpSettingsSchema,
  endpoints: gcpEndpointsSchema,
  credentials: gcpCredentialsSchema,
  formValues: gcpFormValues,
  incompleteCredentials: "Paste the whole service-account key file, or leave it empty to use this host's application default credentials.",
  form: {
    title: "Connect a Google Cloud project",
    addLabel: "Add a Google Cloud account",
    intro:
      "Give its service account (or this host’s application default credentials) Cloud Run Viewer, Cloud Scheduler Viewer and Logs Viewer on the project to watch, and Cloud Run Developer (or the operator role in docs/gcp.md) plus Service Account User on the jobs’ service account to run, cancel and redeploy its jobs.",
    credentialsLegend: "Service account",
    hostIdentityChoice: "Use this host's application default credentials instead (forget the saved key)",
    endpointsLegend: "Other endpoints (private or regional)",
    fields: [
      { name: "projectId", group: "settings", label: "Project ID", kind: "text", required: true, placeholder: "lab-batch-123", help: "The project's ID (lowercase, with hyphens), not its name or number." },
      { name: "regions", group: "settings", label: "Regions of the jobs", kind: "text", required: true, placeholder: "us-central1", help: "Cloud Run locations, separated by commas, e.g. us-central1, europe-west1." },
      { name: "serviceAccountKey", group: "credentials", label: "Service-account key (JSON)", kind: "secret-multiline", help: "Paste the whole key file from IAM → Service accounts → Keys → Add key → JSON. Leave empty to use this host's application default credentials." },
      { name: "run", group: "endpoints", label: "Cloud Run endpoint", kind: "url", placeholder: "https://run.googleapis.com" },
      { name: "scheduler", group: "endpoints", label: "Cloud Scheduler endpoint", kind: "url", placeholder: "https://cloudscheduler.googleapis.com" },
      { name: "logging", group: "endpoints", label: "Cloud Logging endpoint", kind: "url", placeholder: "https://logging.googleapis.com" },
    ],
  },
  endpointRules: Object.fromEntries(GCP_ENDPOINT_FIELDS.map((field) => [field, gcpEndpointRule(field)])),
  createProvider: (account) => createGcpProvider(account),
  leastPrivilegePolicy: LEAST_PRIVILEGE,
  auditedSettings: ["projectId"],
  consoleUrl: gcpConsoleUrl,
  // Cloud Scheduler reads its unix-cron line in the job's own time zone (UTC when it names none):
  // https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules
  schedule: (trigger, from) => (trigger.kind === "schedule" ? readUnixCron(trigger.expression, trigger.timeZone ?? "UTC", { from }) : null),
};
