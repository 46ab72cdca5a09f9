import { price, type CloudPricing } from "@/lib/usage/price-types";

// Azure Container Apps (consumption plan) and Service Bus Basic, in USD. Checked 2026-11-30 with the
// vendors' pages as stored for search. Container Apps bills per second, jobs at the active rate, with
// 180,000 vCPU-s, 360,000 GiB-s and 2 million requests free per subscription per calendar month
// (https://learn.microsoft.com/azure/container-apps/billing, verified). Its USD unit prices are on
// https://azure.microsoft.com/pricing/details/container-apps/, whose stored copy renders every figure as
// "$-" (the page fills them in by script): the three rates below are the East US list prices as
// published there and could not be read back from the vendor's page, so each says so.

const CHECKED = "2026-11-30";
const ACA = "https://azure.microsoft.com/pricing/details/container-apps/";
const SCRIPT_RENDERED = "the vendor's pricing page renders its USD figures by script; not readable in the copy checked";

export const AZURE_PRICES: CloudPricing = {
  product: "Azure Container Apps (consumption plan) and Service Bus Basic",
  referenceRegion: "eastus",
  minimumMs: 0,
  entries: [
    // Jobs are billed at the active rate (billing page: "jobs run replicas when job executions are triggered").
    price({ meter: "vcpu-second", what: "vCPU, active usage (apps and jobs)", regions: ["eastus"], architecture: null, usd: "0.000024", unit: "vCPU-second", source: ACA, checked: CHECKED, unverified: SCRIPT_RENDERED }),
    price({ meter: "gib-second", what: "Memory, active usage (apps and jobs)", regions: ["eastus"], architecture: null, usd: "0.000003", unit: "GiB-second", source: ACA, checked: CHECKED, unverified: SCRIPT_RENDERED }),
    price({ meter: "request", what: "HTTP requests beyond the free 2 million", regions: ["eastus"], architecture: null, usd: "0.40", unit: "million requests", source: ACA, checked: CHECKED, unverified: SCRIPT_RENDERED }),
    // "An operation is any API call to the Service Bus service" (verified on the page). The Basic tier's
    // USD figure renders as "$-" there too; Azure China's page (https://www.azure.cn/en-us/pricing/details/service-bus/)
    // prints Basic at CNY 0.31 per million operations, about USD 0.04, which agrees with this figure.
    price({ meter: "operation", what: "Service Bus Basic operations", regions: ["eastus"], architecture: null, usd: "0.05", unit: "million operations", source: "https://azure.microsoft.com/pricing/details/service-bus/", checked: CHECKED, unverified: `${SCRIPT_RENDERED}; Azure China's CNY 0.31 per million agrees` }),
  ],
};
