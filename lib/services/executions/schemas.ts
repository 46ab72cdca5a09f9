import { z } from "zod";
import { REQUEST_KEY_ENV } from "@/lib/providers/types";

// What a "Run" or "Stop" click may carry. The request key comes from the form that was rendered, so a
// double click or a resubmitted form carries the same key and starts one run.

export const requestKeySchema = z.string().regex(/^[A-Za-z0-9-]{16,64}$/, "This form is out of date; reload the page and try again.");

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_ENV = 50;
/** Longer values are data, not settings; they belong in the job's inputs, not in its env. */
const MAX_ENV_VALUE = 4096;

/** "NAME=value" lines → env overrides, with the line number of the first mistake. */
export const envLinesSchema = z
  .string()
  .max(20_000, "Too much env; keep overrides under 20,000 characters.")
  .default("")
  .transform((text, ctx) => {
    const env: Record<string, string> = {};
    const lines = text.split(/\r?\n/);
    for (const [index, raw] of lines.entries()) {
      const line = raw.trim();
      if (!line || line.startsWith("#")) continue;
      const eq = line.indexOf("=");
      const name = eq > 0 ? line.slice(0, eq).trim() : "";
      if (!ENV_NAME.test(name)) {
        ctx.addIssue({ code: "custom", message: `Line ${index + 1}: write NAME=value, with a name of letters, digits and _ (not starting with a digit).` });
        return z.NEVER;
      }
      if (name === REQUEST_KEY_ENV) {
        ctx.addIssue({ code: "custom", message: `Line ${index + 1}: ${REQUEST_KEY_ENV} is set by Batchdeck itself.` });
        return z.NEVER;
      }
      const value = line.slice(eq + 1).trim();
      if (value.length > MAX_ENV_VALUE) {
        ctx.addIssue({ code: "custom", message: `Line ${index + 1}: keep a value under ${MAX_ENV_VALUE.toLocaleString("en")} characters.` });
        return z.NEVER;
      }
      env[name] = value;
    }
    if (Object.keys(env).length > MAX_ENV) {
      ctx.addIssue({ code: "custom", message: `At most ${MAX_ENV} env overrides per run.` });
      return z.NEVER;
    }
    return env;
  });

export const startInput = z.object({
  jobId: z.string().min(1, "Missing job."),
  requestKey: requestKeySchema,
  batch: z
    .string()
    .trim()
    .max(64)
    .regex(/^[A-Za-z0-9._-]*$/, "A batch name is letters, digits, dot, dash or underscore (e.g. no2).")
    .default(""),
  env: envLinesSchema,
});

export const stopInput = z.object({ executionId: z.string().min(1, "Missing execution."), requestKey: requestKeySchema });

export const rerunInput = z.object({ executionId: z.string().min(1, "Missing execution."), requestKey: requestKeySchema });

/** At most this many runs stopped by one click: a page of the Executions list. */
export const STOP_MANY_MAX = 50;

export const stopManyInput = z.object({
  // A form sends "a,b,c" (one hidden field); a plain call may send the list itself.
  executionIds: z
    .preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(z.string().min(1).max(40)).min(1, "Select at least one running execution.").max(STOP_MANY_MAX, `Stop at most ${STOP_MANY_MAX} runs at once.`))
    .transform((ids) => [...new Set(ids)]),
  requestKey: requestKeySchema,
});
