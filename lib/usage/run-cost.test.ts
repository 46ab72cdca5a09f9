import { describe, expect, it } from "vitest";
import type { Cloud } from "@/lib/providers/types";
import { billingRules, effectivePrice, perMillisecondScaled, type BillingRules, type PriceOverride } from "./price-book";
import { runCosts, type PricedRun } from "./run-cost";

// Costs in micro-USD, every figure worked out by hand in the comments.

function rates(cloud: Cloud, region: string | null, architecture: string | null = null, overrides: PriceOverride[] = []) {
  const vcpu = effectivePrice(cloud, "vcpu-second", region, architecture, overrides)!;
  const gib = effectivePrice(cloud, "gib-second", region, architecture, overrides)!;
  return { vcpuRate: perMillisecondScaled(vcpu), gibRate: perMillisecondScaled(gib) };
}

let serial = 0;
function run(cloud: Cloud, start: string, end: string | null, milliVcpu: number | null, memoryMiB: number | null, more: Partial<PricedRun> = {}): PricedRun {
  return { id: `r${serial++}`, holder: `${cloud} account:a`, startedAt: new Date(start), endedAt: end ? new Date(end) : null, milliVcpu, memoryMiB, ...rates(cloud, "us-east-1"), rules: billingRules(cloud), ...more };
}
const noGrant = (cloud: Cloud): BillingRules => ({ ...billingRules(cloud), grantVcpuMs: 0n, grantGibMs: 0n });

describe("the cost of one run (hand-computed)", () => {
  it("Container Apps: 1 vCPU and 2 GiB for 90.25 s bill 91 s: 91 × 24 + 182 × 3 = 2,730 µ$ once the grant is spent", () => {
    const r = run("azure", "2026-11-10T00:00:00.000Z", "2026-11-10T00:01:30.250Z", 1000, 2048, { ...rates("azure", "eastus"), rules: noGrant("azure") });
    expect(runCosts([r])).toEqual(new Map([[r.id, 2730n]]));
  });

  it("Cloud Run: 10.01 s bills 10.1 s: 1 vCPU × 10.1 × 18 + 0.5 GiB × 10.1 × 2 = 191.9, rounded half up to 192 µ$", () => {
    const r = run("gcp", "2026-11-10T00:00:00.000Z", "2026-11-10T00:00:10.010Z", 1000, 512, { ...rates("gcp", "us-central1"), rules: noGrant("gcp") });
    expect(runCosts([r])).toEqual(new Map([[r.id, 192n]]));
  });

  it("Fargate: a 20 s task bills the one-minute minimum; 61.2 s bills 62 s; ARM is cheaper", () => {
    // 0.25 vCPU, 0.5 GB for 60 s: 15 vCPU-s × 40,480/3600 + 30 GB-s × 4,445/3600 = 740,550/3600 = 205.708… → 206 µ$.
    const short = run("aws", "2026-11-10T00:00:00Z", "2026-11-10T00:00:20Z", 250, 512);
    // 62 s: (15.5 × 40,480 + 31 × 4,445)/3600 = 765,235/3600 = 212.565… → 213 µ$.
    const longer = run("aws", "2026-11-10T00:00:00Z", "2026-11-10T00:01:01.200Z", 250, 512);
    // 0.5 vCPU, 1 GB, 61 s: (30.5 × 40,480 + 61 × 4,445)/3600 = 1,505,785/3600 = 418.27… → 418 µ$.
    const down = run("aws", "2026-11-10T00:00:00Z", "2026-11-10T00:01:01Z", 500, 1024);
    // ARM64, 60 s minimum: (15 × 32,380 + 30 × 3,560)/3600 = 592,500/3600 = 164.58… → 165 µ$.
    const arm = run("aws", "2026-11-10T00:00:00Z", "2026-11-10T00:00:20Z", 250, 512, rates("aws", "us-east-1", "ARM64"));
    expect(runCosts([short, longer, down, arm])).toEqual(new Map([[short.id, 206n], [longer.id, 213n], [down.id, 418n], [arm.id, 165n]]));
  });

  it("is null while running or when the allocation is unknown, and 0 inside the grant", () => {
    const running = run("azure", "2026-11-10T00:00:00Z", null, 1000, 1024);
    const unknown = run("azure", "2026-11-10T00:00:00Z", "2026-11-10T00:01:00Z", null, 1024);
    const free = run("azure", "2026-11-10T00:00:00Z", "2026-11-10T00:01:00Z", 1000, 1024);
    expect(runCosts([running, unknown, free])).toEqual(new Map([[running.id, null], [unknown.id, null], [free.id, 0n]]));
  });
});

