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
