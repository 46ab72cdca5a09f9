import { Cron } from "croner";
import { isTimeZone, nextFireTimes, NEXT_RUN_COUNT, unreadable, wallClock, type ReadOptions, type ScheduleReading } from "./reading";
import { describeCron } from "./words";

// The schedule expressions cron(minutes hours day-of-month month day-of-week year), rate(value unit) and
// at(yyyy-mm-ddThh:mm:ss), read in UTC or in the zone the schedule names. The rules, from the vendor's
// schedule expression docs (https://docs.amazonaws.cn/en_us/scheduler/latest/UserGuide/schedule-types.html
// and https://docs.amazonaws.cn/en_us/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html):
// - six fields; day-of-week counts 1-7 with 1 Sunday (or SUN-SAT); year is 1970-2199;
// - one of day-of-month and day-of-week is "?": both restricted (or both "*") is refused;
// - day-of-month takes , - * ? / L W; day-of-week takes , - * ? L # and "#" only as a single expression;
// - "1/10" in minutes means every tenth minute from minute 1;
// - rate's value is a positive integer, with a singular unit for 1 ("rate(1 minute)") and a plural one
//   otherwise; it fires every interval from the schedule's start (a day is 24 hours, whatever DST does);
// - across daylight saving time, a time the spring change skips is skipped, and a time the autumn change
//   repeats fires once.

export interface CronRateAtOptions extends ReadOptions {
  /** When a rate schedule started counting (its start date, or when it was created); without it no next runs are known. */
  rateAnchor?: Date;
}

const DAY_OF_MONTH = /^(\?|\*|L|LW|\d{1,2}W|[\d,\-/*]+)$/;
const DAY_OF_WEEK = /^(\?|\*|L|[1-7A-Za-z]{1,3}#[1-5]|[1-7A-Za-z]{1,3}L|[\dA-Za-z,\-*]+)$/;
const PLAIN = /^[\dA-Za-z,\-/*]+$/;
const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

export function readCronRateAt(expression: string, timeZone: string | null, options: CronRateAtOptions = {}): ScheduleReading {
  const zone = timeZone ?? "UTC";
  if (!isTimeZone(zone)) return unreadable(expression, `"${zone}" is not a time zone this server knows.`);
  const form = /^(cron|rate|at)\((.*)\)$/.exec(expression.trim());
  if (!form) return unreadable(expression, "expected cron(…), rate(…) or at(…).");
  const body = form[2]!.trim();
  if (form[1] === "rate") return readRate(expression, body, zone, options);
  if (form[1] === "at") return readAt(expression, body, zone, options);
  return readCron(expression, body, zone, options);
}

function readCron(expression: string, body: string, zone: string, options: ReadOptions): ScheduleReading {
  const fields = body.split(/\s+/);
  if (fields.length !== 6) return unreadable(expression, `cron(…) has 6 fields (minutes hours day-of-month month day-of-week year), this one has ${fields.length}.`);
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) return unreadable(expression, "exactly one of day-of-month and day-of-week must be ?.");
  if (![minute, hour, month, year].every((f) => PLAIN.test(f))) return unreadable(expression, "minutes, hours, month and year take only numbers, names and , - * /.");
  if (!DAY_OF_MONTH.test(dayOfMonth)) return unreadable(expression, `day-of-month "${dayOfMonth}" is not valid (, - * ? / L W).`);
  if (!DAY_OF_WEEK.test(dayOfWeek)) return unreadable(expression, `day-of-week "${dayOfWeek}" is not valid (1-7 or SUN-SAT with , - * ? L #, and # alone).`);
  const years = year.match(/\d+/g)?.map(Number) ?? [];
  if (years.some((y) => y < 1970 || y > 2199)) return unreadable(expression, "the year is 1970-2199.");
  let cron: Cron;
  try {
    // A bare L in day-of-week is the week's last day, Saturday (7); croner spells the rest the same way.
    const pattern = ["0", minute, hour, dayOfMonth, month, dayOfWeek === "L" ? "7" : dayOfWeek, year].join(" ");
    cron = new Cron(pattern, { timezone: zone, mode: "7-part", alternativeWeekdays: true, sloppyRanges: true });
  } catch (error) {
    return unreadable(expression, (error as Error).message.replace(/^CronPattern: /, ""));
  }
  // croner moves a fixed time out of the spring gap and may fire a repeated wall time twice; this dialect
  // does neither, so a time that is not on the pattern's wall clock, or one already fired, is dropped.
  const next = nextFireTimes(cron, options.from ?? new Date(), options.count ?? NEXT_RUN_COUNT, (at, kept) => {
    const wall = wallClock(at, zone);
    return cron.match(at) && !kept.some((k) => wallClock(k, zone) === wall);
  });
  return {
    readable: true,
    words: describeCron({ minute, hour, dayOfMonth, month, dayOfWeek, year }, "sunday-1", zone),
    timeZone: zone,
    next,
    ...(next.length === 0 ? { note: "It will not fire again." } : {}),
  };
}

function readRate(expression: string, body: string, zone: string, options: CronRateAtOptions): ScheduleReading {
  const rate = /^(\d+)\s+(minute|hour|day)(s?)$/.exec(body);
  if (!rate) return unreadable(expression, "rate(…) is a whole number and minute(s), hour(s) or day(s), e.g. rate(5 minutes).");
  const value = Number(rate[1]);
  const unit = rate[2] as keyof typeof UNIT_MS;
  if (value < 1) return unreadable(expression, "the rate's value is a positive number.");
  if ((value === 1) !== (rate[3] === "")) return unreadable(expression, value === 1 ? `write rate(1 ${unit}), singular.` : `write rate(${value} ${unit}s), plural.`);
  const words = value === 1 ? `Every ${unit}` : `Every ${value} ${unit}s`;
  if (!options.rateAnchor) return { readable: true, words, timeZone: zone, next: [], note: "It counts from when the schedule started, which the cloud does not report, so its next runs are not known." };
  const period = value * UNIT_MS[unit];
  const from = (options.from ?? new Date()).getTime();
  const anchor = options.rateAnchor.getTime();
  const first = anchor > from ? anchor : anchor + (Math.floor((from - anchor) / period) + 1) * period;
  const next = Array.from({ length: options.count ?? NEXT_RUN_COUNT }, (_, i) => new Date(first + i * period));
  return { readable: true, words, timeZone: zone, next };
}

function readAt(expression: string, body: string, zone: string, options: ReadOptions): ScheduleReading {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(body)) return unreadable(expression, "at(…) is a local date and time, yyyy-mm-ddThh:mm:ss.");
  let once: Date | null;
  try {
    once = new Cron(body, { timezone: zone, allowPast: true }).getOnce();
  } catch (error) {
    return unreadable(expression, (error as Error).message);
  }
  if (!once || Number.isNaN(once.getTime())) return unreadable(expression, `${body} is not a date.`);
  const words = `Once, on ${body.replace("T", " at ").slice(0, -3)} (${zone})`;
  const past = once.getTime() <= (options.from ?? new Date()).getTime();
  return past ? { readable: true, words, timeZone: zone, next: [], note: "That time has passed." } : { readable: true, words, timeZone: zone, next: [once] };
}
