import { describe, expect, it } from "vitest";
import { firings, parseExpression } from "./expressions";
import { patternMatches } from "./lifecycle";

// Schedule expressions and event patterns, the parts of EventBridge the simulator evaluates itself.

const iso = (ms: number[]) => ms.map((t) => new Date(t).toISOString());
const from = Date.parse("2026-11-20T00:00:00Z"); // a Friday

describe("schedule expressions", () => {
  it("reads six-field cron in UTC with Quartz day numbers (1 = SUN) and names alike", () => {
    const weekdays = firings(parseExpression("cron(0 9 ? * 2-6 *)"), from, from + 4 * 86_400_000, 0);
    expect(iso(weekdays)).toEqual(["2026-11-20T09:00:00.000Z", "2026-11-23T09:00:00.000Z"]);
    expect(firings(parseExpression("cron(0 9 ? * MON-FRI *)"), from, from + 4 * 86_400_000, 0)).toEqual(weekdays);
    expect(iso(firings(parseExpression("cron(0/20 1 * * ? *)"), from, from + 2 * 3_600_000, 0))).toEqual(["2026-11-20T01:00:00.000Z", "2026-11-20T01:20:00.000Z", "2026-11-20T01:40:00.000Z"]);
    expect(firings(parseExpression("cron(0 0 1 1 ? 2025)"), from, from + 400 * 86_400_000, 0)).toEqual([]);
  });

  it("reads cron and at() in a schedule's time zone", () => {
    expect(iso(firings(parseExpression("cron(0 9 * * ? *)", "Asia/Tokyo"), from, from + 86_400_000, 0))).toEqual(["2026-11-21T00:00:00.000Z"]);
    expect(iso(firings(parseExpression("at(2026-11-20T09:30:00)", "America/New_York", true), from, from + 86_400_000, 0))).toEqual(["2026-11-20T14:30:00.000Z"]);
  });

  it("counts rate() from the rule's creation", () => {
    expect(iso(firings(parseExpression("rate(2 hours)"), from + 3_600_000, from + 6 * 3_600_000, from + 600_000))).toEqual(["2026-11-20T02:10:00.000Z", "2026-11-20T04:10:00.000Z"]);
  });

  it("refuses what EventBridge refuses", () => {
    for (const bad of ["cron(0 12 * * *)", "cron(0 12 * * * *)", "cron(0 12 ? * ? *)", "rate(1 minutes)", "rate(5 minute)", "rate(0 hours)", "at(2026-11-20T09:30:00)", "every 5 minutes"]) {
      expect(() => parseExpression(bad), bad).toThrow("Parameter ScheduleExpression is not valid.");
    }
  });
});

describe("event patterns", () => {
  const event = { source: "aws.ecs", "detail-type": "ECS Task State Change", detail: { lastStatus: "STOPPED", clusterArn: "arn:c" } };
  it("matches listed values, nested fields, and nothing else", () => {
    expect(patternMatches({ source: ["aws.ecs"], "detail-type": ["ECS Task State Change"] }, event)).toBe(true);
    expect(patternMatches({ source: ["aws.ecs"], detail: { lastStatus: ["STOPPED", "RUNNING"] } }, event)).toBe(true);
    expect(patternMatches({ source: ["aws.ecs"], detail: { lastStatus: ["RUNNING"] } }, event)).toBe(false);
    expect(patternMatches({ source: ["aws.batch"] }, event)).toBe(false);
    expect(patternMatches({ account: ["123"] }, event)).toBe(false);
  });
});
