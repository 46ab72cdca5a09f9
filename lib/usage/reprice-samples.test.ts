import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { repriceSamples } = await import("./reprice-samples");

// usage_samples.cost_micros on a real Postgres: requests beyond a billing group's shared 2 M grant, and
// Service Bus operations, with the day's count time (updated_at) left as it was.

describe("pricing requests and operations per account and day", () => {
  it("bills requests beyond the group's grant and every operation, writing only rows whose cost moved", async () => {
    const counted = new Date("2026-11-03T10:00:00Z");
    const a = await db().cloudAccount.create({ data: { cloud: "gcp", name: "a", settings: {}, billingGroup: "lab" } });
    const b = await db().cloudAccount.create({ data: { cloud: "gcp", name: "b", settings: {}, billingGroup: "lab" } });
    const sb = await db().cloudAccount.create({ data: { cloud: "azure", name: "sb", settings: {} } });
    await db().usageSample.createMany({
      data: [
        { accountId: a.id, day: new Date("2026-11-01"), requests: 1_500_000n, updatedAt: counted },
        // 2.1 M with a's: 100,000 beyond × $0.40/M = 40,000 µ$.
        { accountId: b.id, day: new Date("2026-11-02"), requests: 600_000n, updatedAt: counted },
        // 41,502 operations × $0.05/M = 2,075.1 → 2,075 µ$.
        { accountId: sb.id, day: new Date("2026-11-02"), requests: 394n, operations: 41_502n, updatedAt: counted },
      ],
    });
    expect(await repriceSamples(db(), [b.id, sb.id])).toBe(2);
    const rows = await db().usageSample.findMany({ orderBy: [{ day: "asc" }, { requests: "desc" }], select: { requests: true, costMicros: true, updatedAt: true } });
    expect(rows).toEqual([
      { requests: 1_500_000n, costMicros: 0n, updatedAt: counted },
      { requests: 600_000n, costMicros: 40_000n, updatedAt: counted },
      { requests: 394n, costMicros: 2075n, updatedAt: counted },
    ]);
    expect(await repriceSamples(db(), null)).toBe(0);
    // b leaves the group: its 600,000 requests fit its own grant.
    await db().cloudAccount.update({ where: { id: b.id }, data: { billingGroup: null } });
    expect(await repriceSamples(db(), [b.id])).toBe(1);
    expect((await db().usageSample.findFirstOrThrow({ where: { accountId: b.id } })).costMicros).toBe(0n);
  });
});
