import { describe, expect, it } from "vitest";
import { addRun, exhaustionDate, NO_USAGE, forecastToMonthEnd, runUsage, utcMonth } from "./compute";

const from = new Date("2026-11-01T00:00:00Z");
const to = new Date("2026-11-25T12:00:00Z");
const run = (start: string, end: string | null, milliVcpu = 500, memoryMiB = 1024) => ({
  startedAt: new Date(start),
  endedAt: end ? new Date(end) : null,
  milliVcpu,
  memoryMiB,
});

describe("usage arithmetic (hand-computed)", () => {
  it("bills 0.5 vCPU and 1 GiB for 90 s as 45 vCPU-s and 90 GiB-s", () => {
    expect(runUsage(run("2026-11-10T00:00:00Z", "2026-11-10T00:01:30Z"), from, to, 1000)).toEqual({ vcpuMilliSeconds: 45_000, gibMilliSeconds: 90_000 });
  });

  it("rounds billed time up: 90.25 s is 91 s on Azure (per second) and 90.3 s on Cloud Run (100 ms)", () => {
    const r = run("2026-11-10T00:00:00.000Z", "2026-11-10T00:01:30.250Z", 1000, 512);
    expect(runUsage(r, from, to, 1000)).toEqual({ vcpuMilliSeconds: 91_000, gibMilliSeconds: 45_500 });
    expect(runUsage(r, from, to, 100)).toEqual({ vcpuMilliSeconds: 90_300, gibMilliSeconds: 45_150 });
  });

  it("counts only the part inside the month, and a running execution up to now", () => {
    expect(runUsage(run("2026-10-31T23:59:00Z", "2026-11-01T00:01:00Z", 1000, 1024), from, to, 1000)).toEqual({ vcpuMilliSeconds: 60_000, gibMilliSeconds: 60_000 });
    expect(runUsage(run("2026-11-25T11:59:00Z", null, 2000, 4096), from, to, 1000)).toEqual({ vcpuMilliSeconds: 120_000, gibMilliSeconds: 240_000 });
    expect(runUsage({ startedAt: null, endedAt: null, milliVcpu: 1000, memoryMiB: 1024 }, from, to, 1000)).toBeNull();
    expect(runUsage(run("2026-10-30T00:00:00Z", "2026-10-31T00:00:00Z"), from, to, 1000)).toBeNull();
  });

  it("says unknown, not 0, for an allocation the cloud did not report", () => {
    expect(runUsage({ ...run("2026-11-10T00:00:00Z", "2026-11-10T00:01:30Z"), milliVcpu: null }, from, to, 1000)).toEqual({ vcpuMilliSeconds: null, gibMilliSeconds: 90_000 });
    expect(runUsage({ ...run("2026-11-10T00:00:00Z", "2026-11-10T00:01:30Z"), memoryMiB: null }, from, to, 1000)).toEqual({ vcpuMilliSeconds: 45_000, gibMilliSeconds: null });
  });

  it("adds runs, counting unknown allocations apart", () => {
    const totals = [
      { vcpuMilliSeconds: 1, gibMilliSeconds: 2 },
      { vcpuMilliSeconds: 3, gibMilliSeconds: null },
      { vcpuMilliSeconds: null, gibMilliSeconds: null },
    ].reduce(addRun, NO_USAGE);
    expect(totals).toEqual({ runs: 3, vcpu: { milliSeconds: 4, unknownRuns: 1 }, gib: { milliSeconds: 2, unknownRuns: 2 } });
    expect(NO_USAGE).toEqual({ runs: 0, vcpu: { milliSeconds: 0, unknownRuns: 0 }, gib: { milliSeconds: 0, unknownRuns: 0 } });
  });

  it("finds the UTC month, forecasts at the month's pace and says when the grant runs out", () => {
    expect(utcMonth(new Date("2026-12-31T23:59:59Z"))).toEqual({ start: new Date("2026-12-01T00:00:00Z"), end: new Date("2027-01-01T00:00:00Z") });
    // November has 30 days; 15 days in, 90,000 used → 180,000 by the end, running out exactly at the end.
    const mid = new Date("2026-11-16T00:00:00Z");
    expect(forecastToMonthEnd(90_000, mid)).toBe(180_000);
    expect(exhaustionDate(90_000, 180_000, mid)).toBeNull();
    expect(exhaustionDate(120_000, 180_000, mid)).toEqual(new Date("2026-11-23T12:00:00Z"));
    expect(exhaustionDate(200_000, 180_000, mid)).toEqual(mid);
  });
});
