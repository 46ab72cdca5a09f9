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

/**
 * A trigger message's body. The adapter sends it as application/json (the queue's consumer, the job,
 * reads JSON), so it must parse as JSON. Queues take larger messages (Service Bus Standard: 256 KB with
 * headers, quoted in the cloud's descriptor); a body typed into a form is kept far below that.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export const messageBodySchema = z
  .string()
  .trim()
  .min(1, "Write the message the job should receive, as JSON, e.g. {\"batch\": \"no2\"}.")
  .refine((body) => Buffer.byteLength(body, "utf8") <= MAX_MESSAGE_BYTES, `Keep the message under ${MAX_MESSAGE_BYTES / 1024} KiB; larger inputs belong in storage the job reads.`)
  .refine((body) => {
    try {
      JSON.parse(body);
      return true;
    } catch {
      return false;
    }
  }, "The queue expects JSON: check the quotes and brackets, e.g. {\"batch\": \"no2\"}.");

export const sendMessageInput = z.object({ jobId: z.string().min(1, "Missing job."), body: messageBodySchema, requestKey: requestKeySchema });
