import type { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { REDACTED } from "@/lib/catalog/redact";
import { DEFAULT_BATCH_ENV_NAMES } from "@/lib/providers/batch";
import { REQUEST_KEY_ENV } from "@/lib/providers/types";
import { assertCan } from "@/lib/queries/access";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import type { rerunInput } from "./schemas";
import { startRun, type StartOutcome } from "./start";

// "Run again with the same parameters": a new run of the same job with the past run's batch and env
// overrides, under a new request key. Starting is start.ts's (the request key, the in-doubt handling, the
// record of the run); this only works out what to start it with.

/** The past run's overrides as a start takes them: its batch apart, Batchdeck's own request key left out. */
export function rerunParameters(run: { batch: string | null; overrides: unknown }, batchEnvVar: string | null): { batch: string; env: Record<string, string> } {
  const env = Object.fromEntries(
    Object.entries((run.overrides ?? {}) as Record<string, unknown>)
      .filter(([name]) => name !== REQUEST_KEY_ENV)
      .map(([name, value]) => [name, String(value)]),
  );
  // start.ts sets the batch under the job's variable (else BATCH); pass it as the batch only when it was
  // set there, so the new run's env is exactly the old one's.
  const batchName = batchEnvVar ?? DEFAULT_BATCH_ENV_NAMES[0];
  if (run.batch && env[batchName] === run.batch) {
    const { [batchName]: _batch, ...rest } = env;
    return { batch: run.batch, env: rest };
  }
  return { batch: "", env };
}

export interface RerunOutcome extends StartOutcome {
  /** The new run's catalog id, for a link to its page; null while the start is in doubt. */
  executionId: string | null;
}

export async function rerunExecution(ctx: ServiceContext, input: z.infer<typeof rerunInput>): Promise<ServiceOutcome<RerunOutcome>> {
  // define-action.ts checks the role first; checked here too, as any caller of a service may be wrong.
  assertCan(ctx.actor, "executions:run");
  const run = await db().execution.findUnique({
    where: { id: input.executionId },
    select: { providerId: true, batch: true, overrides: true, jobId: true, accountId: true, job: { select: { name: true, batchEnvVar: true } }, account: { select: { name: true, deletedAt: true } } },
  });
  if (!run) throw new AppError("not_found", "That execution is not in the catalog. Reload the page.");
  if (run.account.deletedAt) throw new AppError("rule", `${run.account.name} was removed from Batchdeck: its runs can be read, not started again.`);
  const { batch, env } = rerunParameters(run, run.job.batchEnvVar);
  // Secret-looking values are never stored (lib/catalog/redact.ts), so they can't be repeated.
  const hidden = Object.entries(env).filter(([, value]) => value === REDACTED).map(([name]) => name);
  if (hidden.length > 0) {
    throw new AppError(
      "rule",
      `${run.providerId} was started with ${hidden.join(", ")}, whose value Batchdeck does not keep. Start ${run.job.name} from the Jobs page and enter ${hidden.length === 1 ? "it" : "them"} again.`,
    );
  }
  // The audit record says which run this repeats, in the start's own transaction.
  const audit: ServiceContext["audit"] = (client, target) => ctx.audit(client, { ...target, detail: { ...(target.detail as Record<string, unknown> | undefined), rerunOf: run.providerId } });
  const outcome = await startRun({ ...ctx, audit }, { jobId: run.jobId, requestKey: input.requestKey, batch, env });
  const started = outcome.data.executionProviderId;
  const row = started ? await db().execution.findUnique({ where: { accountId_providerId: { accountId: run.accountId, providerId: started } }, select: { id: true } }) : null;
  return { ...outcome, data: { ...outcome.data, executionId: row?.id ?? null } };
}
