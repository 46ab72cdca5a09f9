import { db } from "@/lib/db/client";

// Which failures become alerts: a scan of failed executions that have no delivery row for a channel yet,
// rather than a hook in the sync's upsert (lib/sync/save-executions.ts). The upsert's RETURNING only tells
// what this write changed; a scan also sees runs written by any other path, survives a worker dying
// between the write and the enqueue, and states the rule in one place:
// - only runs that ended after the channel was created (a new channel does not page anyone about last
//   week's failures), and
// - only runs that ended in the last 24 hours, so a run that failed long ago and reaches the catalog late
//   (a cloud that was down, an account added today with a year of history) is not news to alert about.
// Both bounds are on ended_at, so the scan reads the executions_ended_at index over one day; the unique
// key (channel_id, execution_id) makes the insert a no-op for a pair another worker recorded first, and
// RETURNING hands each new row to exactly one worker to enqueue.

export const ALERT_WINDOW_HOURS = 24;

/** Records a delivery for each new (channel, failed execution) pair; returns the new deliveries' ids. */
export async function recordNewFailures(): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    insert into alert_deliveries (id, channel_id, execution_id, updated_at)
    select gen_random_uuid()::text, c.id, e.id, now()
    from executions e
    join alert_channels c on e.ended_at >= c.created_at and (c.all_jobs or e.job_id = any(c.job_ids))
    where e.status = 'failed' and e.ended_at >= now() - make_interval(hours => ${ALERT_WINDOW_HOURS})
      and not exists (select 1 from alert_deliveries d where d.channel_id = c.id and d.execution_id = e.id)
    on conflict (channel_id, execution_id) do nothing
    returning id`;
  return rows.map((r) => r.id);
}

/**
 * Deliveries whose job was lost: pending but untouched for `staleSeconds` (the worker that recorded it died
 * before enqueueing, or the queue dropped it), or `sending` past its lease (the deliverer died). Each is
 * touched so only one scan picks it up per period.
 */
export async function reclaimStaleDeliveries(staleSeconds: number): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    update alert_deliveries set updated_at = now()
    where (status = 'pending' and updated_at < now() - make_interval(secs => ${staleSeconds}))
       or (status = 'sending' and lease_until < now())
    returning id`;
  return rows.map((r) => r.id);
}
