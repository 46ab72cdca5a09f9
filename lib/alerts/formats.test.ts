import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "@/test/support/database";
import { ctxOf, memberActor } from "@/test/support/service-context";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";
import { alertCatalog } from "@/test/support/alert-fixtures";

// Each webhook format exactly as a receiver on 127.0.0.1 gets it, for one failed run.

useDemoEnv({ BATCHDECK_ENCRYPTION_KEY: randomBytes(32).toString("base64"), NEXTAUTH_URL: "http://localhost:3000" });
await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { createChannel } = await import("@/lib/services/alerts/create");
const { createChannelInput } = await import("@/lib/services/alerts/schemas");
const { recordNewFailures } = await import("./detect");
const { deliverAlert } = await import("./deliver");

let receiver: WebhookReceiver;
const bodies = new Map<string, unknown>();
let executionId = "";
let accountId = "";
let jobId = "";
const ended = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
const endedIso = ended.toISOString();
const startedIso = new Date(ended.getTime() - 90_000).toISOString();

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const catalog = await alertCatalog();
  const owner = await memberActor("owner@lab.test", "owner");
  for (const format of ["slack", "discord", "teams", "generic"]) {
    const input = createChannelInput.parse({ name: format, kind: "webhook", format, secretUrl: `${receiver.url}/${format}`, scope: "all" });
    await createChannel(ctxOf(owner, "alert_channel.create"), input);
  }
  await db().alertChannel.updateMany({ data: { createdAt: new Date(ended.getTime() - 3_600_000) } });
  const run = await catalog.run(catalog.etl.id, "failed", ended);
  [executionId, accountId, jobId] = [run.id, catalog.account.id, catalog.etl.id];
  for (const id of await recordNewFailures()) expect(await deliverAlert(id)).toBe("sent");
  for (const post of receiver.posts) {
    expect(post.contentType).toBe("application/json");
    bodies.set(post.path.split("/").pop()!, post.body);
  }
});
afterAll(() => receiver.close());

const link = () => `http://localhost:3000/executions/${executionId}`;
const logs = () => `http://localhost:3000/logs?execution=${executionId}`;
const facts = () => [
  ["Job", "nightly-etl"],
  ["Account", "lab (azure)"],
  ["Batch", "no2"],
  ["Exit code", "3"],
  ["Cloud status", "Failed"],
  ["Started", startedIso],
  ["Ended", endedIso],
  ["Execution", "run-1"],
];

describe("webhook bodies", () => {
  it("generic JSON (docs/alerts.md)", () => {
    expect(bodies.get("generic")).toEqual({
      type: "execution.failed",
      version: 1,
      test: false,
      execution: { id: executionId, providerId: "run-1", batch: "no2", exitCode: 3, providerStatus: "Failed", startedAt: startedIso, endedAt: endedIso, url: link(), logsUrl: logs() },
      job: { id: jobId, name: "nightly-etl" },
      account: { id: accountId, name: "lab", cloud: "azure" },
    });
  });

  it("Slack incoming webhook", () => {
    expect(bodies.get("slack")).toEqual({
      text: `:red_circle: *nightly-etl failed (batch no2)*\n${facts().map(([k, v]) => `*${k}:* ${v}`).join("\n")}\n<${link()}|Open the execution> · <${logs()}|Logs>`,
    });
  });

  it("Discord webhook", () => {
    expect(bodies.get("discord")).toEqual({
      allowed_mentions: { parse: [] },
      embeds: [
        {
          title: "nightly-etl failed (batch no2)",
          url: link(),
          color: 0xd64545,
          fields: [...facts().map(([name, value]) => ({ name, value, inline: true })), { name: "Logs", value: logs(), inline: false }],
          timestamp: endedIso,
        },
      ],
    });
  });

  it("Microsoft Teams Workflows (Adaptive Card)", () => {
    expect(bodies.get("teams")).toEqual({
      type: "message",
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          contentUrl: null,
          content: {
            $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
            type: "AdaptiveCard",
            version: "1.4",
            body: [
              { type: "TextBlock", text: "nightly-etl failed (batch no2)", weight: "Bolder", size: "Medium", color: "Attention", wrap: true },
              { type: "FactSet", facts: facts().map(([title, value]) => ({ title, value })) },
            ],
            actions: [
              { type: "Action.OpenUrl", title: "Open the execution", url: link() },
              { type: "Action.OpenUrl", title: "Logs", url: logs() },
            ],
          },
        },
      ],
    });
  });
});
