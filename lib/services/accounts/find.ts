import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isProviderError } from "@/lib/providers/errors";

export async function findAccount(accountId: string) {
  const account = await db().cloudAccount.findUnique({ where: { id: accountId } });
  if (!account) throw new AppError("not_found", "That cloud account no longer exists. Reload the page.");
  return account;
}

/** A cloud's refusal becomes the user's error with the provider's own actionable message. */
export function asAppError(error: unknown): unknown {
  return isProviderError(error) ? new AppError("upstream", error.message) : error;
}
