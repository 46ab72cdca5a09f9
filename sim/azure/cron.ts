// Five-field cron ("m h dom mon dow"), the format of scheduleTriggerConfig.cronExpression. Azure
// evaluates job schedules in UTC (learn.microsoft.com/azure/container-apps/jobs#scheduled-jobs).
// Supported: *, numbers, a-b ranges, lists, */n and a-b/n steps; dow 0-7 (0 and 7 = Sunday).

interface CronFields {
  minute: Set<number>;
  hour: Set<number>;
  dayOfMonth: Set<number>;
  month: Set<number>;
  dayOfWeek: Set<number>;
  domStar: boolean;
  dowStar: boolean;
}

export function parseCron(expression: string): CronFields {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron expression '${expression}' must have 5 fields`);
  const [m, h, dom, mon, dow] = parts as [string, string, string, string, string];
  const dayOfWeek = field(dow, 0, 7);
  if (dayOfWeek.has(7)) dayOfWeek.add(0);
  return {
    minute: field(m, 0, 59),
    hour: field(h, 0, 23),
    dayOfMonth: field(dom, 1, 31),
    month: field(mon, 1, 12),
    dayOfWeek,
    domStar: dom === "*",
    dowStar: dow === "*",
  };
}

function field(text: string, min: number, max: number): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const [range, stepText] = item.split("/") as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo: number;
    let hi: number;
    if (range === "*") [lo, hi] = [min, max];
    else if (range.includes("-")) [lo, hi] = range.split("-").map(Number) as [number, number];
    else {
      lo = Number(range);
      hi = stepText === undefined ? lo : max;
    }
    if (![lo, hi, step].every(Number.isInteger) || lo < min || hi > max || lo > hi || step < 1) {
      throw new Error(`cron field '${text}' is not valid (allowed ${min}-${max})`);
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return values;
}

function matches(fields: CronFields, date: Date): boolean {
  if (!fields.minute.has(date.getUTCMinutes()) || !fields.hour.has(date.getUTCHours())) return false;
  if (!fields.month.has(date.getUTCMonth() + 1)) return false;
  const dom = fields.dayOfMonth.has(date.getUTCDate());
  const dow = fields.dayOfWeek.has(date.getUTCDay());
  // Vixie cron: when both day fields are restricted, either may match.
  if (!fields.domStar && !fields.dowStar) return dom || dow;
  return dom && dow;
}

/** Every firing time in (fromMs, toMs], in order. */
export function cronFirings(expression: string, fromMs: number, toMs: number): number[] {
  const fields = parseCron(expression);
  const out: number[] = [];
  let t = Math.floor(fromMs / 60_000) * 60_000 + 60_000;
  for (; t <= toMs; t += 60_000) if (matches(fields, new Date(t))) out.push(t);
  return out;
}
