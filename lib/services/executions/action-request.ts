import type { ActionKind } from "@/lib/db/generated/enums";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// Every click is written down before it reaches a cloud, under the key the form carried. A second
// request with the same key (a double click, a resubmitted form) finds the first instead of acting again.

export type Claim =
  | { fresh: true; id: string }
  | { fresh: false; state: "in_progress" | "succeeded" | "in_doubt"; executionProviderId: string | null };

export async function claimActionRequest(input: {
  key: string;
  action: ActionKind;
  actorId: string;
  accountId: string;
  jobId: string;
  params: Prisma.InputJsonValue;
}): Promise<Claim> {
  try {
    const row = await db().actionRequest.create({ data: { ...input, state: "in_progress", attempts: 1 } });
    return { fresh: true, id: row.id };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
  }
  // A retry of a request that failed for sure (the cloud said no, or it was never sent). One conditional
  // UPDATE: Postgres re-checks the WHERE after a concurrent update commits, so of two retries racing,
  // exactly one sees the failed row and takes it; the other finds it in progress below.
  const retried = await db().actionRequest.updateMany({
    where: { key: input.key, action: input.action, jobId: input.jobId, state: { in: ["failed", "pending"] } },
    data: { state: "in_progress", attempts: { increment: 1 }, error: null },
  });
  const existing = await db().actionRequest.findUniqueOrThrow({ where: { key: input.key } });
  if (existing.action !== input.action || existing.jobId !== input.jobId) {
    throw new AppError("conflict", "This form was already used for another action; reload the page and try again.");
  }
  // The provider looks for a run carrying the key before starting one, so a start that did reach the
  // cloud is found, not repeated.
  if (retried.count === 1) return { fresh: true, id: existing.id };
  if (existing.state === "failed" || existing.state === "pending") {
    // Taken and failed again between our UPDATE and this read: this click is the duplicate of that retry.
    return { fresh: false, state: "in_progress", executionProviderId: null };
  }
  return { fresh: false, state: existing.state, executionProviderId: existing.executionProviderId };
}

export type Settlement =
  | { state: "succeeded"; executionProviderId?: string }
  | { state: "failed"; error: string }
  /** The request may have reached the cloud and no answer said how it ended: the sync settles it. */
  | { state: "in_doubt"; error: string };

export async function settleActionRequest(id: string, outcome: Settlement, client: Pick<Prisma.TransactionClient, "actionRequest"> = db()) {
  const data =
    outcome.state === "succeeded"
      ? { state: "succeeded" as const, error: null, executionProviderId: outcome.executionProviderId ?? null, result: { executionProviderId: outcome.executionProviderId ?? null } }
      : { state: outcome.state, error: outcome.error };
  await client.actionRequest.update({ where: { id }, data });
}
