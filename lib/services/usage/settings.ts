import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { formatMoney, parseRate, parseUsd, USD } from "@/lib/usage/currency";
import { grantHolderKey } from "@/lib/usage/grant-holder";

// An owner's money settings: a monthly budget per grant holder (in USD; blank removes it) and the rate
// each other currency is shown at. Amounts are read as exact decimals into integer micro-units.

export const setBudgetInput = z.object({
  holderKey: z.string().regex(/^(group|account):.+$/, "Pick an account or billing group from the list."),
  amount: z
    .string()
    .trim()
    .max(20, "That amount is too long: write it in US dollars, e.g. 25 or 25.50.")
    .refine((v) => v === "" || parseUsd(v) !== null, "Write the budget in US dollars, e.g. 25 or 25.50, or leave it blank to remove it."),
});

export const setRateInput = z.object({
  currency: z.enum(["JPY", "EUR"], { message: "Pick JPY or EUR: amounts are kept in USD." }),
  rate: z
    .string()
    .trim()
    .refine((v) => parseRate(v) !== null, "Write how many units of the currency one US dollar buys, e.g. 155.25 (at most six decimals)."),
});

/** The holder's name as the usage page shows it, or a clear error when no account holds that key. */
async function holderName(key: string): Promise<string> {
  const accounts = await db().cloudAccount.findMany({ select: { id: true, name: true, billingGroup: true } });
  const holder = accounts.filter((a) => grantHolderKey(a) === key);
  if (holder.length === 0) throw new AppError("not_found", "No account or billing group has that name any more. Reload the page and pick it again.");
  return key.startsWith("group:") ? `billing group ${key.slice("group:".length)}` : holder[0]!.name;
}

export async function setBudget({ actor, audit }: ServiceContext, input: z.infer<typeof setBudgetInput>): Promise<ServiceOutcome<{ monthlyMicros: string | null }>> {
  const name = await holderName(input.holderKey);
  const micros = input.amount === "" ? null : parseUsd(input.amount)!;
  const audited = await db().$transaction(async (tx) => {
    const before = await tx.usageBudget.findUnique({ where: { holderKey: input.holderKey } });
    if (micros === null) await tx.usageBudget.deleteMany({ where: { holderKey: input.holderKey } });
    else
      await tx.usageBudget.upsert({
        where: { holderKey: input.holderKey },
        create: { holderKey: input.holderKey, monthlyMicros: micros, setBy: actor.email },
        update: { monthlyMicros: micros, setBy: actor.email, setAt: new Date() },
      });
    return audit(tx, {
      targetType: "grant_holder",
      targetId: input.holderKey,
      target: name,
      detail: { monthlyMicrosBefore: before ? String(before.monthlyMicros) : null, monthlyMicros: micros === null ? null : String(micros) },
    });
  });
  const message = micros === null ? `The budget of ${name} is removed.` : `The monthly budget of ${name} is ${formatMoney(micros, USD)}.`;
  return { data: { monthlyMicros: micros === null ? null : String(micros) }, message, audited };
}

export async function setRate({ actor, audit }: ServiceContext, input: z.infer<typeof setRateInput>): Promise<ServiceOutcome<{ perUsdMillionths: string }>> {
  const rate = parseRate(input.rate)!;
  const audited = await db().$transaction(async (tx) => {
    const before = await tx.currencyRate.findUnique({ where: { currency: input.currency } });
    await tx.currencyRate.upsert({
      where: { currency: input.currency },
      create: { currency: input.currency, perUsdMillionths: rate, setBy: actor.email },
      update: { perUsdMillionths: rate, setBy: actor.email, setAt: new Date() },
    });
    return audit(tx, {
      targetType: "currency_rate",
      targetId: input.currency,
      target: input.currency,
      detail: { perUsdMillionthsBefore: before ? String(before.perUsdMillionths) : null, perUsdMillionths: String(rate) },
    });
  });
  return { data: { perUsdMillionths: String(rate) }, message: `Amounts in ${input.currency} are shown at ${input.rate.trim()} per US dollar from now on.`, audited };
}
