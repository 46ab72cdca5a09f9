import { db } from "@/lib/db/client";
import { sendToChannel, DEFAULT_ALERT_TIMEOUT_MS } from "./channel-target";
import type { FailedRun } from "./message";

// One delivery (one channel, one failed execution), claimed before it is sent, so it is sent once however
// many workers hold a job for it:
// - The claim is one UPDATE that moves the row from `pending` (or from `sending` whose lease ran out) to
//   `sending` with a lease. Postgres row-locks the row for the UPDATE, and a second UPDATE racing it
//   re-checks the WHERE after the first commits and finds nothing: exactly one deliverer sends.
// - The outcome is written with the attempt in one transaction: `sent`, or back to `pending` for the
//   queue's next retry, or `failed` after MAX_ATTEMPTS.
// - At-least-once edge: a process that dies after the receiver's 2xx but before that commit leaves the row
//   `sending`; once its lease ends, the scan (detect.ts) hands it to another worker, which sends it again.
//   No receiver here offers an idempotency key, so a second message in that case is the price of never
//   losing one; the lease keeps it to that case alone.

export const MAX_ATTEMPTS = 5;

export type DeliveryResult = "sent" | "retry" | "failed" | "skipped";

export async function deliverAlert(deliveryId: string, timeoutMs: number = DEFAULT_ALERT_TIMEOUT_MS): Promise<DeliveryResult> {
  // The lease outlasts the send (its timeout) with room to commit.
  const leaseSeconds = Math.ceil(timeoutMs / 1000) * 2 + 30;
  const claimed = await db().$queryRaw<{ attempt_count: number }[]>`
    update alert_deliveries set status = 'sending', lease_until = now() + make_interval(secs => ${leaseSeconds}),
      attempt_count = attempt_count + 1, updated_at = now()
    where id = ${deliveryId} and (status = 'pending' or (status = 'sending' and lease_until < now()))
    returning attempt_count`;
  if (claimed.length === 0) return "skipped"; // sent, failed for good, or another worker holds it
  const attempt = claimed[0]!.attempt_count;
  const delivery = await db().alertDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: {
      channel: { select: { id: true, kind: true, format: true, urlCipher: true, urlKeyId: true, recipients: true } },
      execution: {
        select: {
          id: true, providerId: true, batch: true, exitCode: true, providerStatus: true, startedAt: true, endedAt: true,
          job: { select: { id: true, name: true } },
          account: { select: { id: true, name: true, cloud: true } },
        },
      },
    },
  });
  const { execution } = delivery;
  const run: FailedRun = { ...execution, executionId: execution.id, test: false };
  const answer = await sendToChannel(delivery.channel, run, timeoutMs);
  const status = answer.ok ? "sent" : attempt >= MAX_ATTEMPTS ? "failed" : "pending";
  await db().$transaction([
    db().alertAttempt.create({ data: { deliveryId, ok: answer.ok, httpStatus: answer.status, detail: answer.detail } }),
    db().alertDelivery.update({ where: { id: deliveryId }, data: { status, leaseUntil: null, sentAt: answer.ok ? new Date() : null } }),
  ]);
  return status === "pending" ? "retry" : status;
}
