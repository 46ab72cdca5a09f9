import { randomBytes } from "node:crypto";
import PgBoss from "pg-boss";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useDemoEnv, useTestDatabase } from "@/test/support/database";
import { ctxOf, memberActor } from "@/test/support/service-context";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";
import { alertCatalog } from "@/test/support/alert-fixtures";

// Delivery on a real Postgres and a real pg-boss, to a webhook receiver on 127.0.0.1: one alert per
// (channel, failed execution) however many workers run, retries with backoff, timeouts, and which runs count.

useDemoEnv({ BATCHDECK_ENCRYPTION_KEY: randomBytes(32).toString("base64"), NEXTAUTH_URL: "http://localhost:3000" });
const url = await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { createChannel } = await import("@/lib/services/alerts/create");
const { createChannelInput } = await import("@/lib/services/alerts/schemas");
const { recordNewFailures } = await import("./detect");
const { deliverAlert, MAX_ATTEMPTS } = await import("./deliver");
const { startAlertDelivery } = await import("./queue");

let receiver: WebhookReceiver;
let catalog: Awaited<ReturnType<typeof alertCatalog>>;
const bosses: PgBoss[] = [];
const stops: (() => void)[] = [];

beforeAll(async () => {
  catalog = await alertCatalog();
});
beforeEach(async () => {
  receiver = await startWebhookReceiver();
  await db().alertChannel.deleteMany();
  await db().execution.deleteMany();
});
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  for (const boss of bosses.splice(0)) await boss.stop({ graceful: false, wait: true, timeout: 2_000 });
  await receiver.close();
});

async function channel(name: string, fields: Record<string, string> = {}) {
  const owner = await memberActor("owner@lab.test", "owner");
  const input = createChannelInput.parse({ name, kind: "webhook", format: "generic", secretUrl: receiver.url, scope: "all", ...fields });
  return (await createChannel(ctxOf(owner, "alert_channel.create"), input)).data.channelId;
}

async function worker() {
  const boss = new PgBoss({ connectionString: url, max: 3, schedule: false });
  await boss.start();
  bosses.push(boss);
  const delivery = await startAlertDelivery(boss, { scanSeconds: 1, retryDelaySeconds: 1, timeoutMs: 1_000 });
  stops.push(delivery.stop);
  return delivery;
}

const attempts = (deliveryId: string) => db().alertAttempt.findMany({ where: { deliveryId }, orderBy: { at: "asc" }, select: { ok: true, httpStatus: true, detail: true } });

describe("which failures are alerted", () => {
  it("a run that failed before the channel existed, or more than a day ago, gets no alert; a new failure does", async () => {
    const before = await catalog.run(catalog.etl.id, "failed", new Date(Date.now() - 60_000));
    await channel("all");
    // A run that failed two days ago, reaching the catalog only now (a cloud that was down).
    const late = await catalog.run(catalog.etl.id, "failed", new Date(Date.now() - 2 * 86_400_000));
    await catalog.run(catalog.etl.id, "succeeded", new Date());
    const fresh = await catalog.run(catalog.etl.id, "failed", new Date());
    const ids = await recordNewFailures();
    const rows = await db().alertDelivery.findMany({ select: { executionId: true } });
    expect(ids).toHaveLength(1);
    expect(rows).toEqual([{ executionId: fresh.id }]);
    expect([before.id, late.id]).not.toContain(rows[0]!.executionId);
    expect(await recordNewFailures()).toEqual([]);
  });

  it("a run that ended two days ago is not alerted even on a channel older than it", async () => {
    const channelId = await channel("old channel");
    await db().alertChannel.update({ where: { id: channelId }, data: { createdAt: new Date(Date.now() - 3 * 86_400_000) } });
    await catalog.run(catalog.etl.id, "failed", new Date(Date.now() - 2 * 86_400_000));
    const recent = await catalog.run(catalog.etl.id, "failed", new Date(Date.now() - 3_600_000));
    await recordNewFailures();
    expect(await db().alertDelivery.findMany({ select: { executionId: true } })).toEqual([{ executionId: recent.id }]);
  });

  it("a channel for chosen jobs gets only their failures", async () => {
    const chosen = await channel("etl only", { scope: "chosen", jobIds: catalog.etl.id });
    const all = await channel("everything");
    const etlRun = await catalog.run(catalog.etl.id, "failed", new Date());
    const reportRun = await catalog.run(catalog.report.id, "failed", new Date());
    await recordNewFailures();
    const rows = await db().alertDelivery.findMany({ select: { channelId: true, executionId: true }, orderBy: [{ channelId: "asc" }, { executionId: "asc" }] });
    const expected = [
      { channelId: chosen, executionId: etlRun.id },
      { channelId: all, executionId: etlRun.id },
      { channelId: all, executionId: reportRun.id },
    ].sort((a, b) => a.channelId.localeCompare(b.channelId) || a.executionId.localeCompare(b.executionId));
    expect(rows).toEqual(expected);
  });
});

