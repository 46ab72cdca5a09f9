import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { monthToDateUsage } = await import("./usage");

const now = new Date("2026-11-16T00:00:00Z"); // half of November gone

beforeAll(async () => {
  const lab = await db().cloudAccount.create({ data: { cloud: "azure", name: "lab", settings: {} } });
  await db().cloudAccount.create({ data: { cloud: "aws", name: "fargate", settings: {} } });
  const job = await db().job.create({ data: { accountId: lab.id, providerId: "etl", name: "etl" } });
  const run = (id: string, start: string, end: string | null, milliVcpu = 1000, memoryMiB = 2048) => ({
    accountId: lab.id, jobId: job.id, providerId: id, status: end ? ("succeeded" as const) : ("running" as const), providerStatus: "x",
    triggeredBy: "trigger" as const, startedAt: new Date(start), endedAt: end ? new Date(end) : null, milliVcpu, memoryMiB,
  });
  await db().execution.createMany({
    data: [
      run("oct", "2026-10-20T00:00:00Z", "2026-10-20T01:00:00Z"), // last month: not counted
      run("edge", "2026-10-31T23:30:00Z", "2026-11-01T00:30:00Z"), // 30 min inside November
      run("mid", "2026-11-10T00:00:00Z", "2026-11-10T10:00:00Z"), // 10 h
      run("live", "2026-11-15T23:00:00Z", null, 500, 1024), // running for 1 h so far, half a vCPU
    ],
  });
});

describe("usage screen query", () => {
  it("adds up this month's runs per account against its free grant, with the month's pace", async () => {
    const { monthStart, accounts } = await monthToDateUsage(now);
    expect(monthStart).toEqual(new Date("2026-11-01T00:00:00Z"));
    const lab = accounts.find((a) => a.name === "lab")!;
    // vCPU-s: 0.5 h + 10 h at 1 vCPU = 37,800; 1 h at 0.5 vCPU = 1,800 → 39,600. GiB-s: twice the vCPU-s at 2 GiB, 1 GiB for the live run.
    expect(lab.runs).toBe(3);
    expect(lab.vcpuSeconds).toMatchObject({ used: 39_600, grant: 180_000, forecast: 79_200, exhaustedAt: null });
    expect(lab.gibSeconds).toMatchObject({ used: 79_200, grant: 360_000, forecast: 158_400 });
    const fargate = accounts.find((a) => a.name === "fargate")!;
    expect(fargate).toMatchObject({ runs: 0, tier: null, vcpuSeconds: { used: 0, grant: null } });
  });

  it("says when the grant runs out at this pace", async () => {
    // One hour into November, 1,800 vCPU-s used: at 1,800 an hour the 180,000 last 100 hours.
    const { accounts } = await monthToDateUsage(new Date("2026-11-01T01:00:00Z"));
    const lab = accounts.find((a) => a.name === "lab")!;
    expect(lab.vcpuSeconds.used).toBe(1_800);
    expect(lab.vcpuSeconds.exhaustedAt).toBe("2026-11-05T04:00:00.000Z");
  });
});
