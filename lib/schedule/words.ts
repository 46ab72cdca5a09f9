// Cron fields → a sentence, for the common shapes a lab writes ("at 02:00 every day", "every 15 minutes
// on weekdays"); a shape this does not know is spelt out field by field rather than guessed.

export interface CronFields {
  minute: string;
  hour: string;
  dayOfMonth: string;
  month: string;
  dayOfWeek: string;
  year?: string;
}

/** How the day-of-week field counts: unix cron 0-7 with 0 and 7 Sunday, or 1-7 with 1 Sunday. */
export type WeekdayBase = "sunday-0" | "sunday-1";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

const isAny = (field: string) => field === "*" || field === "?";
const isNumber = (field: string) => /^\d+$/.test(field);
const pad = (n: string | number) => String(n).padStart(2, "0");
const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th"}`;

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function dayName(token: string, base: WeekdayBase): string {
  const named = DAY_NAMES.indexOf(token.toUpperCase());
  if (named >= 0) return DAYS[named]!;
  const n = Number(token);
  return DAYS[(base === "sunday-0" ? n : n - 1) % 7] ?? token;
}

function monthName(token: string): string {
  const named = MONTH_NAMES.indexOf(token.toUpperCase());
  return named >= 0 ? MONTHS[named]! : (MONTHS[Number(token) - 1] ?? token);
}

/** "Monday to Friday", "Monday and Thursday", … for a list of values and ranges. */
function values(field: string, name: (token: string) => string): string {
  return list(field.split(",").map((part) => (part.includes("-") ? part.split("-").map(name).join(" to ") : name(part))));
}

/** A step field ("*\/15", "0/15", "5/10") → [start, step], or null. */
function step(field: string): [number, number] | null {
  const match = /^(\*|\d+)\/(\d+)$/.exec(field);
  return match ? [match[1] === "*" ? 0 : Number(match[1]), Number(match[2])] : null;
}

function timeOfDay({ minute, hour }: CronFields): string {
  if (isNumber(minute) && /^\d+(,\d+)*$/.test(hour)) return `At ${list(hour.split(",").map((h) => `${pad(h)}:${pad(minute)}`))}`;
  if (minute === "*" && hour === "*") return "Every minute";
  const minuteStep = step(minute);
  if (minuteStep && hour === "*") return minuteStep[0] === 0 ? `Every ${minuteStep[1]} minutes` : `Every ${minuteStep[1]} minutes from minute ${minuteStep[0]}`;
  const hourStep = step(hour);
  if (isNumber(minute) && hour === "*") return `At minute ${Number(minute)} of every hour`;
  if (isNumber(minute) && hourStep) return `Every ${hourStep[1]} hours at minute ${Number(minute)}, from ${pad(hourStep[0])}:${pad(minute)}`;
  return `At minute ${minute} of hour ${hour}`;
}

function days({ dayOfMonth, dayOfWeek }: CronFields, base: WeekdayBase): string {
  if (!isAny(dayOfWeek)) {
    const nth = /^(\w+)#(\d)$/.exec(dayOfWeek);
    if (nth) return `on the ${ordinal(Number(nth[2]))} ${dayName(nth[1]!, base)} of the month`;
    const last = /^(\w+)(?:#)?L$/.exec(dayOfWeek);
    if (last) return `on the last ${dayName(last[1]!, base)} of the month`;
    const onDays = `on ${values(dayOfWeek, (t) => dayName(t, base))}`;
    return isAny(dayOfMonth) ? onDays : `on day ${dayOfMonth} of the month and ${onDays}`;
  }
  if (isAny(dayOfMonth)) return "every day";
  if (dayOfMonth === "L") return "on the last day of the month";
  if (dayOfMonth === "LW") return "on the last weekday of the month";
  const weekday = /^(\d+)W$/.exec(dayOfMonth);
  if (weekday) return `on the weekday nearest the ${ordinal(Number(weekday[1]))} of the month`;
  if (/^[\d,]+$/.test(dayOfMonth)) return `on the ${list(dayOfMonth.split(",").map((d) => ordinal(Number(d))))} of the month`;
  return `on day ${dayOfMonth} of the month`;
}

/** The fields as a sentence ending with the zone, e.g. "At 02:00, every day (UTC)". */
export function describeCron(fields: CronFields, base: WeekdayBase, timeZone: string): string {
  const parts = [timeOfDay(fields), days(fields, base)];
  if (!isAny(fields.month)) parts.push(`in ${values(fields.month, monthName)}`);
  if (fields.year !== undefined && !isAny(fields.year)) parts.push(`in ${fields.year.replace(/-/g, " to ")}`);
  return `${parts.join(", ")} (${timeZone})`;
}
