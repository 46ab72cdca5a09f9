import { db } from "@/lib/db/client";
import type { Cloud } from "@/lib/providers/types";
import type { Actor } from "@/lib/services/context";
import { usdOf } from "@/lib/services/usage/set-price-override";
import { assertCan } from "./access";

// The owners' price overrides, for the price table (everyone signed in reads it; owners edit it).

export interface PriceOverrideRow {
  cloud: Cloud;
  meter: string;
  region: string;
  architecture: string;
  usd: string;
  updatedAt: Date;
}

export async function priceOverrides(actor: Actor): Promise<PriceOverrideRow[]> {
  assertCan(actor, "catalog:read");
  const rows = await db().priceOverride.findMany({ orderBy: [{ cloud: "asc" }, { meter: "asc" }, { region: "asc" }, { architecture: "asc" }] });
  return rows.map((r) => ({ cloud: r.cloud, meter: r.meter, region: r.region, architecture: r.architecture, usd: usdOf(r.nanoUsd), updatedAt: r.updatedAt }));
}
