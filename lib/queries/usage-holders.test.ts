import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { usageByHolder, usageWarningsForAccount } = await import("./usage-holders");
const { usageScreen } = await import("./usage-screen");

const now = new Date("2026-11-10T12:00:00Z"); // the window of the forecast: 4 Nov 00:00 → now, 6.5 days; 20.5 days left
const viewer = { id: "viewer-1", email: "viewer@lab.test", role: "viewer" as const };
const ids = { g1: "", g2: "", solo: "", job1: "", job2: "" };

const rollup = (jobId: string, accountId: string, day: string, vcpuSeconds: number, costMicros: number) => ({
  jobId, accountId, day: new Date(day), runs: 1, succeeded: 1, failed: 0, stopped: 0, durationBuckets: [],
  usageRuns: 1, vcpuMilliSeconds: BigInt(vcpuSeconds * 1000), vcpuUnknownRuns: 0, gibMilliSeconds: 0n, gibUnknownRuns: 0, costMicros: BigInt(costMicros),
});

beforeAll(async () => {
  const g1 = await db().cloudAccount.create({ data: { cloud: "gcp", name: "project-a", settings: {}, billingGroup: "lab" } });
  const g2 = await db().cloudAccount.create({ data: { cloud: "gcp", name: "project-b", settings: {}, billingGroup: "lab" } });
  const solo = await db().cloudAccount.create({ data: { cloud: "azure", name: "solo", settings: {} } });
  const job1 = await db().job.create({ data: { accountId: g1.id, providerId: "j1", name: "nightly" } });
  const job2 = await db().job.create({ data: { accountId: g2.id, providerId: "j2", name: "weekly" } });
  Object.assign(ids, { g1: g1.id, g2: g2.id, solo: solo.id, job1: job1.id, job2: job2.id });
  await db().jobDailyRollup.createMany({
    data: [
      ...[4, 5, 6, 7, 8, 9, 10].map((d) => rollup(job1.id, g1.id, `2026-11-${String(d).padStart(2, "0")}`, 13_000, 1_000_000)),
      rollup(job2.id, g2.id, "2026-11-01", 60_000, 3_000_000),
      rollup(job1.id, g1.id, "2026-09-15", 1_000, 2_500_000),
      rollup(job1.id, g1.id, "2026-05-31", 1_000, 9), // seven months back: not in the six
    ],
  });
  // Requests' cost beyond the grant, on an account with no services (so no requests meter, but the cost counts).
  await db().usageSample.create({ data: { accountId: g2.id, day: new Date("2026-11-09"), requests: 1000n, costMicros: 500n } });
  // A run still going for an hour: 1 vCPU and 1 GiB, read live and put on today.
  await db().execution.create({
    data: { accountId: g1.id, jobId: job1.id, providerId: "live", status: "running", providerStatus: "Running", triggeredBy: "trigger", startedAt: new Date("2026-11-10T11:00:00Z"), milliVcpu: 1000, memoryMiB: 1024 },
  });
  await db().usageBudget.create({ data: { holderKey: "group:lab", monthlyMicros: 20_000_000n, setBy: "owner@lab.test" } });
});

describe("usage per grant holder (hand-computed)", () => {
  it("sums a billing group's accounts against one grant, day by day, with the forecast from the recent rate and its warnings", async () => {
    const { holders } = await usageByHolder(viewer, now);
    expect(holders.map((h) => h.key).sort()).toEqual(["account:" + ids.solo, "group:lab"].sort());
    const lab = holders.find((h) => h.key === "group:lab")!;
    expect([lab.name, lab.accounts.map((a) => a.name), lab.cloud, lab.runs]).toEqual(["Billing group lab", ["project-a", "project-b"], "gcp", 9]);
    // vCPU-s: 7 × 13,000 + 60,000 + 3,600 (live) = 154,600. Recent: days 4–10 = 91,000 + 3,600 = 94,600 over 6.5 days,
    // times 20.5 days left = 298,353.8; forecast 452,954, over Cloud Run's 240,000.
    const vcpuDaily = Array.from({ length: 30 }, (_, i) => (i > 9 ? null : i === 0 ? 60_000 : i === 9 ? 16_600 : i >= 3 ? 13_000 : 0));
    expect(lab.vcpuSeconds).toEqual({ used: 154_600, grant: 240_000, forecast: 452_954, daily: vcpuDaily, unknownRuns: 0 });
    // GiB-s: only the live run, 3,600 today; 3,600 / 6.5 × 20.5 = 11,353.8 → 14,954.
    expect([lab.gibSeconds.used, lab.gibSeconds.forecast, lab.gibSeconds.daily[9]]).toEqual([3_600, 14_954, 3_600]);
    expect(lab.requests).toBeNull();
    // Cost: $3 + 7 × $1 + 500 micro-dollars of requests = 10,000,500; recent 7,000,500 / 6.5 × 20.5 = 22,078,500 → 32,079,000.
    expect([lab.cost.usedMicros, lab.cost.forecastMicros, lab.cost.budgetMicros]).toEqual([10_000_500n, 32_079_000n, 20_000_000n]);
    expect(lab.cost.daily.slice(0, 11)).toEqual([3_000_000n, 0n, 0n, 1_000_000n, 1_000_000n, 1_000_000n, 1_000_000n, 1_000_000n, 1_000_500n, 1_000_000n, null]);
    expect(lab.warnings).toEqual([
      { holderKey: "group:lab", holderName: "Billing group lab", quantity: "vCPU-seconds", limit: "grant", already: false, forecast: 452_954, line: 240_000 },
      { holderKey: "group:lab", holderName: "Billing group lab", quantity: "cost", limit: "budget", already: false, forecast: 32_079_000, line: 20_000_000 },
    ]);
    const solo = holders.find((h) => h.key === `account:${ids.solo}`)!;
    expect([solo.name, solo.vcpuSeconds.used, solo.vcpuSeconds.forecast, solo.cost.usedMicros, solo.warnings]).toEqual(["solo", 0, 0, 0n, []]);
  });

  it("puts the group's warnings on each of its accounts' jobs, and none on the others", async () => {
    expect((await usageWarningsForAccount(viewer, ids.g2, now)).map((w) => w.quantity)).toEqual(["vCPU-seconds", "cost"]);
    expect(await usageWarningsForAccount(viewer, ids.solo, now)).toEqual([]);
  });

  it("gives each job's cost this month and the five before, most expensive first, and the rate of a currency", async () => {
    const screen = await usageScreen(viewer, "JPY", now);
    expect(screen.months.map((m) => m.toISOString().slice(0, 7))).toEqual(["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
    expect(screen.jobs).toEqual([
      { jobId: ids.job1, jobName: "nightly", accountName: "project-a", byMonth: [0n, 0n, 0n, 2_500_000n, 0n, 7_000_000n], runsThisMonth: 7 },
      { jobId: ids.job2, jobName: "weekly", accountName: "project-b", byMonth: [0n, 0n, 0n, 0n, 0n, 3_000_000n], runsThisMonth: 1 },
    ]);
    // No JPY rate set yet: shown in USD, and said so.
    expect([screen.money.currency, screen.missingRate]).toEqual(["USD", "JPY"]);
    const setAt = new Date("2026-11-09T08:00:00Z");
    await db().currencyRate.create({ data: { currency: "JPY", perUsdMillionths: 155_250_000n, setAt, setBy: "owner@lab.test" } });
    const priced = await usageScreen(viewer, "JPY", now);
    expect([priced.money, priced.missingRate]).toEqual([{ currency: "JPY", perUsdMillionths: 155_250_000n, setAt, setBy: "owner@lab.test" }, null]);
  });
});
