import type { z } from "zod";
import { providerFor } from "@/lib/catalog/provider-account";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { asAppError, findLiveAccount } from "./find";
import type { accountIdInput } from "./schemas";

export async function testConnection(_ctx: ServiceContext, input: z.infer<typeof accountIdInput>): Promise<ServiceOutcome<null>> {
  const account = await findLiveAccount(input.accountId);
  try {
    const report = await providerFor(account).testConnection();
    return { data: null, message: `${account.name}: connected. ${report.detail}`, audit: { targetType: "cloud_account", targetId: account.id, target: account.name } };
  } catch (error) {
    throw asAppError(error);
  }
}
