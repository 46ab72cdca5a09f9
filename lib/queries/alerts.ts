import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";

// The Alerts page: its channels with their last deliveries, and the jobs a channel can be scoped to.
// Only owners and admins read it: a channel's recipients and URL hints are theirs to manage.

const RECENT_DELIVERIES = 5;

export interface RecentDelivery {
  channel_id: string;
  id: string;
  status: "pending" | "sending" | "sent" | "failed";
  attempt_count: number;
  created_at: Date;
  execution_id: string;
  provider_id: string;
  job_name: string;
  last_detail: string | null;
}

export async function alertChannels(actor: Actor) {
  assertCan(actor, "alerts:manage");
  const channels = await db().alertChannel.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, format: true, urlHint: true, recipients: true, allJobs: true, jobIds: true, createdAt: true },
  });
  // Each channel's last few deliveries, on the (channel_id, created_at) index: a lateral limit per
  // channel in SQL, not Prisma's nested take, which would read every delivery and cut in memory.
  const recent = channels.length
    ? await db().$queryRaw<RecentDelivery[]>`
        select c.id as channel_id, d.id, d.status::text as status, d.attempt_count, d.created_at, e.id as execution_id, e.provider_id, j.name as job_name,
          (select a.detail from alert_attempts a where a.delivery_id = d.id order by a.at desc limit 1) as last_detail
        from unnest(${channels.map((c) => c.id)}::text[]) as c(id)
        cross join lateral (select * from alert_deliveries d where d.channel_id = c.id order by d.created_at desc limit ${RECENT_DELIVERIES}) d
        join executions e on e.id = d.execution_id join jobs j on j.id = e.job_id
        order by d.created_at desc`
    : [];
  return channels.map((c) => ({ ...c, deliveries: recent.filter((d) => d.channel_id === c.id) }));
}

/** Every job by name, for the "chosen jobs" scope (a lab has tens to a few hundred). */
export async function alertableJobs(actor: Actor) {
  assertCan(actor, "alerts:manage");
  return db().job.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true, account: { select: { name: true } } } });
}
