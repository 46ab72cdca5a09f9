// Usage arithmetic in integer milli-units (vCPU-milliseconds, GiB-milliseconds), so sums are exact.

export interface RunAllocation {
  startedAt: Date | null;
  endedAt: Date | null;
  milliVcpu: number | null;
  memoryMiB: number | null;
}

export interface Usage {
  /** vCPU-seconds × 1000 */
  vcpuMilliSeconds: number;
  /** GiB-seconds × 1000 */
  gibMilliSeconds: number;
}

/** The UTC calendar month containing `at`: [start, end). The clouds' grants reset on these bounds. */
export function utcMonth(at: Date): { start: Date; end: Date } {
  return {
    start: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)),
    end: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)),
  };
}

/**
 * What one run used inside [from, to): its billed time (rounded up to `roundingMs`) times its
 * allocation. A run still going counts up to `to`; a run without a start or an allocation counts 0.
 */
export function runUsage(run: RunAllocation, from: Date, to: Date, roundingMs: number): Usage {
  if (!run.startedAt || run.milliVcpu === null || run.memoryMiB === null) return { vcpuMilliSeconds: 0, gibMilliSeconds: 0 };
  const start = Math.max(run.startedAt.getTime(), from.getTime());
  const end = Math.min((run.endedAt ?? to).getTime(), to.getTime());
  if (end <= start) return { vcpuMilliSeconds: 0, gibMilliSeconds: 0 };
  const billedMs = Math.ceil((end - start) / roundingMs) * roundingMs;
  // milliVcpu × ms / 1000 = vCPU-milliseconds; MiB × ms / 1024 / 1000 = GiB-milliseconds (rounded up).
  return {
    vcpuMilliSeconds: Math.ceil((run.milliVcpu * billedMs) / 1000),
    gibMilliSeconds: Math.ceil((run.memoryMiB * billedMs) / 1024),
  };
}

export function addUsage(a: Usage, b: Usage): Usage {
  return { vcpuMilliSeconds: a.vcpuMilliSeconds + b.vcpuMilliSeconds, gibMilliSeconds: a.gibMilliSeconds + b.gibMilliSeconds };
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
