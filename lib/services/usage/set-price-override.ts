import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { CLOUDS } from "@/lib/providers/types";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { PRICE_LISTS } from "@/lib/usage/free-tiers";
import { normalRegion } from "@/lib/usage/price-book";
import { METERS, nanoUsdOf } from "@/lib/usage/price-types";
import { repriceAll, REPRICE_TIMEOUT } from "@/lib/usage/reprice";

// An owner sets (or clears) the price of one meter of one cloud, for one region or all ("*"), and one
// architecture or any (""): a negotiated or regional rate. Every run is re-priced in the same
// transaction, so the costs shown never mix the old price and the new.

export const setPriceOverrideInput = z
  .object({
    cloud: z.enum(CLOUDS, { message: "Pick a cloud from the price table." }),
    meter: z.enum(METERS, { message: "Pick a meter from the price table." }),
    region: z
      .string()
      .trim()
      .transform((v) => (v === "*" ? v : normalRegion(v)))
      .pipe(z.string().regex(/^(\*|[a-z0-9-]{2,40})$/, "A region as the cloud names it (eastus, eu-west-1, us-central1), or * for every region.")),
    architecture: z.enum(["", "X86_64", "ARM64"], { message: "Architecture is X86_64, ARM64, or blank for any." }).default(""),
    /** USD per the book's unit; blank clears the override. */
    usd: z
      .string()
      .trim()
      .refine((v) => v === "" || /^\d+(\.\d{1,9})?$/.test(v), "A price in USD like 0.000024 (at most 9 decimals), or blank to go back to the book's price.")
      .refine((v) => v === "" || Number(v) < 1000, "That price is over 1,000 USD per unit: check the unit the table states."),
  })
  .refine((v) => PRICE_LISTS[v.cloud].entries.some((e) => e.meter === v.meter), { message: "This cloud has no such meter in the price book.", path: ["meter"] });

export interface PriceOverrideSaved {
  /** Runs whose cost changed. */
  repriced: number;
}

export async function setPriceOverride({ audit }: ServiceContext, input: z.infer<typeof setPriceOverrideInput>): Promise<ServiceOutcome<PriceOverrideSaved>> {
  const key = { cloud: input.cloud, meter: input.meter, region: input.region, architecture: input.architecture };
  const where = { cloud_meter_region_architecture: key };
  const label = `${input.cloud} ${input.meter} in ${input.region === "*" ? "every region" : input.region}${input.architecture ? ` (${input.architecture})` : ""}`;
  return db().$transaction(async (tx) => {
    const before = await tx.priceOverride.findUnique({ where });
    if (input.usd === "" && !before) throw new AppError("invalid", `${label} has no override to remove: it already uses the book's price.`);
    if (input.usd === "") await tx.priceOverride.delete({ where });
    else {
      const nanoUsd = BigInt(nanoUsdOf(input.usd));
      await tx.priceOverride.upsert({ where, create: { ...key, nanoUsd }, update: { nanoUsd } });
    }
    const repriced = await repriceAll(tx);
    const audited = await audit(tx, {
      targetType: "price_override",
      target: label,
      detail: { ...key, usdBefore: before ? usdOf(before.nanoUsd) : null, usd: input.usd === "" ? null : input.usd, repriced },
    });
    const message = input.usd === "" ? `${label} is back to the book's price` : `${label} is now ${input.usd} USD`;
    return { data: { repriced }, message: `${message}; ${repriced.toLocaleString("en-US")} run${repriced === 1 ? "" : "s"} re-priced.`, audited };
  }, REPRICE_TIMEOUT);
}

/** 24000n nano-USD → "0.000024". */
export function usdOf(nanoUsd: bigint): string {
  const whole = nanoUsd / 1_000_000_000n;
  const fraction = (nanoUsd % 1_000_000_000n).toString().padStart(9, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}
