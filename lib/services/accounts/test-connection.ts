import type { z } from "zod";
import { db } from "@/lib/db/client";
import { providerFor } from "@/lib/catalog/provider-account";
import { toAppError } from "@/lib/errors";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { findLiveAccount } from "./find";
import type { accountIdInput } from "./schemas";

export async function testConnection({ audit }: ServiceContext, input: z.infer<typeof accountIdInput>): Promise<ServiceOutcome<null>> {
  const account = await findLiveAccount(input.accountId);
  try {
    const report = await providerFor(account).testConnection();
    // A test changes nothing, so there is no transaction to join.
    const audited = await audit(db(), { targetType: "cloud_account", targetId: account.id, target: account.name });
    return { data: null, message: `${account.name}: connected. ${report.detail}`, audited };
  } catch (error) {
    throw toAppError(error);
  }
}
