import { Cron } from "croner";
import { isTimeZone, nextFireTimes, NEXT_RUN_COUNT, unreadable, type ReadOptions, type ScheduleReading } from "./reading";
import { describeCron } from "./words";

// The unix-cron line "minute hour day-of-month month day-of-week" (0-7 with 0 and 7 Sunday, names
// JAN-DEC and SUN-SAT), read in one zone: UTC for clouds that fix it, or the zone a schedule names.
// Only the classic operators * , - / are unix cron; L, W, # and ? belong to other dialects and are
// refused here rather than given a meaning the cloud does not give them (e.g. Cloud Scheduler: "does not
// support L", https://cloud.google.com/scheduler/docs/configuring/cron-job-schedules).
// When both day fields are restricted, either one matching is enough (Vixie cron; croner's default).
// Daylight saving time, as Vixie cron and croner read it: a fixed time in the skipped hour fires once when
// the gap ends, a fixed time in the repeated hour fires once; a wildcard or stepped hour fires in both.

/** Numbers, *, three-letter names, joined by , - / (so a lone "L" or "W" is not taken for a name). */
const FIELD = /^(\*|\d+|[A-Za-z]{3})([,/-](\*|\d+|[A-Za-z]{3}))*$/;

export function readUnixCron(expression: string, timeZone: string, options: ReadOptions = {}): ScheduleReading {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return unreadable(expression, `a cron line has 5 fields (minute hour day-of-month month day-of-week), this one has ${fields.length}.`);
  const bad = fields.find((field) => !FIELD.test(field));
  if (bad !== undefined) return unreadable(expression, `"${bad}" uses an operator unix cron does not have (only * , - / and numbers or names).`);
  if (!isTimeZone(timeZone)) return unreadable(expression, `"${timeZone}" is not a time zone this server knows.`);
  let cron: Cron;
  try {
    cron = new Cron(fields.join(" "), { timezone: timeZone, mode: "5-part" });
  } catch (error) {
    return unreadable(expression, (error as Error).message.replace(/^CronPattern: /, ""));
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  const next = nextFireTimes(cron, options.from ?? new Date(), options.count ?? NEXT_RUN_COUNT);
  return {
    readable: true,
    words: describeCron({ minute, hour, dayOfMonth, month, dayOfWeek }, "sunday-0", timeZone),
    timeZone,
    next,
    ...(next.length === 0 ? { note: "It will not fire again." } : {}),
  };
}
