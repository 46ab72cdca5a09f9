// The simulated clock. Executions, cron triggers and queue pick-ups run on it, so a test can jump a day
// ahead in one call. Frozen by default (tests); `realtime` also lets it follow the wall clock (demo).
// Credentials (token and SAS expiry) deliberately use the REAL clock instead: SDKs cache tokens by
// wall time, and a test that jumps a week ahead must not see every cached token rejected.

export type ClockListener = (now: Date) => void;

export class SimClock {
  private offsetMs: number;
  private readonly listeners: ClockListener[] = [];

  constructor(start: Date, private readonly realtime: boolean) {
    this.offsetMs = start.getTime() - (realtime ? Date.now() : 0);
  }

  nowMs(): number {
    return this.offsetMs + (this.realtime ? Date.now() : 0);
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(seconds: number): Date {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError("advanceSeconds must be a number >= 0");
    this.offsetMs += seconds * 1000;
    return this.changed();
  }

  /** Moves to `date`; the clock never goes back (runs already finished cannot un-finish). */
  set(date: Date): Date {
    const delta = date.getTime() - this.nowMs();
    if (Number.isNaN(delta)) throw new RangeError("now must be an ISO date-time");
    if (delta < 0) throw new RangeError("the simulated clock only moves forward");
    this.offsetMs += delta;
    return this.changed();
  }

  onChange(listener: ClockListener): void {
    this.listeners.push(listener);
  }

  private changed(): Date {
    const now = this.now();
    for (const listener of this.listeners) listener(now);
    return now;
  }
}
