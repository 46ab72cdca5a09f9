import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { accountsUsage } = await import("./usage");
const { FREE_TIERS } = await import("@/lib/usage/free-tiers");
const { refreshRollups } = await import("@/lib/catalog/rollups");

const now = new Date("2026-11-16T00:00:00Z"); // half of November gone
const ids = { lab: "", fargate: "" };

beforeAll(async () => {
  const lab = await db().cloudAccount.create({ data: { cloud: "azure", name: "lab", settings: {} } });
  const fargate = await db().cloudAccount.create({ data: { cloud: "aws", name: "fargate", settings: {} } });
  Object.assign(ids, { lab: lab.id, fargate: fargate.id });
  const job = await db().job.create({ data: { accountId: lab.id, providerId: "etl", name: "etl" } });
  const run = (id: string, start: string, end: string | null, milliVcpu: number | null = 1000, memoryMiB: number | null = 2048) => ({
    accountId: lab.id, jobId: job.id, providerId: id, status: end ? ("succeeded" as const) : ("running" as const), providerStatus: "x",
    triggeredBy: "trigger" as const, startedAt: new Date(start), endedAt: end ? new Date(end) : null, milliVcpu, memoryMiB,
  });
  const data = [
    run("oct", "2026-10-20T00:00:00Z", "2026-10-20T01:00:00Z"), // last month: not counted
    run("edge", "2026-10-31T23:30:00Z", "2026-11-01T00:30:00Z"), // 30 min inside November
    run("mid", "2026-11-10T00:00:00Z", "2026-11-10T10:00:00Z"), // 10 h
    run("live", "2026-11-15T23:00:00Z", null, 500, 1024), // running for 1 h so far, half a vCPU
    run("no-cpu", "2026-11-12T00:00:00Z", "2026-11-12T01:00:00Z", null, 1024), // vCPU unknown, 1 GiB for 1 h
    run("blind", "2026-11-13T00:00:00Z", "2026-11-13T00:10:00Z", null, null), // nothing known but its time
    // The cloud reported it in an unknown state and then forgot it, with no end: not going, its length unknown, not counted.
    { ...run("lost", "2026-10-02T00:00:00Z", null), status: "unknown" as const },
  ];
  await db().execution.createMany({ data });
  // What every writer of executions does in its transaction (lib/catalog/rollups.ts).
  await refreshRollups(db(), data);
});

const meter = (used: number, grant: number | null, forecast: number, exhaustedAt: string | null, unknownRuns: number) => ({ used, grant, forecast, exhaustedAt, unknownRuns });

describe("usage screen query", () => {
  it("adds up this month's runs per account against its free grant, with the month's pace, and counts unknown allocations apart", async () => {
    // vCPU-s: 0.5 h + 10 h at 1 vCPU = 37,800; 1 h at 0.5 vCPU = 1,800 → 39,600; two runs with no vCPU figure.
    // GiB-s: 0.5 h + 10 h at 2 GiB = 75,600; 1 h at 1 GiB (live) + 1 h at 1 GiB (no-cpu) = 7,200 → 82,800; one run with no memory figure.
    // Half the month gone: the forecast doubles; neither grant runs out at this pace.
    expect(await accountsUsage(now)).toEqual({
      monthStart: new Date("2026-11-01T00:00:00Z"),
      accounts: [
        { id: ids.fargate, name: "fargate", cloud: "aws", isDemo: false, runs: 0, tier: null, vcpuSeconds: meter(0, null, 0, null, 0), gibSeconds: meter(0, null, 0, null, 0), requests: null },
        {
          id: ids.lab, name: "lab", cloud: "azure", isDemo: false, runs: 5, tier: FREE_TIERS.azure,
          vcpuSeconds: meter(39_600, 180_000, 79_200, null, 2),
          gibSeconds: meter(82_800, 360_000, 165_600, null, 1),
          // Azure grants requests, but this account has no services whose requests are counted.
          requests: null,
        },
      ],
    });
  });

  it("says when the grant runs out at this pace", async () => {
    // One hour into November, 1,800 vCPU-s used: at 1,800 an hour the 180,000 last 100 hours; 3,600 GiB-s an hour, the 360,000 too.
    const { accounts } = await accountsUsage(new Date("2026-11-01T01:00:00Z"));
    const lab = accounts.find((a) => a.name === "lab")!;
    expect(lab.runs).toBe(1);
    expect(lab.vcpuSeconds).toEqual(meter(1_800, 180_000, 1_296_000, "2026-11-05T04:00:00.000Z", 0));
    expect(lab.gibSeconds).toEqual(meter(3_600, 360_000, 2_592_000, "2026-11-05T04:00:00.000Z", 0));
  });

  it("sets the requests an account's services served this month, day by day from usage_samples, against the cloud's request grant", async () => {
    const run = await db().cloudAccount.create({ data: { cloud: "gcp", name: "run", settings: {} } });
    const bare = await db().cloudAccount.create({ data: { cloud: "gcp", name: "run-no-services", settings: {} } });
    await db().job.create({ data: { accountId: run.id, providerId: "projects/p/locations/l/services/api", name: "api", kind: "service" } });
    const sample = (accountId: string, day: string, requests: number) => ({ accountId, day: new Date(day), requests: BigInt(requests) });
    await db().usageSample.createMany({
      data: [
        sample(run.id, "2026-10-31", 999_999), // last month
        sample(run.id, "2026-11-01", 700_000),
        sample(run.id, "2026-11-15", 450_000),
        sample(run.id, "2026-11-16", 50_000), // today so far
        sample(run.id, "2026-11-17", 7), // after `now`
        sample(bare.id, "2026-11-02", 5),
      ],
    });
    const { accounts } = await accountsUsage(now);
    // 1,200,000 in half the month: 2,400,000 by its end, and the 2,000,000 run out after 25 days.
    expect(accounts.find((a) => a.id === run.id)!.requests).toEqual(meter(1_200_000, 2_000_000, 2_400_000, "2026-11-26T00:00:00.000Z", 0));
    expect(accounts.find((a) => a.id === bare.id)!.requests).toBeNull();
  });
});
