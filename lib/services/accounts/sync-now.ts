import type { z } from "zod";
import { syncAccount } from "@/lib/sync/sync-account";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { asAppError, findLiveAccount } from "./find";
import type { accountIdInput } from "./schemas";

export async function syncNow(_ctx: ServiceContext, input: z.infer<typeof accountIdInput>): Promise<ServiceOutcome<null>> {
  const account = await findLiveAccount(input.accountId);
  try {
    const report = await syncAccount(account.id);
    return {
      data: null,
      message: `${account.name}: synced ${report.jobs} job(s) and ${report.executions} execution(s).`,
      audit: { targetType: "cloud_account", targetId: account.id, target: account.name, detail: { ...report } },
    };
  } catch (error) {
    throw asAppError(error);
  }
}