describe("the free grant, consumed per grant holder and month in execution order (hand-computed)", () => {
  // A small grant so the figures stay readable: 100 vCPU-s and 200 GiB-s a month; Cloud Run Tier 1 prices
  // (18 µ$ per vCPU-s, 2 µ$ per GiB-s).
  const rules: BillingRules = { ...billingRules("gcp"), grantVcpuMs: 100_000n, grantGibMs: 200_000n };
  const lab = "gcp group:lab";
  const at = (id: string, start: string, end: string, milliVcpu: number, memoryMiB: number, holder = lab): PricedRun =>
    ({ id, holder, startedAt: new Date(start), endedAt: new Date(end), milliVcpu, memoryMiB, ...rates("gcp", "us-central1"), rules });
  // Project B at 10:00 on Nov 30: 60 vCPU-s, 120 GiB-s. Project A across midnight into December: 60 s in
  // each month, 1 vCPU and 1 GiB. Project A on Dec 1: 60 vCPU-s, 240 GiB-s.
  const p2 = at("p2", "2026-11-30T10:00:00Z", "2026-11-30T10:01:00Z", 1000, 2048);
  const p1 = at("p1", "2026-11-30T23:59:00Z", "2026-12-01T00:01:00Z", 1000, 1024);
  const p3 = at("p3", "2026-12-01T00:00:30Z", "2026-12-01T00:01:30Z", 1000, 4096);

  it("shares one grant across two projects of a billing account, and splits a run at the month boundary", () => {
    // November: p2 free (60 ≤ 100, 120 ≤ 200); p1's November part: 60 + 60 = 120 vCPU-s → 20 beyond × 18 = 360;
    // 180 GiB-s ≤ 200 free. December: p1's part first (it started earlier): free; p3: 60 + 60 → 20 × 18 = 360,
    // 60 + 240 = 300 GiB-s → 100 × 2 = 200: 560.
    expect(runCosts([p3, p1, p2])).toEqual(new Map([["p3", 560n], ["p1", 360n], ["p2", 0n]]));
    // The same runs with project B on its own: p1's November part fits in A's grant.
    expect(runCosts([p3, p1, { ...p2, holder: "gcp account:b" }])).toEqual(new Map([["p3", 560n], ["p1", 0n], ["p2", 0n]]));
  });

  it("a late-synced older run re-prices what followed it in its month, not the next month", () => {
    // Nov 1, 100 s of 1 vCPU and 1 GiB: the whole vCPU grant and 100 GiB-s. Then p2: 60 × 18 = 1,080 and
    // (220 − 200) × 2 = 40 → 1,120; p1's November part: 60 × 18 = 1,080 and 60 × 2 = 120 → 1,200.
    const p0 = at("p0", "2026-11-01T00:00:00Z", "2026-11-01T00:01:40Z", 1000, 1024);
    expect(runCosts([p3, p1, p2, p0])).toEqual(new Map([["p3", 560n], ["p1", 1200n], ["p2", 1120n], ["p0", 0n]]));
  });

  it("orders runs that start together by id", () => {
    const a = at("a", "2026-11-05T00:00:00Z", "2026-11-05T00:01:40Z", 1000, 1024);
    const b = at("b", "2026-11-05T00:00:00Z", "2026-11-05T00:00:10Z", 1000, 1024);
    // a takes the whole vCPU grant; b pays 10 × 18 = 180.
    expect(runCosts([b, a])).toEqual(new Map([["b", 180n], ["a", 0n]]));
  });
});

describe("the price book", () => {
  it("uses the region's price, falls back to the reference region flagged as an estimate, and lets an owner override", () => {
    expect(effectivePrice("gcp", "vcpu-second", "europe-west3", null, [])).toMatchObject({ nanoUsd: 25_200n, estimate: false, overridden: false });
    expect(effectivePrice("gcp", "vcpu-second", "mars-north1", null, [])).toMatchObject({ nanoUsd: 18_000n, estimate: true, overridden: false });
    expect(effectivePrice("azure", "vcpu-second", "East US", null, [])).toMatchObject({ nanoUsd: 24_000n, estimate: false });
    expect(effectivePrice("aws", "gib-second", null, "ARM64", [])).toMatchObject({ nanoUsd: 3_560_000n, unit: "GB-hour", estimate: true });
    const overrides: PriceOverride[] = [
      { cloud: "aws", meter: "vcpu-second", region: "*", architecture: "", nanoUsd: 30_000_000n },
      { cloud: "aws", meter: "vcpu-second", region: "eu-west-1", architecture: "ARM64", nanoUsd: 20_000_000n },
    ];
    expect(effectivePrice("aws", "vcpu-second", "eu-west-1", "ARM64", overrides)).toMatchObject({ nanoUsd: 20_000_000n, overridden: true, estimate: false });
    expect(effectivePrice("aws", "vcpu-second", "eu-west-1", null, overrides)).toMatchObject({ nanoUsd: 30_000_000n, overridden: true });
    expect(effectivePrice("gcp", "operation", "us-central1", null, [])).toBeNull();
  });

  it("grants and steps come from the free tiers: Cloud Run 240,000 vCPU-s and 450,000 GiB-s by 100 ms, Fargate none with a minute's minimum", () => {
    expect(billingRules("gcp")).toEqual({ stepMs: 100, minimumMs: 0, grantVcpuMs: 240_000_000n, grantGibMs: 450_000_000n });
    expect(billingRules("azure")).toEqual({ stepMs: 1000, minimumMs: 0, grantVcpuMs: 180_000_000n, grantGibMs: 360_000_000n });
    expect(billingRules("aws")).toEqual({ stepMs: 1000, minimumMs: 60_000, grantVcpuMs: 0n, grantGibMs: 0n });
  });
});
