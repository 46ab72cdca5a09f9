import type { Cloud } from "@/lib/providers/types";
import { FREE_TIERS, PRICE_LISTS } from "./free-tiers";
import { UNIT_SIZE, type Meter, type PriceEntry, type PriceUnit } from "./price-types";

// The price book: what a meter costs for a cloud, region and architecture, the book's figure or an
// owner's override (table price_overrides). What the usage screens can use:
//   PRICE_LISTS (./free-tiers)       every cloud's entries (./price-types PriceEntry): meter, what, regions,
//                                    architecture, usd + unit, nanoUsd, source, checked, unverified (set where
//                                    the vendor's page did not show the figure); referenceRegion, minimumMs
//   FREE_TIERS (./free-tiers)        the monthly grants (vCPU-s, GiB-s, requests), scope, billing step
//   effectivePrice(...)              the price that applies, with `estimate` (a region the book lacks: the
//                                    reference region's figure) and `overridden`
//   billingRules(cloud)              the grant, step and minimum a run's cost is computed with
//   priceOverrides(actor) (lib/queries/prices.ts)  the owners' overrides, usd as printed
//   runCosts (./run-cost), sampleCosts (./sample-cost)  the rules, as code; Service Bus operations'
//                                    estimate: lib/providers/<that cloud>/servicebus-operations.ts
// Stored: executions.cost_micros, job_daily_rollups.cost_micros, usage_samples.cost_micros (micro-USD),
// kept by the sync (lib/sync/save-executions.ts, save-requests.ts) and repriceAll (./reprice.ts).
// Money is integers: prices in nano-USD per unit, costs in micro-USD. The owners' page: /usage/prices.

export interface PriceOverride {
  cloud: Cloud;
  meter: Meter;
  /** A region as the cloud names it, or "*" for every region of the cloud. */
  region: string;
  /** "" for any architecture. */
  architecture: string;
  nanoUsd: bigint;
}

export interface EffectivePrice {
  nanoUsd: bigint;
  unit: PriceUnit;
  /** The book's entry the price comes from (the reference region's when `estimate`). */
  entry: PriceEntry;
  /** The region is not in the book: the reference region's figure stands in. */
  estimate: boolean;
  overridden: boolean;
}

/** The architecture a run gets when the catalog does not say: Fargate's default. */
export const DEFAULT_ARCHITECTURE = "X86_64";

/** Regions compared loosely: ARM reports "East US" or "eastus" alike. */
export const normalRegion = (region: string) => region.toLowerCase().replace(/\s+/g, "");

const fits = (entry: PriceEntry, meter: Meter, region: string, architecture: string) =>
  entry.meter === meter && entry.regions.includes(region) && (entry.architecture === null || entry.architecture === architecture);

/**
 * The price of `meter` for a run or request in `region` (null: unknown) on `architecture` (null:
 * X86_64): the most specific override (region and architecture, region, every region) or the book's
 * figure; null when the cloud has no such meter.
 */
export function effectivePrice(cloud: Cloud, meter: Meter, region: string | null, architecture: string | null, overrides: readonly PriceOverride[]): EffectivePrice | null {
  const list = PRICE_LISTS[cloud];
  const arch = architecture ?? DEFAULT_ARCHITECTURE;
  const wanted = region === null ? null : normalRegion(region);
  const exact = wanted === null ? undefined : list.entries.find((e) => fits(e, meter, wanted, arch));
  const entry = exact ?? list.entries.find((e) => fits(e, meter, list.referenceRegion, arch));
  if (!entry) return null;
  const mine = overrides.filter((o) => o.cloud === cloud && o.meter === meter);
  const override =
    mine.find((o) => o.region === wanted && o.architecture === arch) ??
    mine.find((o) => o.region === wanted && o.architecture === "") ??
    mine.find((o) => o.region === "*" && o.architecture === arch) ??
    mine.find((o) => o.region === "*" && o.architecture === "");
  if (override) return { nanoUsd: override.nanoUsd, unit: entry.unit, entry, estimate: false, overridden: true };
  return { nanoUsd: BigInt(entry.nanoUsd), unit: entry.unit, entry, estimate: !exact, overridden: false };
}

/** A time price per vCPU- or GiB-millisecond, scaled by COST_SCALE: an integer for per-second and per-hour units. */
export function perMillisecondScaled(price: EffectivePrice): bigint {
  // nano-USD per unit ÷ (unit seconds × 1000 ms) ÷ 1000 (nano → micro) = micro-USD per ms; × 3.6e9 keeps it whole.
  return (price.nanoUsd * 3600n) / BigInt(UNIT_SIZE[price.unit]);
}

/** Scaled costs ÷ COST_SCALE = micro-USD. */
export const COST_SCALE = 3_600_000_000n;

export interface BillingRules {
  stepMs: number;
  minimumMs: number;
  /** The monthly grant per grant holder, in vCPU-ms and GiB-ms (0 without a grant). */
  grantVcpuMs: bigint;
  grantGibMs: bigint;
}

export function billingRules(cloud: Cloud): BillingRules {
  const tier = FREE_TIERS[cloud];
  return {
    stepMs: tier?.roundingMs ?? 1000,
    minimumMs: PRICE_LISTS[cloud].minimumMs,
    grantVcpuMs: BigInt(tier?.vcpuSeconds ?? 0) * 1000n,
    grantGibMs: BigInt(tier?.gibSeconds ?? 0) * 1000n,
  };
}
