import { createHash } from "node:crypto";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/queries/access";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import type { stopManyInput } from "./schemas";
import { stopRun } from "./stop";

// "Stop these runs": each selected run is stopped as its own Stop button would (stop.ts: its own request
// key, idempotent, audited), and each gets its own result, so one run that ended meanwhile or one cloud
// that refuses does not hide what happened to the others.

export type StopResult =
  /** Stopped now, or by this same form sent before (a double click): nothing was sent twice. */
  | { executionId: string; name: string; outcome: "stopped" }
  | { executionId: string; name: string; outcome: "in_doubt"; message: string }
  | { executionId: string; name: string; outcome: "already_ended"; message: string }
  | { executionId: string; name: string; outcome: "failed"; message: string };

/**
 * Each run's own request key, derived from the form's: the same form sent twice asks for the same stops,
 * so none is sent twice, while two runs never share a key.
 */
export function stopKeyOf(requestKey: string, executionId: string): string {
  return createHash("sha256").update(`${requestKey}:${executionId}`).digest("hex").slice(0, 40);
}

function summary(results: StopResult[]): string {
  const count = (outcome: StopResult["outcome"]) => results.filter((r) => r.outcome === outcome).length;
  const parts = [
    [count("stopped"), "stopped"],
    [count("in_doubt"), "may be stopping (the next sync shows it)"],
    [count("already_ended"), "had already ended"],
    [count("failed"), "could not be stopped"],
  ] as const;
  return parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`).join(", ") + ".";
}

export async function stopExecutions(ctx: ServiceContext, input: z.infer<typeof stopManyInput>): Promise<ServiceOutcome<{ results: StopResult[] }>> {
  // define-action.ts checks the role first; checked here too, as any caller of a service may be wrong.
  assertCan(ctx.actor, "executions:run");
  const runs = await db().execution.findMany({ where: { id: { in: input.executionIds } }, select: { id: true, providerId: true } });
  const names = new Map(runs.map((r) => [r.id, r.providerId]));
  const results: StopResult[] = [];
  // Each refusal is audited as the single Stop's would be (define-action.ts does it for that one).
  const refused = async (executionId: string, name: string, error: AppError) => {
    results.push({ executionId, name, outcome: error.code === "conflict" ? "already_ended" : "failed", message: error.message });
    await recordAudit(db(), {
      actor: { id: ctx.actor.id, email: ctx.actor.email },
      action: "execution.stop",
      result: error.code === "forbidden" || error.code === "rule" ? "denied" : "error",
      targetType: "execution",
      targetId: executionId,
      target: name,
      detail: { message: error.message },
    });
  };
  // One after another: a few runs, each a cloud call, and the action's rate limit already counted this click once.
  for (const executionId of input.executionIds) {
    const name = names.get(executionId);
    if (!name) {
      await refused(executionId, executionId, new AppError("not_found", "That execution is not in the catalog. Reload the page."));
      continue;
    }
    try {
      const outcome = await stopRun(ctx, { executionId, requestKey: stopKeyOf(input.requestKey, executionId) });
      results.push(outcome.data.inDoubt ? { executionId, name, outcome: "in_doubt", message: outcome.message } : { executionId, name, outcome: "stopped" });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await refused(executionId, name, error);
    }
  }
  const audited = await ctx.audit(db(), {
    targetType: "executions",
    target: `${results.length} execution${results.length === 1 ? "" : "s"}`,
    detail: { results: results.map((r) => ({ execution: r.name, outcome: r.outcome })), requestKey: input.requestKey },
  });
  return { data: { results }, message: summary(results), audited };
}
