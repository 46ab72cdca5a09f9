import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "../../support/database";
import { ctxOf, memberActor } from "../../support/service-context";
import { startWebhookReceiver } from "../../support/webhook-receiver";
import { alertCatalog } from "../../support/alert-fixtures";
import { spawnWorker, until, type WorkerProcess } from "../azure/worker-harness";

// Two `npm run worker` processes (what every app server and worker runs) against one database: each
// failed run reaches the loopback receiver exactly once, though both scan for failures and both deliver.

const key = randomBytes(32).toString("base64");
useDemoEnv({ BATCHDECK_ENCRYPTION_KEY: key });
const url = await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { createChannel } = await import("@/lib/services/alerts/create");
const { createChannelInput } = await import("@/lib/services/alerts/schemas");

const workers: WorkerProcess[] = [];
const receiver = await startWebhookReceiver(200);

afterAll(async () => {
  for (const w of workers) {
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGTERM");
    await w.exited;
  }
  await receiver.close();
});

describe("failure alerts with two worker processes", () => {
  it("sends each failed run once per channel", async () => {
    const catalog = await alertCatalog();
    const owner = await memberActor("owner@lab.test", "owner");
    for (const name of ["first", "second"]) {
      await createChannel(ctxOf(owner), createChannelInput.parse({ name, kind: "webhook", format: "generic", secretUrl: receiver.url, scope: "all" }));
    }
    const runs = await Promise.all([catalog.run(catalog.etl.id, "failed", new Date()), catalog.run(catalog.report.id, "failed", new Date())]);
    const env = { DATABASE_URL: url, BATCHDECK_DEMO: "1", GOOGLE_CLIENT_ID: "test", NEXTAUTH_SECRET: "x".repeat(32), BATCHDECK_ENCRYPTION_KEY: key, OWNER_EMAILS: "owner@lab.test" };
    workers.push(spawnWorker(env), spawnWorker(env));
    const sent = await until(() => db().alertDelivery.count({ where: { status: "sent" } }), (n) => n === 4, 60_000);
    expect(sent, workers.map((w) => w.output()).join("\n")).toBe(4);
    // Both keep scanning (every 10 s): still one POST per (channel, execution) after another round.
    await new Promise((r) => setTimeout(r, 12_000));
    const ids = receiver.posts.map((p) => (p.body as { execution: { id: string } }).execution.id).sort();
    expect(ids).toEqual([runs[0]!.id, runs[0]!.id, runs[1]!.id, runs[1]!.id].sort());
  }, 120_000);
});
