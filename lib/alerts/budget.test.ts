import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "@/test/support/database";
import { ctxOf, memberActor } from "@/test/support/service-context";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";

// Budget alerts on a real Postgres, to a webhook receiver on 127.0.0.1: once per holder, month and
// threshold, however often the scan runs; again the next month.

useDemoEnv({ BATCHDECK_ENCRYPTION_KEY: randomBytes(32).toString("base64"), NEXTAUTH_URL: "http://localhost:3000" });
await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { createChannel } = await import("@/lib/services/alerts/create");
const { createChannelInput } = await import("@/lib/services/alerts/schemas");
const { budgetCrossings, deliverBudgetAlert, recordBudgetAlerts } = await import("./budget");

let receiver: WebhookReceiver;
let at: { accountId: string; jobId: string };

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const owner = await memberActor("owner@lab.test", "owner");
  await createChannel(ctxOf(owner, "alert_channel.create"), createChannelInput.parse({ name: "lab", kind: "webhook", format: "generic", secretUrl: receiver.url, scope: "all" }));
  const account = await db().cloudAccount.create({ data: { cloud: "aws", name: "fargate", settings: {} } });
  const job = await db().job.create({ data: { accountId: account.id, providerId: "etl", name: "etl" } });
  at = { accountId: account.id, jobId: job.id };
  await db().usageBudget.create({ data: { holderKey: `account:${account.id}`, monthlyMicros: 10_000_000n, setBy: "owner@lab.test" } });
});
afterAll(() => receiver.close());

/** The cost of the job's runs started on `day`, as the writers keep it in the rollups. */
const cost = (day: string, costMicros: bigint) =>
  db().jobDailyRollup.upsert({
    where: { jobId_day: { jobId: at.jobId, day: new Date(day) } },
    create: {
      jobId: at.jobId, accountId: at.accountId, day: new Date(day), runs: 1, succeeded: 1, failed: 0, stopped: 0, durationBuckets: [],
      usageRuns: 0, vcpuMilliSeconds: 0n, vcpuUnknownRuns: 0, gibMilliSeconds: 0n, gibUnknownRuns: 0, costMicros,
    },
    update: { costMicros },
  });

async function scanAndSend(now: Date): Promise<{ threshold: string; month: string }[]> {
  const before = receiver.posts.length;
  for (const id of await recordBudgetAlerts(now)) expect(await deliverBudgetAlert(id, 2_000)).toBe("sent");
  return receiver.posts.slice(before).map((p) => p.body as { threshold: string; month: string }).map(({ threshold, month }) => ({ threshold, month }));
}

describe("budget alerts", () => {
  it("names the thresholds crossed, in integers", () => {
    const holder = (used: bigint, forecast: bigint) => ({ key: "k", name: "n", cost: { usedMicros: used, forecastMicros: forecast, budgetMicros: 10_000_000n, daily: [] } });
    const now = new Date("2026-11-20T00:00:00Z");
    expect(budgetCrossings(holder(4_999_999n, 9_000_000n), now)).toEqual([]);
    expect(budgetCrossings(holder(5_000_000n, 10_000_000n), now).map((c) => c.threshold)).toEqual(["50"]);
    expect(budgetCrossings(holder(10_000_000n, 10_000_001n), now).map((c) => c.threshold)).toEqual(["50", "80", "100", "forecast"]);
    expect(budgetCrossings({ ...holder(1n, 1n), cost: { usedMicros: 99n, forecastMicros: 99n, budgetMicros: null, daily: [] } }, now)).toEqual([]);
  });

  it("sends each crossing once a month however often it is scanned, and again the next month", async () => {
    // 20 Nov noon: $6 of $10 used (60%); at 6 / 6.5 a day for 10.5 more days the month ends near $15.69: 50% and the forecast.
    await cost("2026-11-20", 6_000_000n);
    const november = new Date("2026-11-20T12:00:00Z");
    expect(await scanAndSend(november)).toEqual([{ threshold: "50", month: "2026-11" }, { threshold: "forecast", month: "2026-11" }]);
    expect(await scanAndSend(november)).toEqual([]);
    expect(await scanAndSend(new Date("2026-11-20T18:00:00Z"))).toEqual([]);
    // $8.50: 80% is new; 50% and the forecast were sent already.
    await cost("2026-11-20", 8_500_000n);
    expect(await scanAndSend(new Date("2026-11-21T00:00:00Z"))).toEqual([{ threshold: "80", month: "2026-11" }]);
    // Forecast on 21 Nov 00:00: $8.50 over the 6 days since 15 Nov, times the 10 days left, plus the $8.50: $22.666667.
    const first = receiver.posts.at(-1)!.body;
    expect(first).toEqual({
      type: "budget.crossed", version: 1, holder: { key: `account:${at.accountId}`, name: "fargate" }, month: "2026-11", threshold: "80",
      costMicros: "8500000", forecastMicros: "22666667", budgetMicros: "10000000", url: "http://localhost:3000/usage",
    });
    // December starts over: the same thresholds crossed again are sent again.
    await cost("2026-12-02", 6_000_000n);
    expect(await scanAndSend(new Date("2026-12-05T12:00:00Z"))).toEqual([{ threshold: "50", month: "2026-12" }, { threshold: "forecast", month: "2026-12" }]);
    expect(await db().budgetAlert.count()).toBe(5);
  });

  it("a delivery sent is not sent again by a second deliverer", async () => {
    const [delivery] = await db().budgetAlertDelivery.findMany({ where: { status: "sent" }, take: 1 });
    expect(await deliverBudgetAlert(delivery!.id, 2_000)).toBe("skipped");
  });
});
