import { z } from "zod";
import { db } from "@/lib/db/client";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { repriceAll, REPRICE_TIMEOUT } from "@/lib/usage/reprice";
import { findLiveAccount } from "./find";

// An owner puts accounts that share one free grant in one billing group (Google: the projects of one
// billing account; two Azure accounts on one subscription), or takes an account out (blank). Every run is
// re-priced in the same transaction: the grant each run consumed depends on who it was shared with.

export const setBillingGroupInput = z.object({
  accountId: z.string().min(1, "Missing account."),
  billingGroup: z
    .string()
    .trim()
    .max(64, "Keep the billing group's name under 64 characters.")
    .refine((v) => v === "" || /^[\w .:-]+$/.test(v), "Use letters, digits, spaces and . : _ - (e.g. the billing account's id, 0X0X0X-0X0X0X-0X0X0X).")
    .transform((v) => (v === "" ? null : v)),
});

export async function setBillingGroup({ audit }: ServiceContext, input: z.infer<typeof setBillingGroupInput>): Promise<ServiceOutcome<{ repriced: number }>> {
  const account = await findLiveAccount(input.accountId);
  return db().$transaction(async (tx) => {
    await tx.cloudAccount.update({ where: { id: account.id }, data: { billingGroup: input.billingGroup } });
    const repriced = await repriceAll(tx);
    const audited = await audit(tx, {
      targetType: "cloud_account",
      targetId: account.id,
      target: account.name,
      detail: { billingGroupBefore: account.billingGroup, billingGroup: input.billingGroup, repriced },
    });
    const where = input.billingGroup === null ? `${account.name} holds its own free grant` : `${account.name} shares the free grant of billing group ${input.billingGroup}`;
    return { data: { repriced }, message: `${where}; ${repriced.toLocaleString("en-US")} run${repriced === 1 ? "" : "s"} re-priced.`, audited };
  }, REPRICE_TIMEOUT);
}
