import { price, type CloudPricing } from "@/lib/usage/price-types";

// AWS Fargate (Linux), in USD, per vCPU-hour and GB-hour (GB as in the task's memory, 1024 MiB),
// by region and architecture. https://aws.amazon.com/fargate/pricing/ (checked 2026-11-30): billed
// "rounded up to the nearest second", "a 1-minute minimum", no free tier (verified). The page's rate
// tables render by script and were not readable in the copy checked; its older Japanese copy groups
// US East (N. Virginia), US East (Ohio), US West (Oregon) and Europe (Ireland) under one price, as
// below. The us-east-1 figures were checked against https://www.vantage.sh/blog/fargate-pricing
// (third party, 2026-11-30); the Tokyo figures are the published list prices, not read back anywhere.

const CHECKED = "2026-11-30";
const PAGE = "https://aws.amazon.com/fargate/pricing/";
const THIRD_PARTY = "the vendor's rate table renders by script; figure matched on vantage.sh/blog/fargate-pricing, not on the vendor's page";
const NOT_READ = "the vendor's rate table renders by script; published list price, not read back on any page checked";
const GROUP = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1"];
const TOKYO = ["ap-northeast-1"];

export const AWS_PRICES: CloudPricing = {
  product: "AWS Fargate (Linux)",
  referenceRegion: "us-east-1",
  minimumMs: 60_000,
  entries: [
    price({ meter: "vcpu-second", what: "vCPU, Linux/x86", regions: GROUP, architecture: "X86_64", usd: "0.04048", unit: "vCPU-hour", source: PAGE, checked: CHECKED, unverified: THIRD_PARTY }),
    price({ meter: "gib-second", what: "Memory, Linux/x86", regions: GROUP, architecture: "X86_64", usd: "0.004445", unit: "GB-hour", source: PAGE, checked: CHECKED, unverified: THIRD_PARTY }),
    price({ meter: "vcpu-second", what: "vCPU, Linux/ARM", regions: GROUP, architecture: "ARM64", usd: "0.03238", unit: "vCPU-hour", source: PAGE, checked: CHECKED, unverified: THIRD_PARTY }),
    price({ meter: "gib-second", what: "Memory, Linux/ARM", regions: GROUP, architecture: "ARM64", usd: "0.00356", unit: "GB-hour", source: PAGE, checked: CHECKED, unverified: THIRD_PARTY }),
    price({ meter: "vcpu-second", what: "vCPU, Linux/x86", regions: TOKYO, architecture: "X86_64", usd: "0.05056", unit: "vCPU-hour", source: PAGE, checked: CHECKED, unverified: NOT_READ }),
    price({ meter: "gib-second", what: "Memory, Linux/x86", regions: TOKYO, architecture: "X86_64", usd: "0.00553", unit: "GB-hour", source: PAGE, checked: CHECKED, unverified: NOT_READ }),
    price({ meter: "vcpu-second", what: "vCPU, Linux/ARM", regions: TOKYO, architecture: "ARM64", usd: "0.04045", unit: "vCPU-hour", source: PAGE, checked: CHECKED, unverified: NOT_READ }),
    price({ meter: "gib-second", what: "Memory, Linux/ARM", regions: TOKYO, architecture: "ARM64", usd: "0.00442", unit: "GB-hour", source: PAGE, checked: CHECKED, unverified: NOT_READ }),
  ],
};
