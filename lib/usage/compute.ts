// Usage arithmetic in integer milli-units (vCPU-milliseconds, GiB-milliseconds), so sums are exact.

export interface RunAllocation {
  startedAt: Date | null;
  endedAt: Date | null;
  milliVcpu: number | null;
  memoryMiB: number | null;
}

/** The UTC calendar month containing `at`: [start, end). The clouds' grants reset on these bounds. */
export function utcMonth(at: Date): { start: Date; end: Date } {
  return {
    start: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)),
    end: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)),
  };
}

/** What one run used: a quantity is null when the cloud did not report the run's allocation of it. */
export interface RunUsage {
  vcpuMilliSeconds: number | null;
  gibMilliSeconds: number | null;
}

/**
 * What one run used inside [from, to): its billed time (rounded up to `roundingMs`) times its
 * allocation. A run still going counts up to `to`; null when it has no time inside the window.
 */
export function runUsage(run: RunAllocation, from: Date, to: Date, roundingMs: number): RunUsage | null {
  if (!run.startedAt) return null;
  const start = Math.max(run.startedAt.getTime(), from.getTime());
  const end = Math.min((run.endedAt ?? to).getTime(), to.getTime());
  if (end <= start) return null;
  const billedMs = Math.ceil((end - start) / roundingMs) * roundingMs;
  // milliVcpu × ms / 1000 = vCPU-milliseconds; MiB × ms / 1024 / 1000 = GiB-milliseconds (rounded up).
  return {
    vcpuMilliSeconds: run.milliVcpu === null ? null : Math.ceil((run.milliVcpu * billedMs) / 1000),
    gibMilliSeconds: run.memoryMiB === null ? null : Math.ceil((run.memoryMiB * billedMs) / 1024),
  };
}

/** A month's total of one quantity: the sum over runs whose allocation is known, and how many were not. */
export interface QuantityTotal {
  milliSeconds: number;
  /** Runs left out of the sum because their allocation is unknown: shown, never counted as 0. */
  unknownRuns: number;
}

export interface UsageTotals {
  runs: number;
  vcpu: QuantityTotal;
  gib: QuantityTotal;
}

export const NO_USAGE: UsageTotals = { runs: 0, vcpu: { milliSeconds: 0, unknownRuns: 0 }, gib: { milliSeconds: 0, unknownRuns: 0 } };

function addQuantity(total: QuantityTotal, milliSeconds: number | null): QuantityTotal {
  return milliSeconds === null ? { ...total, unknownRuns: total.unknownRuns + 1 } : { ...total, milliSeconds: total.milliSeconds + milliSeconds };
}

export function addRun(totals: UsageTotals, run: RunUsage): UsageTotals {
  return { runs: totals.runs + 1, vcpu: addQuantity(totals.vcpu, run.vcpuMilliSeconds), gib: addQuantity(totals.gib, run.gibMilliSeconds) };
}

/** Month-end projection at the month-to-date pace: used ÷ elapsed share of the month. */
export function forecastToMonthEnd(used: number, now: Date): number {
  const { start, end } = utcMonth(now);
  const elapsed = Math.max(now.getTime() - start.getTime(), 60 * 60 * 1000); // at least an hour, or day one explodes
  return Math.round((used * (end.getTime() - start.getTime())) / elapsed);
}

/** When the grant runs out at the current pace, if it does this month. */
export function exhaustionDate(used: number, grant: number, now: Date): Date | null {
  if (used >= grant) return now;
  const { start, end } = utcMonth(now);
  const elapsed = now.getTime() - start.getTime();
  if (used <= 0 || elapsed <= 0) return null;
  const at = start.getTime() + (grant * elapsed) / used;
  return at < end.getTime() ? new Date(at) : null;
}

/** Days the recent-rate forecast averages over. */
export const FORECAST_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

/** A month-end projection from the recent pace, with what it was computed from (shown on the page). */
export interface RecentForecast {
  /** Projected month total: what is used so far plus the recent rate times the time left. */
  total: number;
  /** The recent rate, per day. */
  perDay: number;
  /** The window the rate was measured over: from this instant to `now`. */
  windowStart: Date;
  /** Its length in days (fractional: today counts only up to now). */
  windowDays: number;
  /** Days left in the month from `now`. */
  daysLeft: number;
}

/**
 * Month-end projection at the recent rate: the usage of the last FORECAST_WINDOW_DAYS UTC days up to now
 * (today only up to now, the window clipped to the month's start), divided by the window's length in days,
 * times the days left, added to the month so far. `daily` holds the month's usage per UTC day, index 0 the
 * 1st. A recent burst or lull moves it more than the month-to-date pace would, which is the point: it says
 * where the current habit leads.
 */
export function forecastFromRecentRate(used: number, daily: readonly number[], now: Date): RecentForecast {
  const { start, end } = utcMonth(now);
  const today = Math.floor((now.getTime() - start.getTime()) / DAY_MS);
  const first = Math.max(0, today - (FORECAST_WINDOW_DAYS - 1));
  const windowStart = new Date(start.getTime() + first * DAY_MS);
  // At least an hour, or a forecast made just after midnight on the 1st explodes.
  const windowMs = Math.max(now.getTime() - windowStart.getTime(), 3_600_000);
  let recent = 0;
  for (let day = first; day <= today; day++) recent += daily[day] ?? 0;
  const perDay = (recent * DAY_MS) / windowMs;
  const daysLeft = (end.getTime() - now.getTime()) / DAY_MS;
  return { total: Math.round(used + perDay * daysLeft), perDay, windowStart, windowDays: windowMs / DAY_MS, daysLeft };
}
