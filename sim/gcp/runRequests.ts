import { z } from "zod";
import { enumName } from "./enums";

// The request messages the Run Admin API v2 simulator accepts (run.v2.json: GoogleCloudRunV2RunJobRequest,
// GoogleCloudRunV2Job for PATCH, GoogleCloudRunV2CancelExecutionRequest), strict like Google's JSON parser.

const envVar = z.strictObject({ name: z.string().min(1), value: z.string().optional() });
const duration = z.string().regex(/^\d+(\.\d+)?s$/, "a Duration like \"600s\"");

export const runJobRequest = z.strictObject({
  name: z.string().optional(),
  validateOnly: z.boolean().optional(),
  etag: z.string().optional(),
  overrides: z
    .strictObject({
      containerOverrides: z.array(z.strictObject({ name: z.string().optional(), args: z.array(z.string()).optional(), env: z.array(envVar).optional(), clearArgs: z.boolean().optional() })).optional(),
      taskCount: z.number().int().min(1).max(10_000).optional(),
      timeout: duration.optional(),
    })
    .optional(),
});

export const cancelExecutionRequest = z.strictObject({ name: z.string().optional(), validateOnly: z.boolean().optional(), etag: z.string().optional() });

const container = z.looseObject({
  name: z.string().optional(),
  image: z.string().min(1, "a container needs an image"),
  env: z.array(envVar).optional(),
  resources: z.looseObject({ limits: z.record(z.string(), z.string()).optional() }).optional(),
});

/** A job as PATCH sends it: the client sends the whole Job, output-only fields included, which Google ignores. */
export const jobPatch = z.looseObject({
  name: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  launchStage: z.unknown().refine((v) => v === undefined || enumName("launchStage", v) !== undefined, "unknown launch stage").optional(),
  template: z.looseObject({
    taskCount: z.number().int().min(1).optional(),
    parallelism: z.number().int().min(0).optional(),
    template: z.looseObject({
      containers: z.array(container).min(1).max(10),
      maxRetries: z.number().int().min(0).max(10).optional(),
      timeout: duration.optional(),
    }),
  }),
});
