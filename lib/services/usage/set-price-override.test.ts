import { describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "@/test/support/database";
import { ctxOf, memberActor } from "@/test/support/service-context";
import { insertRuns } from "@/test/support/runs";
import { AppError } from "@/lib/errors";
import { can, ROLES } from "@/lib/auth/roles";

useDemoEnv();
await useTestDatabase();

const { db } = await import("@/lib/db/client");
const { setPriceOverride, setPriceOverrideInput, usdOf } = await import("./set-price-override");
const { setBillingGroup, setBillingGroupInput } = await import("@/lib/services/accounts/set-billing-group");
const { priceOverrides } = await import("@/lib/queries/prices");

const issue = (input: Record<string, unknown>) => setPriceOverrideInput.safeParse({ cloud: "aws", meter: "vcpu-second", region: "*", usd: "0.05", ...input }).error?.issues[0]?.message;

async function seed(cloud: "aws" | "gcp", name: string, region: string) {
  const account = await db().cloudAccount.create({ data: { cloud, name, settings: {} } });
  const job = await db().job.create({ data: { accountId: account.id, providerId: `${name}-job`, name: `${name}-job`, region } });
  return { accountId: account.id, jobId: job.id };
}
const cost = async (id: string) => (await db().execution.findUniqueOrThrow({ where: { id } })).costMicros;

describe("price overrides and billing groups (owners only)", () => {
  it("are an owner's to set", () => {
    expect(ROLES.filter((r) => can(r, "usage:prices"))).toEqual(["owner"]);
  });

  it("validates with messages that say what to write", () => {
    expect(setPriceOverrideInput.parse({ cloud: "aws", meter: "vcpu-second", region: " EU-West-1 ", usd: "0.04" })).toEqual({ cloud: "aws", meter: "vcpu-second", region: "eu-west-1", architecture: "", usd: "0.04" });
    expect(issue({ usd: "4 cents" })).toBe("A price in USD like 0.000024 (at most 9 decimals), or blank to go back to the book's price.");
    expect(issue({ usd: "0.0000000001" })).toBe("A price in USD like 0.000024 (at most 9 decimals), or blank to go back to the book's price.");
    expect(issue({ usd: "5000" })).toBe("That price is over 1,000 USD per unit: check the unit the table states.");
    expect(issue({ region: "" })).toBe("A region as the cloud names it (eastus, eu-west-1, us-central1), or * for every region.");
    expect(issue({ architecture: "RISCV" })).toBe("Architecture is X86_64, ARM64, or blank for any.");
    expect(issue({ cloud: "gcp", meter: "operation" })).toBe("This cloud has no such meter in the price book.");
    expect(setBillingGroupInput.safeParse({ accountId: "a", billingGroup: "lab; drop" }).error?.issues[0]?.message).toBe(
      "Use letters, digits, spaces and . : _ - (e.g. the billing account's id, 0X0X0X-0X0X0X-0X0X0X).",
    );
    expect(setBillingGroupInput.parse({ accountId: "a", billingGroup: "  " })).toEqual({ accountId: "a", billingGroup: null });
    expect(usdOf(24_000n)).toBe("0.000024");
    expect(usdOf(2_000_000_000n)).toBe("2");
  });

  it("an override re-prices every run and is audited; clearing it goes back to the book", async () => {
    const owner = await memberActor("owner@lab.test", "owner");
    const fargate = await seed("aws", "fargate", "us-east-1");
    // 0.25 vCPU, 0.5 GB for 20 s: billed the one-minute minimum. Book: (15 × 40,480 + 30 × 4,445)/3600 = 205.7 → 206 µ$.
    const [id] = await insertRuns(fargate, [{ providerId: "t1", startedAt: new Date("2026-11-10T00:00:00Z"), endedAt: new Date("2026-11-10T00:00:20Z"), milliVcpu: 250, memoryMiB: 512 }]);
    const ctx = ctxOf(owner, "usage.set_price_override");
    // Twice the vCPU price everywhere: (15 × 80,960 + 30 × 4,445)/3600 = 374.375 → 374 µ$.
    const saved = await setPriceOverride(ctx, setPriceOverrideInput.parse({ cloud: "aws", meter: "vcpu-second", region: "*", usd: "0.08096" }));
    expect(saved.message).toBe("aws vcpu-second in every region is now 0.08096 USD; 1 run re-priced.");
    expect(await cost(id!)).toBe(374n);
    expect((await priceOverrides(owner)).map(({ updatedAt: _, ...o }) => o)).toEqual([{ cloud: "aws", meter: "vcpu-second", region: "*", architecture: "", usd: "0.08096" }]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "usage.set_price_override" }, orderBy: { at: "desc" } });
    expect(audit.detail).toEqual({ cloud: "aws", meter: "vcpu-second", region: "*", architecture: "", usdBefore: null, usd: "0.08096", repriced: 1 });

    const cleared = await setPriceOverride(ctx, setPriceOverrideInput.parse({ cloud: "aws", meter: "vcpu-second", region: "*", usd: "" }));
    expect(cleared.message).toBe("aws vcpu-second in every region is back to the book's price; 1 run re-priced.");
    expect(await cost(id!)).toBe(206n);
    const again = await setPriceOverride(ctx, setPriceOverrideInput.parse({ cloud: "aws", meter: "vcpu-second", region: "*", usd: "" })).then(() => null, (e: unknown) => e);
    expect(again).toBeInstanceOf(AppError);
    expect((again as AppError).message).toBe("aws vcpu-second in every region has no override to remove: it already uses the book's price.");
  });

  it("a billing group shares the grant: the runs are re-priced when an owner sets it", async () => {
    const owner = await memberActor("owner@lab.test", "owner");
    const a = await seed("gcp", "project-a", "us-central1");
    const b = await seed("gcp", "project-b", "us-central1");
    // A: 4 vCPU for 60,000 s, the whole 240,000 vCPU-s grant. B: 100 vCPU-s, free on its own, 100 × 18 = 1,800 µ$ once sharing A's grant.
    await insertRuns(a, [{ providerId: "a1", startedAt: new Date("2026-11-02T00:00:00Z"), endedAt: new Date("2026-11-02T16:40:00Z"), milliVcpu: 4000, memoryMiB: 1024 }]);
    const [b1] = await insertRuns(b, [{ providerId: "b1", startedAt: new Date("2026-11-03T00:00:00Z"), endedAt: new Date("2026-11-03T00:01:40Z"), milliVcpu: 1000, memoryMiB: 512 }]);
    const ctx = ctxOf(owner, "account.set_billing_group");
    await setBillingGroup(ctx, { accountId: a.accountId, billingGroup: "0X0X0X-lab" });
    expect(await cost(b1!)).toBe(0n);
    const joined = await setBillingGroup(ctx, { accountId: b.accountId, billingGroup: "0X0X0X-lab" });
    expect(joined.message).toBe("project-b shares the free grant of billing group 0X0X0X-lab; 1 run re-priced.");
    expect(await cost(b1!)).toBe(1800n);
    expect((await setBillingGroup(ctx, { accountId: b.accountId, billingGroup: null })).message).toBe("project-b holds its own free grant; 1 run re-priced.");
    expect(await cost(b1!)).toBe(0n);
  });
});
