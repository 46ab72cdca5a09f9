import { describe, expect, it } from "vitest";
import { nextRunOf } from "./next-run";

// The next run read in each cloud's dialect, and the fire times kept between reads: hand-computed.

const daily = { kind: "schedule" as const, expression: "30 2 * * *", timeZone: null, enabled: true };
const at = (iso: string, triggers: Parameters<typeof nextRunOf>[1] = [daily]) => nextRunOf("azure", triggers, new Date(iso))?.toISOString() ?? null;

describe("next run", () => {
  it("moves on as fire times pass, past the ones read, and back to an earlier instant", () => {
    expect(at("2026-11-30T12:00:00Z")).toBe("2026-12-01T02:30:00.000Z");
    // Strictly after: at the fire time itself, the next day's.
    expect(at("2026-12-01T02:30:00Z")).toBe("2026-12-02T02:30:00.000Z");
    // Beyond the five fire times read first (1 to 5 December).
    expect(at("2026-12-07T00:00:00Z")).toBe("2026-12-07T02:30:00.000Z");
    expect(at("2026-11-01T00:00:00Z")).toBe("2026-11-01T02:30:00.000Z");
  });

  it("takes the soonest enabled schedule, in its own dialect and zone, and none when none can be read", () => {
    const hourly = { ...daily, expression: "0 * * * *" };
    expect(at("2026-11-30T12:00:00Z", [daily, { ...hourly, enabled: false }])).toBe("2026-12-01T02:30:00.000Z");
    expect(at("2026-11-30T12:00:00Z", [daily, hourly])).toBe("2026-11-30T13:00:00.000Z");
    expect(nextRunOf("aws", [{ ...daily, expression: "cron(0 18 ? * MON-FRI *)" }], new Date("2026-12-04T19:00:00Z"))?.toISOString()).toBe("2026-12-07T18:00:00.000Z");
    expect(nextRunOf("gcp", [{ ...daily, expression: "0 9 * * *", timeZone: "Europe/Berlin" }], new Date("2026-11-30T12:00:00Z"))?.toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(at("2026-11-30T12:00:00Z", [{ ...daily, expression: "not a cron" }])).toBeNull();
    expect(at("2026-11-30T12:00:00Z", [{ ...daily, kind: "event", expression: "jobs-queue" }])).toBeNull();
    expect(at("2026-11-30T12:00:00Z", [])).toBeNull();
  });
});
