import { describe, expect, it } from "vitest";
import { effectivePrice } from "./price-book";
import { serviceBusOperations } from "@/lib/providers/azure/servicebus-operations";
import { sampleCosts, type PricedSample } from "./sample-cost";

const REQUESTS = 400_000_000n; // $0.40 per million, in nano-USD
const sample = (accountId: string, day: string, requests: bigint, more: Partial<PricedSample> = {}): PricedSample => ({
  accountId, day, holder: "gcp group:lab", requests, operations: 0n, requestPrice: REQUESTS, operationPrice: null, requestGrant: 2_000_000n, ...more,
});

describe("requests and operations per account and day (hand-computed)", () => {
  it("bills requests beyond the holder's monthly grant, day by day across its accounts", () => {
    const costs = sampleCosts([
      // Nov 1: 1 M, free. Nov 2: 2.5 M by the end of the day, 500,000 beyond × $0.40/M = $0.20 = 200,000 µ$.
      // Nov 3: all 1 M beyond: $0.40 = 400,000 µ$.
      sample("b", "2026-11-02", 1_500_000n),
      sample("a", "2026-11-01", 1_000_000n),
      sample("a", "2026-11-03", 1_000_000n),
      // A new month, a new grant.
      sample("a", "2026-12-01", 1_000_000n),
      // 1 request beyond: $0.0000004 = 0.4 µ$ → 0 (half up).
      sample("c", "2026-11-05", 2_000_001n, { holder: "gcp account:c" }),
    ]);
    expect(costs).toEqual(new Map([["a 2026-11-01", 0n], ["b 2026-11-02", 200_000n], ["a 2026-11-03", 400_000n], ["a 2026-12-01", 0n], ["c 2026-11-05", 0n]]));
  });

  it("seed 000: 394 requests over two weeks of a Service Bus queue-triggered job land near its ¥1.68", () => {
    // 394 messages × 3 operations + 14 days of polling every 30 s (40,320) = 41,502 operations.
    const operations = serviceBusOperations(394, 14);
    expect(operations).toBe(41_502n);
    const price = effectivePrice("azure", "operation", null, null, [])!.nanoUsd; // $0.05 per million
    const costs = sampleCosts([sample("sb", "2026-10-20", 394n, { holder: "azure account:sb", operations, operationPrice: price })]);
    // 41,502 × $0.05 / 1e6 = $0.0020751 → 2,075 µ$; the 394 requests are inside the 2 M grant.
    expect(costs.get("sb 2026-10-20")).toBe(2075n);
    // At 150 JPY per USD (the rate of late October 2023, when the seed was written): ¥0.31, a fifth of ¥1.68,
    // the same order of magnitude; the gap is the scale rule's polling, which the seed does not state.
    const yen = (Number(costs.get("sb 2026-10-20")) / 1e6) * 150;
    expect(yen).toBeCloseTo(0.311, 3);
    expect(1.68 / yen).toBeGreaterThan(1);
    expect(1.68 / yen).toBeLessThan(10);
  });
});