describe("delivery", () => {
  it("two workers scanning and delivering at once send exactly one POST per (channel, execution)", async () => {
    await receiver.close();
    receiver = await startWebhookReceiver(300); // slow answers widen the window for a double send
    const a = await channel("first");
    const b = await channel("second");
    const runs = [await catalog.run(catalog.etl.id, "failed", new Date()), await catalog.run(catalog.report.id, "failed", new Date()), await catalog.run(catalog.etl.id, "failed", new Date())];
    const [one, two] = [await worker(), await worker()];
    await Promise.all([one.scan(), two.scan(), one.scan(), two.scan()]);
    await vi.waitFor(async () => expect(await db().alertDelivery.count({ where: { status: "sent" } })).toBe(6), { timeout: 35_000, interval: 200 });
    // Both workers keep scanning for two more seconds: nothing is sent again.
    await new Promise((r) => setTimeout(r, 2_000));
    const pairs = receiver.posts.map((p) => `${(p.body as { execution: { id: string } }).execution.id}`).sort();
    expect(pairs).toEqual([...runs.map((r) => r.id), ...runs.map((r) => r.id)].sort());
    expect(receiver.posts).toHaveLength(6);
    expect(await db().alertDelivery.findMany({ where: { channelId: { in: [a, b] } }, select: { attemptCount: true } })).toEqual(Array(6).fill({ attemptCount: 1 }));
  }, 60_000);

  it("five deliverers racing for one delivery: one claims and sends, the others skip", async () => {
    await receiver.close();
    receiver = await startWebhookReceiver(300);
    await channel("raced");
    await catalog.run(catalog.etl.id, "failed", new Date());
    const [id] = await recordNewFailures();
    const results = await Promise.all(Array.from({ length: 5 }, () => deliverAlert(id!, 2_000)));
    expect(results.sort()).toEqual(["sent", "skipped", "skipped", "skipped", "skipped"]);
    expect(receiver.posts).toHaveLength(1);
  });

  it("a receiver answering 500 twice then 200 gets the alert once, after two retries with backoff, each attempt recorded", async () => {
    receiver.answer(500, 500, 200);
    await channel("flaky");
    await catalog.run(catalog.etl.id, "failed", new Date());
    const started = Date.now();
    await (await worker()).scan();
    await vi.waitFor(async () => expect(await db().alertDelivery.findFirstOrThrow({ select: { status: true } })).toEqual({ status: "sent" }), { timeout: 25_000, interval: 200 });
    // retryDelay 1 s with backoff: the first retry waits 1-2 s, the second 2-4 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    const delivery = await db().alertDelivery.findFirstOrThrow();
    expect(delivery.attemptCount).toBe(3);
    expect(await attempts(delivery.id)).toEqual([
      { ok: false, httpStatus: 500, detail: "The receiver answered 500." },
      { ok: false, httpStatus: 500, detail: "The receiver answered 500." },
      { ok: true, httpStatus: 200, detail: "The receiver answered 200." },
    ]);
    expect(receiver.posts).toHaveLength(3);
  }, 40_000);

  it("a receiver that hangs times out, and the retry delivers", async () => {
    receiver.answer("hang", 200);
    await channel("slow");
    await catalog.run(catalog.etl.id, "failed", new Date());
    const [id] = await recordNewFailures();
    const started = Date.now();
    expect(await deliverAlert(id!, 500)).toBe("retry");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await deliverAlert(id!, 500)).toBe("sent");
    expect(await deliverAlert(id!, 500)).toBe("skipped");
    expect(await attempts(id!)).toEqual([
      { ok: false, httpStatus: null, detail: "The receiver did not answer within 0.5 s." },
      { ok: true, httpStatus: 200, detail: "The receiver answered 200." },
    ]);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts and records the delivery as failed`, async () => {
    receiver.answer(503);
    await channel("down");
    await catalog.run(catalog.etl.id, "failed", new Date());
    const [id] = await recordNewFailures();
    const results = [];
    for (let i = 0; i < MAX_ATTEMPTS + 1; i++) results.push(await deliverAlert(id!, 500));
    expect(results).toEqual([...Array(MAX_ATTEMPTS - 1).fill("retry"), "failed", "skipped"]);
    expect(receiver.posts).toHaveLength(MAX_ATTEMPTS);
    expect(await db().alertDelivery.findUniqueOrThrow({ where: { id: id! }, select: { status: true, attemptCount: true } })).toEqual({ status: "failed", attemptCount: MAX_ATTEMPTS });
  });
});
