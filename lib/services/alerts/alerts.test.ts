import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "@/test/support/database";
import { ctxOf, memberActor } from "@/test/support/service-context";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/support/webhook-receiver";
import { alertCatalog } from "@/test/support/alert-fixtures";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/auth/roles";

// Managing channels: who may, what is refused, the test button's report, and email through an SMTP server
// on 127.0.0.1.

useDemoEnv({ BATCHDECK_ENCRYPTION_KEY: randomBytes(32).toString("base64") });
await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { createChannel } = await import("./create");
const { deleteChannel } = await import("./delete");
const { sendTestAlert } = await import("./send-test");
const { createChannelInput } = await import("./schemas");
const { alertChannels } = await import("@/lib/queries/alerts");
const { recordNewFailures } = await import("@/lib/alerts/detect");
const { deliverAlert } = await import("@/lib/alerts/deliver");

interface Mail {
  from: string;
  to: string[];
  data: string;
}
const mails: Mail[] = [];
let smtp: SMTPServer;
let receiver: WebhookReceiver;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (c: Buffer) => (data += c.toString("utf8")));
      stream.on("end", () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await receiver.close();
});
beforeEach(async () => {
  delete process.env.SMTP_URL;
  delete process.env.ALERTS_FROM;
  await db().alertChannel.deleteMany();
});

const owner = () => memberActor("owner@lab.test", "owner");
const input = (fields: Record<string, string>) => createChannelInput.parse({ name: "ops", kind: "webhook", format: "generic", secretUrl: receiver.url, scope: "all", ...fields });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("who manages alerts", () => {
  it("owners and admins may; operators and viewers may not, and cannot read the channels", async () => {
    expect((["owner", "admin", "operator", "viewer"] as const).map((r) => can(r, "alerts:manage"))).toEqual([true, true, false, false]);
    for (const role of ["viewer", "operator"] as const) {
      const error = await refusal(alertChannels(await memberActor(`${role}@lab.test`, role)));
      expect(error.code).toBe("forbidden");
    }
    const admin = await memberActor("admin@lab.test", "admin");
    await createChannel(ctxOf(admin, "alert_channel.create"), input({}));
    const [channel] = await alertChannels(admin);
    expect(channel).toMatchObject({ name: "ops", kind: "webhook", format: "generic", urlHint: `${new URL(receiver.url).host} …abcd`, allJobs: true });
    expect(await db().auditEvent.findMany({ where: { action: "alert_channel.create" }, select: { actorEmail: true, result: true, target: true } })).toEqual([
      { actorEmail: "admin@lab.test", result: "ok", target: "ops" },
    ]);
  });
});

describe("channels", () => {
  it("seals the webhook URL: the database holds no part of its path", async () => {
    await createChannel(ctxOf(await owner()), input({}));
    const row = await db().alertChannel.findFirstOrThrow();
    expect(Buffer.from(row.urlCipher!).toString("latin1")).not.toContain("secret-token");
    expect(JSON.stringify(await db().auditEvent.findMany())).not.toContain("secret-token");
  });

  it("refuses an http URL to a public host and an email channel when SMTP is not configured", async () => {
    const http = await refusal(createChannel(ctxOf(await owner()), input({ secretUrl: "http://hooks.example.com/x" })));
    expect(http.fieldErrors).toEqual({ secretUrl: "The webhook URL must use https:// (it carries the alert, and the URL itself is a secret)." });
    const email = await refusal(createChannel(ctxOf(await owner()), input({ kind: "email", recipients: "a@lab.test" })));
    expect(email.fieldErrors).toEqual({ kind: "Email is not configured." });
    expect(await db().alertChannel.count()).toBe(0);
  });

  it("a test alert reports the receiver's answer, success or not", async () => {
    const { channelId } = (await createChannel(ctxOf(await owner()), input({}))).data;
    receiver.answer(200);
    const ok = await sendTestAlert(ctxOf(await owner()), { channelId });
    expect(ok.data).toEqual({ ok: true, status: 200, detail: "The receiver answered 200." });
    expect(ok.message).toBe("Test alert sent to ops. The receiver answered 200.");
    receiver.answer(404);
    const refused = await sendTestAlert(ctxOf(await owner()), { channelId });
    expect(refused.message).toBe("The test alert to ops failed. The receiver answered 404.");
    expect((receiver.posts.at(-1)!.body as { test: boolean }).test).toBe(true);
    await deleteChannel(ctxOf(await owner()), { channelId });
    expect(await db().alertChannel.count()).toBe(0);
  });

  it("emails a failure to the recipients with the link to the execution", async () => {
    Object.assign(process.env, { SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, ALERTS_FROM: "batchdeck@lab.test" });
    const catalog = await alertCatalog();
    await createChannel(ctxOf(await owner()), input({ kind: "email", recipients: "ada@lab.test, grace@lab.test", secretUrl: "" }));
    const run = await catalog.run(catalog.etl.id, "failed", new Date());
    const [id] = await recordNewFailures();
    expect(await deliverAlert(id!)).toBe("sent");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.from).toBe("batchdeck@lab.test");
    expect(mails[0]!.to).toEqual(["ada@lab.test", "grace@lab.test"]);
    expect(mails[0]!.data).toContain("Subject: Batchdeck: nightly-etl failed (batch no2)");
    expect(mails[0]!.data).toContain(`Execution: http://localhost:3000/executions/${run.id}`);
    expect(mails[0]!.data).toContain(`Logs: http://localhost:3000/logs?execution=${run.id}`);
  });
});
