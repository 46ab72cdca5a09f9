import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";
import { memberActor } from "@/test/support/service-context";
import { insertRuns, seedJob } from "@/test/support/runs";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { monthCostStream, monthQuery } = await import("./month-cost");
const { usageByHolder } = await import("@/lib/queries/usage-holders");

const read = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
const rows = (csv: string) => csv.split("\r\n").filter(Boolean).map((line) => line.split(","));

describe("the month's cost export", () => {
  it("lists the month's runs with their cost, the requests billed, and a total equal to the Usage page's", async () => {
    const owner = await memberActor("owner@lab.test", "owner");
    const a = await seedJob("alpha");
    const b = await seedJob("beta");
    await insertRuns(a, [
      { providerId: "a-1", startedAt: new Date("2026-10-03T10:00:00Z") },
      { providerId: "a-2", startedAt: new Date("2026-10-31T23:59:00Z") }, // ends in November: still October's, by its start
      { providerId: "a-going", status: "running", startedAt: new Date("2026-10-20T00:00:00Z"), endedAt: null }, // no cost yet
      { providerId: "a-sep", startedAt: new Date("2026-09-30T23:00:00Z") }, // September
    ]);
    await insertRuns(b, [{ providerId: "b-1", startedAt: new Date("2026-10-15T00:00:00Z") }]);
    const cost = { "a-1": 1_250_000n, "a-2": 2_000_001n, "a-sep": 7_000_000n, "b-1": 333n };
    for (const [providerId, costMicros] of Object.entries(cost)) await db().execution.updateMany({ where: { providerId }, data: { costMicros } });
    // The rollups the writers keep: the cost of the runs started each day.
    const rollup = (at: { accountId: string; jobId: string }, day: string, costMicros: bigint) => ({
      jobId: at.jobId, accountId: at.accountId, day: new Date(day), runs: 1, succeeded: 1, failed: 0, stopped: 0, durationBuckets: [],
      usageRuns: 0, vcpuMilliSeconds: 0n, vcpuUnknownRuns: 0, gibMilliSeconds: 0n, gibUnknownRuns: 0, costMicros,
    });
    await db().jobDailyRollup.createMany({
      data: [rollup(a, "2026-10-03", 1_250_000n), rollup(a, "2026-10-31", 2_000_001n), rollup(a, "2026-09-30", 7_000_000n), rollup(b, "2026-10-15", 333n)],
    });
    await db().usageSample.createMany({
      data: [
        { accountId: b.accountId, day: new Date("2026-10-10"), requests: 3_000_000n, costMicros: 400_000n },
        { accountId: b.accountId, day: new Date("2026-11-01"), requests: 1n, costMicros: 9n }, // November
      ],
    });

    const [header, ...records] = rows(await read(monthCostStream(owner, "2026-10", 2)));
    expect(header!.at(-1)).toBe("cost_usd");
    const byId = records.map((r) => [r[0], r[1], r.at(-1)]);
    // $1.25 + $2.000001 + $0.000333 + $0.40 of requests = $3.650334.
    expect(byId).toEqual([
      ["a-2", "alpha", "2.000001"],
      ["a-going", "alpha", ""],
      ["a-1", "alpha", "1.25"],
      ["b-1", "beta", "0.000333"],
      ["requests and operations", "beta", "0.4"],
      ["total", "", "3.650334"],
    ]);
    // The Usage page, at the month's last minute, sums the same: its holders' cost of the month.
    const { holders } = await usageByHolder(owner, new Date("2026-10-31T23:59:30Z"));
    expect(holders.reduce((n, h) => n + h.cost.usedMicros, 0n)).toBe(3_650_334n);
  });

  it("takes a month as YYYY-MM and is for admins and owners", async () => {
    expect(monthQuery.safeParse({ month: "2026-13" }).error?.issues[0]?.message).toBe("month must be a month as YYYY-MM, e.g. 2026-11.");
    expect(monthQuery.safeParse({ month: "2026-02" }).success).toBe(true);
    const viewer = await memberActor("viewer@lab.test", "viewer");
    expect(() => monthCostStream(viewer, "2026-10")).toThrow(/Forbidden: your role/);
  });
});
