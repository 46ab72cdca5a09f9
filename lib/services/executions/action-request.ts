import type { ActionKind } from "@/lib/db/generated/enums";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

// Every click is written down before it reaches a cloud, under the key the form carried. A second
// request with the same key (a double click, a resubmitted form) finds the first instead of acting again.

export type Claim =
  | { fresh: true; id: string }
  | { fresh: false; state: "in_progress" | "succeeded"; executionProviderId: string | null };

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
  const existing = await db().actionRequest.findUniqueOrThrow({ where: { key: input.key } });
  if (existing.action !== input.action || existing.jobId !== input.jobId) {
    throw new AppError("conflict", "This form was already used for another action; reload the page and try again.");
  }
  if (existing.state === "failed" || existing.state === "pending") {
    // The earlier attempt failed: this is a retry. The provider looks for a run carrying the key
    // before starting one, so a start that did reach the cloud is found, not repeated.
    await db().actionRequest.update({ where: { id: existing.id }, data: { state: "in_progress", attempts: { increment: 1 }, error: null } });
    return { fresh: true, id: existing.id };
  }
  return { fresh: false, state: existing.state, executionProviderId: existing.executionProviderId };
}

export async function settleActionRequest(id: string, outcome: { executionProviderId?: string; error?: string }) {
  await db().actionRequest.update({
    where: { id },
    data: outcome.error
      ? { state: "failed", error: outcome.error }
      : { state: "succeeded", executionProviderId: outcome.executionProviderId ?? null, result: { executionProviderId: outcome.executionProviderId ?? null } },
  });
}
