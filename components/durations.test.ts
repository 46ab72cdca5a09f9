import { describe, expect, it } from "vitest";
import { approxDuration, runDuration, shortDuration } from "./durations";

describe("durations as the screens write them", () => {
  it("writes a run's length exactly, dropping zero parts", () => {
    expect([0, 42_000, 187_000, 240_000, 7_500_000, 7_200_000].map(shortDuration)).toEqual(["0s", "42s", "3m 7s", "4m", "2h 5m", "2h"]);
    expect(runDuration(new Date("2026-11-30T10:00:00Z"), new Date("2026-11-30T10:03:07Z"))).toBe("3m 7s");
    expect(runDuration(new Date("2026-11-30T10:00:00Z"), null)).toBe("—");
  });

  it("writes a median from the buckets rounded and marked approximate", () => {
    expect([500, 42_000, 187_000, 5_400_000].map(approxDuration)).toEqual(["under 1 s", "≈ 42 s", "≈ 3 min", "≈ 1.5 h"]);
  });
});
