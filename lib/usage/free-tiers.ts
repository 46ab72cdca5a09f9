import type { Cloud } from "@/lib/providers/types";
import { AWS_PRICES } from "@/lib/providers/aws/prices";
import { AZURE_PRICES } from "@/lib/providers/azure/prices";
import { GCP_PRICES } from "@/lib/providers/gcp/prices";
import type { CloudPricing } from "./price-types";

// Monthly free grants, per the vendors' billing pages. Each figure names its source and the date it
// was checked; a cloud whose grant isn't recorded here shows usage without a grant.

export interface FreeTier {
  /** Per calendar month (UTC). */
  vcpuSeconds: number;
  gibSeconds: number;
  requests: number | null;
  /** What the grant is counted over, in the vendor's words. */
  scope: string;
  /** Seconds are billed rounded up to this many milliseconds. */
  roundingMs: number;
  source: string;
  checked: string;
}

export const FREE_TIERS: Record<Cloud, FreeTier | null> = {
  // "The first 180,000 vCPU-seconds and 360,000 GiB-seconds in each subscription per calendar month are
  // free"; 2 million HTTP requests; billed per second; jobs are billed at the active rate.
  azure: {
    vcpuSeconds: 180_000,
    gibSeconds: 360_000,
    requests: 2_000_000,
    scope: "per subscription, per calendar month",
    roundingMs: 1_000,
    source: "https://learn.microsoft.com/azure/container-apps/billing",
    checked: "2026-11-25",
  },
  // Fargate has no free tier.
  aws: null,
  // Cloud Run jobs (instance-based billing): 240,000 vCPU-s and 450,000 GiB-s per billing account per
  // month; rounded up to 100 ms. Services billed per request: "2 million requests free per month".
  gcp: {
    vcpuSeconds: 240_000,
    gibSeconds: 450_000,
    requests: 2_000_000,
    scope: "per billing account, per calendar month (instance-based billing, jobs)",
    roundingMs: 100,
    source: "https://cloud.google.com/run/pricing",
    checked: "2026-11-25",
  },
};

/**
 * What the Usage page says of a cloud with no grant at all, plainly. Fargate: "With AWS Fargate, there
 * are no upfront costs and you pay only for the resources you use" — vCPU, memory and storage per
 * second, one-minute minimum, no free tier (https://aws.amazon.com/fargate/pricing/, checked 2026-11-30).
 */
export const NO_FREE_TIER: Partial<Record<Cloud, string>> = {
  aws: "AWS Fargate has no free tier: every vCPU-second and GB-second of a task is billed, from the first run (aws.amazon.com/fargate/pricing)",
};

/**
 * Each cloud's price list (per region, architecture and meter, each figure with its source, the date it
 * was checked and, where it could not be verified on the vendor's page, what was seen instead). The
 * figures live in the cloud's own folder; read them through lib/usage/price-book.ts.
 */
export const PRICE_LISTS: Record<Cloud, CloudPricing> = {
  azure: AZURE_PRICES,
  aws: AWS_PRICES,
  gcp: GCP_PRICES,
};

/** The vendors' own pricing pages, linked from the how-it-is-computed page (app/(app)/usage/how). */
export const PRICING_PAGES: readonly { title: string; href: string }[] = [
  { title: "Azure Container Apps billing (per second, the monthly free grant per subscription)", href: "https://learn.microsoft.com/azure/container-apps/billing" },
  { title: "Azure Container Apps pricing, by region", href: "https://azure.microsoft.com/pricing/details/container-apps/" },
  { title: "Azure Service Bus pricing (Basic: per million operations)", href: "https://azure.microsoft.com/pricing/details/service-bus/" },
  { title: "Google Cloud Run pricing (100 ms rounding, free tier per billing account)", href: "https://cloud.google.com/run/pricing" },
  { title: "AWS Fargate pricing (per second, one-minute minimum, by region and architecture)", href: "https://aws.amazon.com/fargate/pricing/" },
];
