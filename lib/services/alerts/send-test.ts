import type { z } from "zod";
import { db } from "@/lib/db/client";
import { sendToChannel } from "@/lib/alerts/channel-target";
import type { FailedRun } from "@/lib/alerts/message";
import type { ReceiverAnswer } from "@/lib/alerts/post";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { findChannel } from "./find";
import type { channelIdInput } from "./schemas";

// "Send a test alert": one message marked as a test, in the channel's own format, and the receiver's
// answer shown to whoever pressed the button. Nothing is recorded as a delivery; the click is audited.

/** A made-up failure, so the test looks like the real thing. */
export function testRun(now: Date): FailedRun {
  return {
    executionId: "test-alert",
    providerId: "example-run-0001",
    job: { id: "test-alert", name: "example-job" },
    account: { id: "test-alert", name: "Example account", cloud: "example" },
    batch: "test",
    exitCode: 1,
    providerStatus: "Failed",
    startedAt: new Date(now.getTime() - 60_000),
    endedAt: now,
    test: true,
  };
}

export async function sendTestAlert({ audit }: ServiceContext, input: z.infer<typeof channelIdInput>): Promise<ServiceOutcome<ReceiverAnswer>> {
  const channel = await findChannel(input.channelId);
  const answer = await sendToChannel(channel, testRun(new Date()));
  const audited = await db().$transaction((tx) =>
    audit(tx, { targetType: "alert_channel", targetId: channel.id, target: channel.name, detail: { ok: answer.ok, status: answer.status, detail: answer.detail } }),
  );
  const message = answer.ok ? `Test alert sent to ${channel.name}. ${answer.detail}` : `The test alert to ${channel.name} failed. ${answer.detail}`;
  return { data: answer, message, audited };
}
