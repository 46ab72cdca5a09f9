import { z } from "zod";
import { requestKeySchema } from "@/lib/services/executions/schemas";

/**
 * An image reference with an explicit, immutable-looking tag or digest: `latest` (or no tag) would make
 * "which code ran" unanswerable, and the cloud may not even pull it again (seed 001).
 */
export const imageSchema = z
  .string()
  .trim()
  .max(512)
  .regex(/^[a-z0-9][a-z0-9._\-/:]*[a-z0-9](:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|@sha256:[a-f0-9]{64})$/, "Give the full image with a tag or digest, e.g. lab.azurecr.io/etl:2.0.2.")
  .refine((image) => !/:latest$/.test(image), "Use an immutable tag instead of latest, so every run says which code it ran.");

export const redeployInput = z.object({ jobId: z.string().min(1, "Missing job."), image: imageSchema, requestKey: requestKeySchema });
