import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { alertSmtp } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sealWebhookUrl } from "@/lib/alerts/channel-target";
import { resolvedWebhookUrlProblem, urlHint } from "@/lib/alerts/webhook-url";
import { loopbackReceiversAllowed } from "@/lib/alerts/receiver-address";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import type { createChannelInput } from "./schemas";

// Adding a channel: the URL is checked (https, a public address) before it is sealed and saved; email is
// only offered when this server can send it. Only failures that end after this moment are sent to it.

export async function createChannel({ audit }: ServiceContext, input: z.infer<typeof createChannelInput>): Promise<ServiceOutcome<{ channelId: string }>> {
  if (await db().alertChannel.findUnique({ where: { name: input.name }, select: { id: true } })) {
    throw new AppError("conflict", `A channel named ${input.name} exists already; choose another name.`, { name: "Name taken." });
  }
  if (input.kind === "email" && !alertSmtp()) {
    throw new AppError("invalid", "Email alerts are not configured on this server (SMTP_URL and ALERTS_FROM). Add a webhook, or ask whoever runs Batchdeck.", { kind: "Email is not configured." });
  }
  const jobIds = input.scope === "chosen" ? input.jobIds : [];
  if (jobIds.length && (await db().job.count({ where: { id: { in: jobIds } } })) !== jobIds.length) {
    throw new AppError("invalid", "Some of the chosen jobs no longer exist. Reload the page and choose again.", { jobIds: "Unknown job." });
  }
  const id = randomUUID();
  let webhook: { urlCipher: Uint8Array<ArrayBuffer>; urlKeyId: string; urlHint: string } | null = null;
  if (input.kind === "webhook") {
    const problem = await resolvedWebhookUrlProblem(input.secretUrl, loopbackReceiversAllowed());
    if (problem) throw new AppError("invalid", problem, { secretUrl: problem });
    const sealed = sealWebhookUrl(id, input.secretUrl);
    webhook = { urlCipher: sealed.cipher, urlKeyId: sealed.keyId, urlHint: urlHint(input.secretUrl) };
  }
  const audited = await db().$transaction(async (tx) => {
    await tx.alertChannel.create({
      data: {
        id,
        name: input.name,
        kind: input.kind,
        format: input.kind === "webhook" ? input.format : null,
        ...webhook,
        recipients: input.kind === "email" ? input.recipients : [],
        allJobs: input.scope === "all",
        jobIds,
      },
    });
    return audit(tx, {
      targetType: "alert_channel",
      targetId: id,
      target: input.name,
      detail: { kind: input.kind, format: input.kind === "webhook" ? (input.format ?? null) : null, url: webhook?.urlHint ?? null, recipients: input.kind === "email" ? input.recipients : [], allJobs: input.scope === "all", jobIds },
    });
  });
  return { data: { channelId: id }, message: `${input.name} added: failures from now on are sent to it. Press "Send a test alert" to check it receives them.`, audited };
}
