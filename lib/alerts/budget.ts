import { db } from "@/lib/db/client";
import { serverEnv } from "@/lib/env";
import { holderUsage, type HolderUsage } from "@/lib/queries/usage-holders";
import { utcMonth } from "@/lib/usage/compute";
import { budgetMessage, type BudgetCrossing } from "./budget-message";
import { sendMessage, DEFAULT_ALERT_TIMEOUT_MS } from "./channel-target";
import { MAX_ATTEMPTS, type DeliveryResult } from "./deliver";

// Budget alerts: once per (grant holder, month, threshold) — 50, 80 and 100% of the owner's budget used by
// the month's cost, and the month-end forecast over it. A scan (lib/alerts/queue.ts) records each crossing
// in budget_alerts, whose unique key makes a second scan, or another worker's, a no-op; only a new row gets
// deliveries, one per channel (the channels of that moment), each claimed and sent once as in deliver.ts.
// A new month is a new key, so the same crossing alerts again.

export const BUDGET_THRESHOLDS = [50, 80, 100] as const;

/** The thresholds a holder's month has crossed, by its cost so far and its forecast. */
export function budgetCrossings(holder: Pick<HolderUsage, "key" | "name" | "cost">, now: Date): BudgetCrossing[] {
  const { usedMicros, forecastMicros, budgetMicros } = holder.cost;
  if (budgetMicros === null || budgetMicros <= 0n) return [];
  const crossed = BUDGET_THRESHOLDS.filter((p) => usedMicros * 100n >= budgetMicros * BigInt(p)).map(String);
  if (forecastMicros > budgetMicros) crossed.push("forecast");
  const month = utcMonth(now).start;
  return crossed.map((threshold) => ({ holderKey: holder.key, holderName: holder.name, month, threshold, costMicros: usedMicros, forecastMicros, budgetMicros }));
}

/** Records this month's new crossings and a delivery per channel for each; returns the new deliveries' ids. */
export async function recordBudgetAlerts(now: Date = new Date()): Promise<string[]> {
  const { holders } = await holderUsage(now);
  const ids: string[] = [];
  for (const c of holders.flatMap((h) => budgetCrossings(h, now))) {
    const inserted = await db().$queryRaw<{ id: string }[]>`
      INSERT INTO budget_alerts (id, holder_key, holder_name, month, threshold, cost_micros, forecast_micros, budget_micros)
      VALUES (gen_random_uuid()::text, ${c.holderKey}, ${c.holderName}, (${c.month}::timestamptz AT TIME ZONE 'UTC')::date, ${c.threshold},
              ${c.costMicros}, ${c.forecastMicros}, ${c.budgetMicros})
      ON CONFLICT (holder_key, month, threshold) DO NOTHING
      RETURNING id`;
    if (inserted.length === 0) continue;
    const deliveries = await db().$queryRaw<{ id: string }[]>`
      INSERT INTO budget_alert_deliveries (id, budget_alert_id, channel_id, updated_at)
      SELECT gen_random_uuid()::text, ${inserted[0]!.id}, c.id, now() FROM alert_channels c
      ON CONFLICT (channel_id, budget_alert_id) DO NOTHING
      RETURNING id`;
    ids.push(...deliveries.map((d) => d.id));
  }
  return ids;
}

/** Budget deliveries whose job was lost (pending and untouched, or sending past its lease), as detect.ts does for failures. */
export async function reclaimStaleBudgetDeliveries(staleSeconds: number): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    UPDATE budget_alert_deliveries SET updated_at = now()
    WHERE (status = 'pending' AND updated_at < now() - make_interval(secs => ${staleSeconds})) OR (status = 'sending' AND lease_until < now())
    RETURNING id`;
  return rows.map((r) => r.id);
}

/** Claims one budget delivery, sends it, and records the outcome: sent once however many workers hold a job for it. */
export async function deliverBudgetAlert(deliveryId: string, timeoutMs: number = DEFAULT_ALERT_TIMEOUT_MS): Promise<DeliveryResult> {
  const leaseSeconds = Math.ceil(timeoutMs / 1000) * 2 + 30;
  const claimed = await db().$queryRaw<{ attempt_count: number }[]>`
    UPDATE budget_alert_deliveries SET status = 'sending', lease_until = now() + make_interval(secs => ${leaseSeconds}),
      attempt_count = attempt_count + 1, updated_at = now()
    WHERE id = ${deliveryId} AND (status = 'pending' OR (status = 'sending' AND lease_until < now()))
    RETURNING attempt_count`;
  if (claimed.length === 0) return "skipped";
  const attempt = claimed[0]!.attempt_count;
  const delivery = await db().budgetAlertDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: { channel: { select: { id: true, kind: true, format: true, urlCipher: true, urlKeyId: true, recipients: true } }, budgetAlert: true },
  });
  const usageUrl = new URL("/usage", serverEnv().NEXTAUTH_URL).href;
  const answer = await sendMessage(delivery.channel, budgetMessage(delivery.budgetAlert, usageUrl), timeoutMs);
  const status = answer.ok ? "sent" : attempt >= MAX_ATTEMPTS ? "failed" : "pending";
  await db().budgetAlertDelivery.update({
    where: { id: deliveryId },
    data: { status, leaseUntil: null, sentAt: answer.ok ? new Date() : null, detail: answer.ok ? null : answer.detail },
  });
  return status === "pending" ? "retry" : status;
}
