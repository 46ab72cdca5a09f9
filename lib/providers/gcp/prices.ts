import { price, type CloudPricing } from "@/lib/usage/price-types";

// Cloud Run, in USD, from https://cloud.google.com/run/pricing (checked 2026-11-30 as stored for search):
// "rounded up to the nearest 100 millisecond"; the free tier "is aggregated across projects by billing
// account and resets every month ... applied as a spending based discount using Tier 1 pricing" (so a
// Tier 2 run consumes the grant at Tier 1 prices; we count the grant in vCPU-s and GiB-s, which agrees
// for Tier 1 regions and under-counts the grant's reach in Tier 2 ones). Jobs share the rates of
// instance-based billing; request-based services pay per request on top.
// Verified on the page: jobs' CPU $0.00001800 per vCPU-second and request-based CPU $0.00002400 per
// vCPU-second (Tier 1). The page's tables were cut short in the copy checked: the other figures are the
// published list prices but could not be read back there, and each says so.

const CHECKED = "2026-11-30";
const PAGE = "https://cloud.google.com/run/pricing";
const CUT = "the vendor's table was cut short in the copy checked; not read back there";

/** Tier 1 and Tier 2 regions as Google lists them (https://cloud.google.com/functions/docs/locations, checked 2026-11-30; Cloud Run uses the same tiers). */
const TIER_1 = ["asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "europe-west1", "europe-west2", "us-central1", "us-east1", "us-east4", "us-west1"];
const TIER_2 = [
  "asia-northeast3", "asia-southeast1", "asia-southeast2", "asia-south1", "australia-southeast1", "europe-central2", "europe-west3", "europe-west6",
  "northamerica-northeast1", "southamerica-east1", "us-west2", "us-west3", "us-west4",
];

export const GCP_PRICES: CloudPricing = {
  product: "Google Cloud Run",
  referenceRegion: "us-central1",
  minimumMs: 0,
  entries: [
    price({ meter: "vcpu-second", what: "Jobs (instance-based billing) CPU, Tier 1", regions: TIER_1, architecture: null, usd: "0.000018", unit: "vCPU-second", source: PAGE, checked: CHECKED }),
    price({ meter: "gib-second", what: "Jobs (instance-based billing) memory, Tier 1", regions: TIER_1, architecture: null, usd: "0.000002", unit: "GiB-second", source: PAGE, checked: CHECKED, unverified: CUT }),
    price({ meter: "vcpu-second", what: "Jobs (instance-based billing) CPU, Tier 2", regions: TIER_2, architecture: null, usd: "0.0000252", unit: "vCPU-second", source: PAGE, checked: CHECKED, unverified: CUT }),
    price({ meter: "gib-second", what: "Jobs (instance-based billing) memory, Tier 2", regions: TIER_2, architecture: null, usd: "0.0000028", unit: "GiB-second", source: PAGE, checked: CHECKED, unverified: CUT }),
    price({ meter: "service-vcpu-second", what: "Services (request-based billing) CPU, Tier 1", regions: TIER_1, architecture: null, usd: "0.000024", unit: "vCPU-second", source: PAGE, checked: CHECKED }),
    price({ meter: "service-gib-second", what: "Services (request-based billing) memory, Tier 1", regions: TIER_1, architecture: null, usd: "0.0000025", unit: "GiB-second", source: PAGE, checked: CHECKED, unverified: CUT }),
    price({ meter: "service-vcpu-second", what: "Services (request-based billing) CPU, Tier 2", regions: TIER_2, architecture: null, usd: "0.0000336", unit: "vCPU-second", source: PAGE, checked: CHECKED, unverified: CUT }),
    price({ meter: "service-gib-second", what: "Services (request-based billing) memory, Tier 2", regions: TIER_2, architecture: null, usd: "0.0000035", unit: "GiB-second", source: PAGE, checked: CHECKED, unverified: CUT }),
    price({ meter: "request", what: "Services (request-based billing) requests beyond the free 2 million", regions: [...TIER_1, ...TIER_2], architecture: null, usd: "0.40", unit: "million requests", source: PAGE, checked: CHECKED, unverified: CUT }),
  ],
};
