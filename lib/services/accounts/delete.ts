import type { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { findAccount } from "./find";
import type { accountIdInput } from "./schemas";

// Deleting an account marks it: its jobs and runs stay in the history (shown as from a deleted
// account), the sync skips it and it offers no actions. Its sealed secrets are dropped, since
// nothing will call its cloud again.

export async function deleteAccount({ audit }: ServiceContext, input: z.infer<typeof accountIdInput>): Promise<ServiceOutcome<null>> {
  const account = await findAccount(input.accountId);
  const audited = await db().$transaction(async (tx) => {
    const { count } = await tx.cloudAccount.updateMany({
      where: { id: account.id, deletedAt: null },
      data: { deletedAt: new Date(), credentialsCipher: null, credentialsKeyId: null },
    });
    if (count === 0) throw new AppError("not_found", `${account.name} was deleted already. Reload the page.`);
    return audit(tx, { targetType: "cloud_account", targetId: account.id, target: account.name });
  });
  return { data: null, message: `${account.name} deleted. Its jobs and runs stay in the history; it is no longer synced.`, audited };
}
