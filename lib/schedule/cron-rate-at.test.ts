import { describe, expect, it } from "vitest";
import { readCronRateAt } from "./cron-rate-at";

// Expected values computed by hand from the vendor's rules:
// https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html

const at = (...isos: string[]) => isos.map((iso) => new Date(iso));
const nextOf = (expression: string, from: string, count = 3, zone: string | null = null) => {
  const reading = readCronRateAt(expression, zone, { from: new Date(from), count });
  return reading.readable ? reading.next : reading.problem;
};

describe("readCronRateAt: cron(…)", () => {
  it("reads six fields in UTC, with ? for the unused day field", () => {
    expect(readCronRateAt("cron(0 10 * * ? *)", null, { from: new Date("2026-03-01T12:00:00Z"), count: 3 })).toEqual({
      readable: true,
      words: "At 10:00, every day (UTC)",
      timeZone: "UTC",
      next: at("2026-03-02T10:00:00Z", "2026-03-03T10:00:00Z", "2026-03-04T10:00:00Z"),
    });
    // Day-of-week counts from 1 = Sunday: 2-6 is Monday to Friday. 2026-03-06 is a Friday.
    expect(readCronRateAt("cron(15 12 ? * 2-6 *)", "UTC", { from: new Date("2026-03-06T13:00:00Z"), count: 3 })).toEqual({
      readable: true,
      words: "At 12:15, on Monday to Friday (UTC)",
      timeZone: "UTC",
      next: at("2026-03-09T12:15:00Z", "2026-03-10T12:15:00Z", "2026-03-11T12:15:00Z"),
    });
  });

  it("reads L, W and # (2026-03-15 is a Sunday, 2026 is not a leap year)", () => {
    expect(nextOf("cron(0 0 L * ? *)", "2026-02-01T00:00:00Z")).toEqual(at("2026-02-28T00:00:00Z", "2026-03-31T00:00:00Z", "2026-04-30T00:00:00Z"));
    expect(nextOf("cron(0 9 15W * ? *)", "2026-03-01T00:00:00Z")).toEqual(at("2026-03-16T09:00:00Z", "2026-04-15T09:00:00Z", "2026-05-15T09:00:00Z"));
    expect(nextOf("cron(0 0 ? * 3#2 *)", "2026-03-01T00:00:00Z")).toEqual(at("2026-03-10T00:00:00Z", "2026-04-14T00:00:00Z", "2026-05-12T00:00:00Z"));
    expect(nextOf("cron(0 0 ? * 6L *)", "2026-03-01T00:00:00Z")).toEqual(at("2026-03-27T00:00:00Z", "2026-04-24T00:00:00Z", "2026-05-29T00:00:00Z"));
    // A bare L in day-of-week is the week's last day, Saturday.
    expect(nextOf("cron(0 0 ? * L *)", "2026-03-01T00:00:00Z")).toEqual(at("2026-03-07T00:00:00Z", "2026-03-14T00:00:00Z", "2026-03-21T00:00:00Z"));
    expect(readCronRateAt("cron(0 0 ? * 3#2 *)", null, { from: new Date("2026-03-01T00:00:00Z"), count: 1 })).toEqual({
      readable: true,
      words: "At 00:00, on the 2nd Tuesday of the month (UTC)",
      timeZone: "UTC",
      next: at("2026-03-10T00:00:00Z"),
    });
    expect(readCronRateAt("cron(0 18 ? * 6L *)", null, { from: new Date("2026-03-01T00:00:00Z"), count: 1 })).toEqual({
      readable: true,
      words: "At 18:00, on the last Friday of the month (UTC)",
      timeZone: "UTC",
      next: at("2026-03-27T18:00:00Z"),
    });
    expect(readCronRateAt("cron(0 9 15W * ? *)", null, { from: new Date("2026-03-01T00:00:00Z"), count: 1 })).toEqual({
      readable: true,
      words: "At 09:00, on the weekday nearest the 15th of the month (UTC)",
      timeZone: "UTC",
      next: at("2026-03-16T09:00:00Z"),
    });
  });

  it("reads 1/10 as every tenth minute from minute 1, and a year", () => {
    expect(nextOf("cron(1/10 * * * ? *)", "2026-03-01T00:00:00Z")).toEqual(at("2026-03-01T00:01:00Z", "2026-03-01T00:11:00Z", "2026-03-01T00:21:00Z"));
    expect(nextOf("cron(0 10 * * ? 2027)", "2026-03-01T00:00:00Z")).toEqual(at("2027-01-01T10:00:00Z", "2027-01-02T10:00:00Z", "2027-01-03T10:00:00Z"));
    expect(readCronRateAt("cron(0 10 * * ? 2020)", null, { from: new Date("2026-03-01T00:00:00Z") })).toEqual({
      readable: true,
      words: "At 10:00, every day, in 2020 (UTC)",
      timeZone: "UTC",
      next: [],
      note: "It will not fire again.",
    });
  });

  it("skips a time the spring change removes and fires a repeated time once (New York, 2026-03-08 and 2026-11-01)", () => {
    expect(nextOf("cron(30 2 * * ? *)", "2026-03-07T00:00:00Z", 3, "America/New_York")).toEqual(at("2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z"));
    expect(nextOf("cron(30 1 * * ? *)", "2026-10-31T00:00:00Z", 3, "America/New_York")).toEqual(at("2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
    expect(nextOf("cron(0/30 1 * * ? *)", "2026-10-31T12:00:00Z", 4, "America/New_York")).toEqual(at("2026-11-01T05:00:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:00:00Z", "2026-11-02T06:30:00Z"));
  });

  it("refuses what the dialect does not allow", () => {
    const problem = (e: string) => {
      const r = readCronRateAt(e, null);
      return r.readable ? "readable" : r.problem;
    };
    expect(problem("cron(0 10 * * 2 *)")).toBe('Batchdeck cannot read the schedule "cron(0 10 * * 2 *)": exactly one of day-of-month and day-of-week must be ?.');
    expect(problem("cron(0 10 ? * ? *)")).toBe('Batchdeck cannot read the schedule "cron(0 10 ? * ? *)": exactly one of day-of-month and day-of-week must be ?.');
    expect(problem("cron(0 10 * * ?)")).toBe('Batchdeck cannot read the schedule "cron(0 10 * * ?)": cron(…) has 6 fields (minutes hours day-of-month month day-of-week year), this one has 5.');
    expect(problem("cron(0 0 ? * 3#1,6#3 *)")).toBe('Batchdeck cannot read the schedule "cron(0 0 ? * 3#1,6#3 *)": day-of-week "3#1,6#3" is not valid (1-7 or SUN-SAT with , - * ? L #, and # alone).');
    expect(problem("cron(0 0 * * ? 2200)")).toBe('Batchdeck cannot read the schedule "cron(0 0 * * ? 2200)": the year is 1970-2199.');
    expect(problem("every day")).toBe('Batchdeck cannot read the schedule "every day": expected cron(…), rate(…) or at(…).');
    expect(problem("cron(99 0 * * ? *)")).not.toBe("readable");
  });
});

describe("readCronRateAt: rate(…)", () => {
  it("counts from the schedule's start, singular for 1", () => {
    expect(readCronRateAt("rate(1 minute)", null, { from: new Date("2026-03-01T00:10:00Z"), count: 3, rateAnchor: new Date("2026-03-01T00:00:30Z") })).toEqual({
      readable: true,
      words: "Every minute",
      timeZone: "UTC",
      next: at("2026-03-01T00:10:30Z", "2026-03-01T00:11:30Z", "2026-03-01T00:12:30Z"),
    });
    expect(nextOf("rate(2 days)", "2026-03-01T00:00:00Z", 2)).toEqual([]);
    expect(readCronRateAt("rate(12 hours)", null, { from: new Date("2026-03-01T00:00:00Z"), count: 2, rateAnchor: new Date("2026-03-05T06:00:00Z") })).toEqual({
      readable: true,
      words: "Every 12 hours",
      timeZone: "UTC",
      next: at("2026-03-05T06:00:00Z", "2026-03-05T18:00:00Z"),
    });
  });

  it("says the next runs are unknown without a start", () => {
    expect(readCronRateAt("rate(5 minutes)", null)).toEqual({
      readable: true,
      words: "Every 5 minutes",
      timeZone: "UTC",
      next: [],
      note: "It counts from when the schedule started, which the cloud does not report, so its next runs are not known.",
    });
  });

  it("refuses a unit of the wrong number and a non-positive value", () => {
    expect(readCronRateAt("rate(1 minutes)", null)).toEqual({ readable: false, problem: 'Batchdeck cannot read the schedule "rate(1 minutes)": write rate(1 minute), singular.' });
    expect(readCronRateAt("rate(5 minute)", null)).toEqual({ readable: false, problem: 'Batchdeck cannot read the schedule "rate(5 minute)": write rate(5 minutes), plural.' });
    expect(readCronRateAt("rate(0 hours)", null)).toEqual({ readable: false, problem: 'Batchdeck cannot read the schedule "rate(0 hours)": the rate\'s value is a positive number.' });
    expect(readCronRateAt("rate(5 weeks)", null).readable).toBe(false);
  });
});

describe("readCronRateAt: at(…)", () => {
  it("reads a one-time schedule in its zone", () => {
    expect(readCronRateAt("at(2026-12-24T18:00:00)", "Europe/Berlin", { from: new Date("2026-03-01T00:00:00Z") })).toEqual({
      readable: true,
      words: "Once, on 2026-12-24 at 18:00 (Europe/Berlin)",
      timeZone: "Europe/Berlin",
      next: at("2026-12-24T17:00:00Z"),
    });
    expect(readCronRateAt("at(2026-01-02T03:04:05)", null, { from: new Date("2026-03-01T00:00:00Z") })).toEqual({
      readable: true,
      words: "Once, on 2026-01-02 at 03:04 (UTC)",
      timeZone: "UTC",
      next: [],
      note: "That time has passed.",
    });
    expect(readCronRateAt("at(2026-13-40T00:00:00)", null).readable).toBe(false);
  });
});
