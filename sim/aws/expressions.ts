import { Cron } from "croner";

// EventBridge schedule expressions, as rules and Scheduler schedules take them:
// cron(minutes hours day-of-month month day-of-week year) — six fields, one of the two day fields "?",
// day-of-week 1-7 = SUN-SAT (Quartz numbering), L/W/# allowed; rate(value unit); and at(yyyy-mm-ddThh:mm:ss)
// for Scheduler's one-time schedules. Rules run in UTC; schedules in their ScheduleExpressionTimezone.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
// https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html

export type ParsedExpression =
  | { kind: "cron"; cron: Cron }
  | { kind: "rate"; periodMs: number }
  | { kind: "at"; atMs: number };

const UNITS: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/** Parses an expression or throws an Error whose message says what is wrong. */
export function parseExpression(expression: string, timezone = "UTC", allowAt = false): ParsedExpression {
  const cron = /^cron\((.*)\)$/.exec(expression.trim());
  if (cron) {
    const fields = cron[1]!.trim().split(/\s+/);
    if (fields.length !== 6) throw new Error("Parameter ScheduleExpression is not valid.");
    const [minutes, hours, dom, month, dow, year] = fields as [string, string, string, string, string, string];
    // One of day-of-month and day-of-week must be "?" (the EventBridge cron rules).
    if ((dom === "?") === (dow === "?")) throw new Error("Parameter ScheduleExpression is not valid.");
    try {
      return {
        kind: "cron",
        // UTC as a fixed offset: croner then skips the time-zone arithmetic (rules always run in UTC).
        cron: new Cron(`0 ${minutes} ${hours} ${dom} ${month} ${dow} ${year}`, { ...(timezone === "UTC" ? { utcOffset: 0 } : { timezone }), paused: true, mode: "7-part", alternativeWeekdays: true, sloppyRanges: true }),
      };
    } catch {
      throw new Error("Parameter ScheduleExpression is not valid.");
    }
  }
  const rate = /^rate\((\d+)\s+(minutes?|hours?|days?)\)$/.exec(expression.trim());
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2]!;
    // "rate(1 minute)" singular for 1, plural otherwise (eb-rate-expressions).
    if (value < 1 || (value === 1) !== !unit.endsWith("s")) throw new Error("Parameter ScheduleExpression is not valid.");
    return { kind: "rate", periodMs: value * UNITS[unit]! };
  }
  const once = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression.trim());
  if (once && allowAt) return { kind: "at", atMs: localToUtc(once[1]!, timezone) };
  throw new Error("Parameter ScheduleExpression is not valid.");
}

/** Firing times in (fromMs, toMs]. A rate counts from `anchorMs` (when the rule or schedule was made). */
export function firings(parsed: ParsedExpression, fromMs: number, toMs: number, anchorMs: number): number[] {
  const out: number[] = [];
  if (parsed.kind === "at") return parsed.atMs > fromMs && parsed.atMs <= toMs ? [parsed.atMs] : [];
  if (parsed.kind === "rate") {
    let k = Math.max(1, Math.floor((fromMs - anchorMs) / parsed.periodMs) + 1);
    for (let t = anchorMs + k * parsed.periodMs; t <= toMs; t = anchorMs + ++k * parsed.periodMs) if (t > fromMs) out.push(t);
    return out;
  }
  let next = parsed.cron.nextRun(new Date(fromMs));
  while (next && next.getTime() <= toMs) {
    out.push(next.getTime());
    next = parsed.cron.nextRun(next);
  }
  return out;
}

/** "2026-11-20T09:00:00" read in `timezone` -> epoch ms. */
function localToUtc(local: string, timezone: string): number {
  const asUtc = Date.parse(`${local}Z`);
  // The zone's offset at that moment (twice, to settle near a DST change).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - offsetMs(guess, timezone);
  return guess;
}

function offsetMs(atMs: number, timezone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: timezone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(atMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - Math.floor(atMs / 1000) * 1000;
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
