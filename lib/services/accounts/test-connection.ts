import type { z } from "zod";
import { serverEnv } from "@/lib/env";
import { providerAccountFor } from "@/lib/catalog/provider-account";
import { createProvider } from "@/lib/providers/registry";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { asAppError, findAccount } from "./find";
import type { accountIdInput } from "./schemas";

export async function testConnection(_ctx: ServiceContext, input: z.infer<typeof accountIdInput>): Promise<ServiceOutcome<null>> {
  const account = await findAccount(input.accountId);
  try {
    const report = await createProvider(providerAccountFor(account, serverEnv().BATCHDECK_ENCRYPTION_KEY!)).testConnection();
    return { data: null, message: `${account.name}: connected. ${report.detail}`, audit: { targetType: "cloud_account", targetId: account.id, target: account.name } };
  } catch (error) {
    throw asAppError(error);
  }
}
