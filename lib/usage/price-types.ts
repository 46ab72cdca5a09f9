// The shape of a cloud's price list (lib/providers/<cloud>/prices.ts holds the figures, each with its
// source and the date it was checked; lib/usage/free-tiers.ts gathers them per cloud).

/**
 * What a price is for. Executions are billed on `vcpu-second` and `gib-second` (jobs); `service-*` are
 * request-based services' compute rates (shown, not applied to runs); `request` and `operation` are
 * counted per account and day into usage_samples.
 */
export const METERS = ["vcpu-second", "gib-second", "service-vcpu-second", "service-gib-second", "request", "operation"] as const;
export type Meter = (typeof METERS)[number];

/** The vendor's unit, as its pricing page prints it. */
export type PriceUnit = "vCPU-second" | "GiB-second" | "vCPU-hour" | "GB-hour" | "million requests" | "million operations";

/** How many of the meter's base quantity (seconds of one vCPU or GiB, or counts) one unit holds. */
export const UNIT_SIZE: Record<PriceUnit, number> = {
  "vCPU-second": 1,
  "GiB-second": 1,
  "vCPU-hour": 3600,
  "GB-hour": 3600,
  "million requests": 1_000_000,
  "million operations": 1_000_000,
};

export interface PriceEntry {
  meter: Meter;
  /** What the figure prices, in the vendor's words, e.g. "Jobs (instance-based billing), tier 1". */
  what: string;
  /** The regions (the cloud's own names) where this figure applies. */
  regions: readonly string[];
  /** The CPU architecture it applies to (Fargate: "X86_64" or "ARM64"); null: every architecture. */
  architecture: string | null;
  /** The figure as the vendor prints it, in USD per `unit`. */
  usd: string;
  unit: PriceUnit;
  /** `usd` in nano-USD (1 USD = 1e9), an integer: the arithmetic never touches floats. */
  nanoUsd: number;
  source: string;
  /** YYYY-MM-DD the figure was checked against `source`. */
  checked: string;
  /** Set when the figure could not be verified on the vendor's own page: says what was seen instead. */
  unverified?: string;
}

export interface CloudPricing {
  /** The product the prices are for, e.g. "Azure Container Apps (consumption plan)". */
  product: string;
  /** Whose price a run in a region the list does not name is charged at, flagged as an estimate. */
  referenceRegion: string;
  /** A run's billed time (rounded up to FREE_TIERS' roundingMs, 1 s without a grant) is raised to at least this. */
  minimumMs: number;
  entries: readonly PriceEntry[];
}

/** "0.000018" → 18000 nano-USD; throws on a figure finer than a nano-dollar (a typo, not a price). */
export function nanoUsdOf(usd: string): number {
  const match = /^(\d+)(?:\.(\d{1,9}))?$/.exec(usd);
  if (!match) throw new Error(`price "${usd}" is not a USD figure with at most 9 decimals`);
  return Number(match[1]) * 1e9 + Number((match[2] ?? "").padEnd(9, "0"));
}

/** An entry with its nano-USD figure computed from the printed one, so the two never disagree. */
export function price(entry: Omit<PriceEntry, "nanoUsd">): PriceEntry {
  return { ...entry, nanoUsd: nanoUsdOf(entry.usd) };
}
