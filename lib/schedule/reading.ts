import { Cron } from "croner";
import { dateTimeFormat } from "@/lib/format/date-time-format";

// What a job page shows of one schedule trigger: the schedule in words and its next fire times, or why
// Batchdeck cannot read the expression. Each cron dialect (unix-cron.ts, cron-rate-at.ts) produces one.

export type ScheduleReading =
  | {
      readable: true;
      /** The schedule in words, with the zone it is read in, e.g. "At 02:00, every day (UTC)". */
      words: string;
      /** The IANA zone the expression is read in ("UTC" when the cloud fixes it). */
      timeZone: string;
      /** The next fire times, soonest first; empty when none are known (see note) or none are left. */
      next: Date[];
      /** Why next is short or empty, when it is. */
      note?: string;
    }
  | { readable: false; problem: string };

/** How many next runs a reading lists unless asked otherwise. */
export const NEXT_RUN_COUNT = 5;

export interface ReadOptions {
  /** Fire times strictly after this instant (default: now). */
  from?: Date;
  count?: number;
}

export function unreadable(expression: string, why: string): ScheduleReading {
  return { readable: false, problem: `Batchdeck cannot read the schedule "${expression}": ${why}` };
}

/** True for a zone this runtime's Intl knows (IANA names and "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The next `count` fire times after `from` that `keep` accepts (all by default). A pattern may never fire
 * again (a past year) or only rarely; the walk stops after a bounded number of candidates.
 */
export function nextFireTimes(cron: Cron, from: Date, count: number, keep: (at: Date, kept: Date[]) => boolean = () => true): Date[] {
  const kept: Date[] = [];
  let cursor: Date | null = from;
  for (let tries = 0; kept.length < count && tries < count * 4; tries++) {
    cursor = cron.nextRun(cursor);
    if (!cursor) break;
    if (keep(cursor, kept)) kept.push(cursor);
  }
  return kept;
}

/** "Sat 2026-03-07 02:30" of an instant as a wall clock in a zone, to compare two instants' local times. */
export function wallClock(at: Date, timeZone: string): string {
  return dateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(at);
}
