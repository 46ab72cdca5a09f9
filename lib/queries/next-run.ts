import type { TriggerKind } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/client";
import type { ScheduleTrigger } from "@/lib/providers/descriptor";
import { descriptorOf } from "@/lib/providers/registry";
import type { Cloud } from "@/lib/providers/types";

// A job's next run: the soonest next fire time over its enabled schedule triggers, each read in its
// cloud's cron dialect through the cloud's descriptor (lib/schedule/*), as the job page reads them.
// Reading a schedule costs milliseconds (a cron walk in the schedule's zone, five fire times and its
// words), too much for every row of every Jobs page; the fire times read stay right until the last of
// them passes, so each schedule is read again only then (and many jobs share one schedule).

interface StoredTrigger {
  kind: TriggerKind;
  expression: string | null;
  timeZone: string | null;
  enabled: boolean;
}

/** Schedules read, by cloud, kind, expression and zone: the consecutive fire times after `from`. */
const READ = new Map<string, { from: Date; next: Date[] }>();
/** Far more distinct schedules than a catalog holds; past it the oldest reading is dropped. */
const READ_MAX = 10_000;

function firstAfter(cloud: Cloud, trigger: ScheduleTrigger, now: Date): Date | null {
  const descriptor = descriptorOf(cloud);
  if (!descriptor) return null;
  const key = JSON.stringify([cloud, trigger.kind, trigger.expression, trigger.timeZone]);
  const read = READ.get(key);
  // Fire times read from an earlier instant list every fire time after it, so the first one after `now`
  // is among them while one is left; an empty list (unreadable, or never again) stays empty.
  if (read && read.from <= now && (read.next.length === 0 || read.next.at(-1)! > now)) return read.next.find((at) => at > now) ?? null;
  const reading = descriptor.schedule(trigger, now);
  const next = reading?.readable ? reading.next : [];
  READ.delete(key);
  if (READ.size >= READ_MAX) READ.delete(READ.keys().next().value!);
  READ.set(key, { from: now, next });
  return next[0] ?? null;
}

/** The soonest fire time after `now` of the enabled schedules; null when none is known (no schedule, unreadable, none left). */
export function nextRunOf(cloud: Cloud, triggers: readonly StoredTrigger[], now: Date): Date | null {
  let soonest: Date | null = null;
  for (const t of triggers) {
    if (!t.enabled || t.kind !== "schedule" || !t.expression) continue;
    const next = firstAfter(cloud, { kind: t.kind, expression: t.expression, timeZone: t.timeZone }, now);
    if (next && (!soonest || next < soonest)) soonest = next;
  }
  return soonest;
}

/** The next run of each of these jobs that has one, in one query for their enabled schedules. */
export async function nextRunsByJob(jobIds: readonly string[], now: Date): Promise<Map<string, Date>> {
  const rows = await db().$queryRaw<{ job_id: string; cloud: Cloud; kind: TriggerKind; expression: string; time_zone: string | null }[]>`
    SELECT t.job_id, a.cloud, t.kind, t.expression, t.time_zone
    FROM triggers t JOIN jobs j ON j.id = t.job_id JOIN cloud_accounts a ON a.id = j.account_id
    WHERE t.job_id = ANY(${[...jobIds]}::text[]) AND t.enabled AND t.kind = 'schedule' AND t.expression IS NOT NULL`;
  const byJob = new Map<string, { cloud: Cloud; triggers: StoredTrigger[] }>();
  for (const r of rows) {
    const entry = byJob.get(r.job_id) ?? { cloud: r.cloud, triggers: [] };
    entry.triggers.push({ kind: r.kind, expression: r.expression, timeZone: r.time_zone, enabled: true });
    byJob.set(r.job_id, entry);
  }
  const next = new Map<string, Date>();
  for (const [id, { cloud, triggers }] of byJob) {
    const at = nextRunOf(cloud, triggers, now);
    if (at) next.set(id, at);
  }
  return next;
}
