import { db } from "@/lib/db/client";
import { isProviderError } from "@/lib/providers/errors";
import type { CloudProvider } from "@/lib/providers/types";
import { lockHolders } from "@/lib/usage/reprice";
import { repriceSamples } from "@/lib/usage/reprice-samples";

// Requests served by an account's services, per UTC day, into usage_samples.requests: the figure the
// Usage page sets against the cloud's request grant. Counting reads the cloud's request logs, and Cloud
// Logging allows about 60 reads a minute per project (https://cloud.google.com/logging/quotas#api-limits),
// shared with the Logs screen; so an account is counted at most once per COUNT_EVERY_MS (the time of
// the last count is the row's updated_at), and a throttled read keeps the old number and lets the
// sync finish. The requests beyond the grant holder's monthly grant are priced into cost_micros
// (lib/usage/reprice-samples.ts) once the counts are in.

export const COUNT_EVERY_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

function utcMidnight(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

async function countDay(count: NonNullable<CloudProvider["countServiceRequests"]>, services: string[], from: Date, to: Date): Promise<number> {
  let total = 0;
  // One service after another: parallel reads would only spend the project's read quota faster.
  for (const service of services) total += await count(service, from, to);
  return total;
}

/**
 * Counts today's requests (midnight UTC to `now`) and, once after midnight, yesterday's whole day, and
 * stores them. Returns the days written (YYYY-MM-DD); none when the provider cannot count requests, the
 * account has no services, or it was counted less than COUNT_EVERY_MS ago.
 */
export async function saveRequests(accountId: string, provider: CloudProvider, now = new Date()): Promise<string[]> {
  const count = provider.countServiceRequests?.bind(provider);
  if (!count) return [];
  const services = await db().job.findMany({ where: { accountId, kind: "service", goneAt: null }, select: { providerId: true }, orderBy: { providerId: "asc" } });
  if (services.length === 0) return [];

  const today = utcMidnight(now);
  const yesterday = new Date(today.getTime() - DAY_MS);
  const stored = await db().usageSample.findMany({ where: { accountId, day: { in: [yesterday, today] } }, select: { day: true, requests: true, updatedAt: true } });
  const row = (day: Date) => stored.find((s) => s.day.getTime() === day.getTime());
  const todayRow = row(today);
  if (todayRow && now.getTime() - todayRow.updatedAt.getTime() < COUNT_EVERY_MS) return [];

  // Yesterday is counted until a count made after its end: then the day is complete. The filter's upper
  // bound is inclusive, so a day ends at its last millisecond.
  const yesterdayRow = row(yesterday);
  const days = [{ day: today, to: now, stored: todayRow?.requests ?? null }];
  if (!yesterdayRow || yesterdayRow.updatedAt < today) days.unshift({ day: yesterday, to: new Date(today.getTime() - 1), stored: yesterdayRow?.requests ?? null });

  const ids = services.map((s) => s.providerId);
  const written: string[] = [];
  for (const d of days) {
    let requests: bigint;
    try {
      requests = BigInt(await countDay(count, ids, d.day, d.to));
    } catch (error) {
      if (!(isProviderError(error) && error.kind === "throttled")) throw error;
      console.warn(`[sync ${accountId}] request count skipped, the old figure stays: ${error.message}`);
      return written;
    }
    // updated_at is written on every count (it is when the account was last counted); the figure only when it moved.
    await db().usageSample.upsert({
      where: { accountId_day: { accountId, day: d.day } },
      create: { accountId, day: d.day, requests, updatedAt: now },
      update: requests === d.stored ? { updatedAt: now } : { requests, updatedAt: now },
    });
    written.push(d.day.toISOString().slice(0, 10));
  }
  await db().$transaction(async (tx) => {
    await lockHolders(tx, [accountId]);
    await repriceSamples(tx, [accountId]);
  });
  return written;
}
