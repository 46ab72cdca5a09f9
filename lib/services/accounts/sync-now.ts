import type { z } from "zod";
import { db } from "@/lib/db/client";
import { whileHoldingAccountLock } from "@/lib/sync/account-lock";
import { syncAccount } from "@/lib/sync/sync-account";
import { toAppError } from "@/lib/errors";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { findLiveAccount } from "./find";
import type { accountIdInput } from "./schemas";

/**
 * Syncs the account now, under the same per-account lock the sync worker takes, so a manual sync never
 * overlaps the worker's (or another member's click). A sync already running is not an error: its
 * results land when it ends.
 */
export async function syncNow({ audit }: ServiceContext, input: z.infer<typeof accountIdInput>): Promise<ServiceOutcome<null>> {
  const account = await findLiveAccount(input.accountId);
  const target = { targetType: "cloud_account", targetId: account.id, target: account.name };
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set; start Batchdeck with `npm start`, which provides it.");
  try {
    const report = await whileHoldingAccountLock(connectionString, account.id, () => syncAccount(account.id), () => undefined);
    if (report === null) {
      return {
        data: null,
        message: `A sync of ${account.name} is running now; its results appear when it ends.`,
        audited: await audit(db(), { ...target, detail: { skipped: "a sync of this account was already running" } }),
      };
    }
    return {
      data: null,
      message: `${account.name}: synced ${report.jobs} job(s) and ${report.executions} execution(s).`,
      // The sync commits page by page as it goes; the record follows it.
      audited: await audit(db(), { ...target, detail: { ...report } }),
    };
  } catch (error) {
    throw toAppError(error);
  }
}
