import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export async function findAccount(accountId: string) {
  const account = await db().cloudAccount.findUnique({ where: { id: accountId } });
  if (!account) throw new AppError("not_found", "That cloud account no longer exists. Reload the page.");
  return account;
}

/** An account that can still be acted on: not deleted. */
export async function findLiveAccount(accountId: string) {
  const account = await findAccount(accountId);
  if (account.deletedAt) throw new AppError("not_found", `${account.name} was deleted; it is no longer synced or tested.`);
  return account;
}
