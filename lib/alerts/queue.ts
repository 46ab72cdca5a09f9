import type PgBoss from "pg-boss";
import { z } from "zod";
import { deliverAlert, MAX_ATTEMPTS } from "./deliver";
import { reclaimStaleDeliveries, recordNewFailures } from "./detect";
import { deliverBudgetAlert, reclaimStaleBudgetDeliveries, recordBudgetAlerts } from "./budget";
import { DEFAULT_ALERT_TIMEOUT_MS } from "./channel-target";

// Failure alerts on the sync worker's pg-boss (lib/sync/worker.ts): every worker scans for new failures
// every SCAN_SECONDS and enqueues one job per new delivery; any worker's loop delivers it. A failed send
// is retried by pg-boss with exponential backoff (retryDelay · 2^n, jittered) up to MAX_ATTEMPTS in all.
// The delivery row, not the queue, decides whether to send (deliver.ts), so a job run twice sends once.
// Budget alerts (budget.ts) are scanned and sent the same way, on their own queue.

const QUEUE = "alert-delivery";
/** Budget alerts (./budget.ts): the same delivery rules on their own rows and queue. */
const BUDGET_QUEUE = "budget-alert-delivery";
const DEFAULT_SCAN_SECONDS = 10;
const DEFAULT_RETRY_DELAY_SECONDS = 30;
/** A pending delivery nobody touched for this long lost its job; the scan enqueues it again. */
const STALE_SECONDS = 15 * 60;

const jobData = z.object({ deliveryId: z.string().min(1) });

export interface AlertDeliveryOptions {
  scanSeconds?: number;
  /** First retry's delay; each next one doubles. */
  retryDelaySeconds?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface AlertDelivery {
  /** Records and enqueues new failures now (also done every scanSeconds). */
  scan(): Promise<void>;
  stop(): void;
}

export async function startAlertDelivery(boss: PgBoss, options: AlertDeliveryOptions = {}): Promise<AlertDelivery> {
  const log = options.log ?? (() => {});
  const timeoutMs = options.timeoutMs ?? DEFAULT_ALERT_TIMEOUT_MS;
  const retryDelay = options.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS;
  for (const name of [QUEUE, BUDGET_QUEUE]) {
    await boss.createQueue(name, {
      name,
      policy: "standard",
      retryLimit: MAX_ATTEMPTS - 1,
      retryDelay,
      retryBackoff: true,
      expireInSeconds: Math.ceil(timeoutMs / 1000) + 30,
    });
  }
  await boss.work(QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    const { deliveryId } = jobData.parse(job!.data);
    const result = await deliverAlert(deliveryId, timeoutMs);
    log(`alert ${deliveryId}: ${result}`);
    // Throwing is how pg-boss learns to retry this job later, with backoff.
    if (result === "retry") throw new Error(`alert ${deliveryId} not delivered yet; retrying`);
  });
  await boss.work(BUDGET_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    const { deliveryId } = jobData.parse(job!.data);
    const result = await deliverBudgetAlert(deliveryId, timeoutMs);
    log(`budget alert ${deliveryId}: ${result}`);
    if (result === "retry") throw new Error(`budget alert ${deliveryId} not delivered yet; retrying`);
  });
  const scan = async () => {
    const ids = [...(await recordNewFailures()), ...(await reclaimStaleDeliveries(STALE_SECONDS))];
    for (const deliveryId of ids) await boss.send(QUEUE, { deliveryId });
    const budgetIds = [...(await recordBudgetAlerts()), ...(await reclaimStaleBudgetDeliveries(STALE_SECONDS))];
    for (const deliveryId of budgetIds) await boss.send(BUDGET_QUEUE, { deliveryId });
  };
  const scanNow = () => void scan().catch((error: Error) => log(`alerts: could not scan for failures: ${error.message}`));
  scanNow(); // at start too: failures that ended while no worker ran are not kept waiting a period
  const timer = setInterval(scanNow, (options.scanSeconds ?? DEFAULT_SCAN_SECONDS) * 1000);
  return { scan, stop: () => clearInterval(timer) };
}
