import { describe, expect, it } from "vitest";
import { readUnixCron } from "./unix-cron";

const at = (...isos: string[]) => isos.map((iso) => new Date(iso));

describe("readUnixCron", () => {
  it("reads a 5-field line in UTC with its words and next runs", () => {
    expect(readUnixCron("0 */6 * * *", "UTC", { from: new Date("2026-03-01T01:00:00Z"), count: 3 })).toEqual({
      readable: true,
      words: "Every 6 hours at minute 0, from 00:00, every day (UTC)",
      timeZone: "UTC",
      next: at("2026-03-01T06:00:00Z", "2026-03-01T12:00:00Z", "2026-03-01T18:00:00Z"),
    });
  });

  it("reads weekday ranges and names (2026-03-06 is a Friday)", () => {
    expect(readUnixCron("30 2 * * 1-5", "UTC", { from: new Date("2026-03-06T00:00:00Z"), count: 3 })).toEqual({
      readable: true,
      words: "At 02:30, on Monday to Friday (UTC)",
      timeZone: "UTC",
      next: at("2026-03-06T02:30:00Z", "2026-03-09T02:30:00Z", "2026-03-10T02:30:00Z"),
    });
    expect(readUnixCron("0 8 * JAN,JUL SUN", "UTC", { from: new Date("2026-06-30T00:00:00Z"), count: 2 })).toEqual({
      readable: true,
      words: "At 08:00, on Sunday, in January and July (UTC)",
      timeZone: "UTC",
      next: at("2026-07-05T08:00:00Z", "2026-07-12T08:00:00Z"),
    });
  });

  it("fires when either restricted day field matches, as Vixie cron does", () => {
    // 2026-03-30 and 2026-04-06 are Mondays; 2026-04-01 is the 1st.
    const reading = readUnixCron("0 0 1 * MON", "UTC", { from: new Date("2026-03-28T00:00:00Z"), count: 3 });
    expect(reading.readable && reading.next).toEqual(at("2026-03-30T00:00:00Z", "2026-04-01T00:00:00Z", "2026-04-06T00:00:00Z"));
  });

  it("reads a line in a named zone across both DST changes (New York, 2026-03-08 and 2026-11-01)", () => {
    // 02:30 does not exist on 03-08: it fires when the gap ends, 03:00 EDT.
    expect(readUnixCron("30 2 * * *", "America/New_York", { from: new Date("2026-03-07T00:00:00Z"), count: 3 })).toEqual({
      readable: true,
      words: "At 02:30, every day (America/New_York)",
      timeZone: "America/New_York",
      next: at("2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"),
    });
    // 01:30 happens twice on 11-01 (EDT, then EST): a fixed time fires once, at the first.
    const autumn = readUnixCron("30 1 * * *", "America/New_York", { from: new Date("2026-10-31T00:00:00Z"), count: 3 });
    expect(autumn.readable && autumn.next).toEqual(at("2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
    // Berlin moves on 2026-03-29: 08:00 is 07:00Z before, 06:00Z after.
    const berlin = readUnixCron("0 8 * * *", "Europe/Berlin", { from: new Date("2026-03-28T00:00:00Z"), count: 2 });
    expect(berlin.readable && berlin.next).toEqual(at("2026-03-28T07:00:00Z", "2026-03-29T06:00:00Z"));
  });

  it("says what is wrong with a line it cannot read", () => {
    expect(readUnixCron("0 2 * *", "UTC")).toEqual({ readable: false, problem: 'Batchdeck cannot read the schedule "0 2 * *": a cron line has 5 fields (minute hour day-of-month month day-of-week), this one has 4.' });
    expect(readUnixCron("0 2 L * *", "UTC")).toEqual({ readable: false, problem: 'Batchdeck cannot read the schedule "0 2 L * *": "L" uses an operator unix cron does not have (only * , - / and numbers or names).' });
    expect(readUnixCron("0 2 * * *", "Mars/Olympus")).toEqual({ readable: false, problem: 'Batchdeck cannot read the schedule "0 2 * * *": "Mars/Olympus" is not a time zone this server knows.' });
    const outOfRange = readUnixCron("61 * * * *", "UTC");
    expect(outOfRange.readable).toBe(false);
  });
});
