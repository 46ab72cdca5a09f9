import { createHmac } from "node:crypto";
import type { Job } from "@azure/arm-appcontainers";
import type { TriggerCandidate, TriggerMatchInput } from "../descriptor";
import { ProviderError } from "../errors";
import { withTimeout } from "../timeout";
import { fromHttpResponse, toProviderError } from "./errors";
import { assertAzureEndpoint } from "./endpoints";

// Sending the message that wakes a Service Bus-triggered job (seed 000). The Service Bus SDK speaks AMQP
// only, so this uses the documented REST send: POST https://{namespace}/{queue}/messages with a Shared
// Access Signature (learn.microsoft.com: "Send Message" in the Service Bus REST reference; "Service Bus
// access control with Shared Access Signatures"). Success is 201 Created.

export interface ServiceBusTarget {
  /** Host name, e.g. "lab.servicebus.windows.net". */
  namespace: string;
  queue: string;
}

/**
 * KEDA's azure-servicebus `namespace` metadata is the bare name; settings hold the host name. A bare
 * name is completed with the account's cloud's suffix (`serviceBusSuffix` in ./client.ts).
 */
export function namespaceHost(namespace: string, suffix: string): string {
  const trimmed = namespace.trim().replace(/^https?:\/\//, "").replace(/\/+$/, "");
  return trimmed.includes(".") ? trimmed : `${trimmed}${suffix}`;
}

/**
 * The queue a job listens to: its first `azure-servicebus` scale rule with a queueName
 * (KEDA azure-servicebus scaler metadata: queueName | topicName, namespace).
 */
export function serviceBusTargetOf(job: Job, defaultNamespace: string | undefined, suffix: string): ServiceBusTarget | null {
  if ((job.configuration?.triggerType ?? "").toLowerCase() !== "event") return null;
  for (const rule of job.configuration?.eventTriggerConfig?.scale?.rules ?? []) {
    if (rule.type !== "azure-servicebus") continue;
    const meta = (rule.metadata ?? {}) as Record<string, unknown>;
    const queue = typeof meta.queueName === "string" ? meta.queueName : null;
    if (!queue) continue;
    const ns = typeof meta.namespace === "string" && meta.namespace ? meta.namespace : defaultNamespace;
    if (!ns) return null;
    return { namespace: namespaceHost(ns, suffix), queue };
  }
  return null;
}

/**
 * SAS token: HMAC-SHA256 over `<url-encoded resource URI>\n<expiry epoch seconds>`, keyed with the
 * policy key's text as UTF-8 (not base64-decoded), as in Microsoft's Node.js sample.
 */
export function sharedAccessSignature(resourceUri: string, keyName: string, key: string, expiresAt: Date): string {
  const encoded = encodeURIComponent(resourceUri);
  const expiry = Math.floor(expiresAt.getTime() / 1000);
  const signature = createHmac("sha256", key).update(`${encoded}\n${expiry}`, "utf8").digest("base64");
  return `SharedAccessSignature sr=${encoded}&sig=${encodeURIComponent(signature)}&se=${expiry}&skn=${encodeURIComponent(keyName)}`;
}

export interface SendContext {
  /** Replaces https://<namespace> (the simulator's endpoint); null for the real service. */
  endpoint: string | null;
  keyName: string | undefined;
  key: string | undefined;
  timeoutMs: number;
  now?: () => Date;
}

const SERVICE = "Azure Service Bus";
/** Token lifetime: one send, so a few minutes is plenty and limits what a leaked header is worth. */
const SAS_LIFETIME_MS = 5 * 60 * 1000;

/** Sends one message; `messageId` becomes BrokerProperties.MessageId (lets duplicate detection drop a retry). */
export async function sendQueueMessage(ctx: SendContext, target: ServiceBusTarget, body: string, messageId: string): Promise<{ sentAt: Date }> {
  if (!ctx.keyName || !ctx.key) {
    throw new ProviderError(
      "invalid_request",
      "This Azure account has no Service Bus key, so it can't send trigger messages. Add a shared access policy name and key with Send rights on the queue.",
      { providerCode: "NoServiceBusKey" },
    );
  }
  const base = (ctx.endpoint ?? `https://${target.namespace}`).replace(/\/+$/, "");
  // The namespace may come from the job's own scale rule: whatever it says, a signed request goes only
  // to a Service Bus host of Azure's (or the simulator), checked before anything is signed or sent.
  assertAzureEndpoint("serviceBus", base);
  const resourceUri = `${base}/${encodeURIComponent(target.queue)}`;
  const now = (ctx.now ?? (() => new Date()))();
  const authorization = sharedAccessSignature(resourceUri, ctx.keyName, ctx.key, new Date(now.getTime() + SAS_LIFETIME_MS));
  return withTimeout(SERVICE, ctx.timeoutMs, async (signal) => {
    try {
      const response = await fetch(`${resourceUri}/messages`, {
        method: "POST",
        headers: {
          authorization,
          "content-type": "application/json",
          brokerproperties: JSON.stringify({ MessageId: messageId }),
        },
        body,
        redirect: "error",
        signal,
      });
      if (response.status !== 201 && !response.ok) {
        const text = await response.text();
        // Service Bus REST errors are XML: <Error><Code>401</Code><Detail>…</Detail></Error>
        const detail = /<Detail>([\s\S]*?)<\/Detail>/.exec(text)?.[1] ?? null;
        throw fromHttpResponse(`${SERVICE} (${target.namespace}/${target.queue})`, {
          status: response.status,
          header: (name) => response.headers.get(name) ?? undefined,
          code: null,
          message: detail,
        });
      }
      await response.body?.cancel();
      // When the message was sent by the cloud's clock (the broker's Date header), so that the run it
      // wakes, dated by the cloud too, is matched to it even if this server's clock is off; ours if absent.
      const brokerDate = Date.parse(response.headers.get("date") ?? "");
      return { sentAt: Number.isNaN(brokerDate) ? now : new Date(brokerDate) };
    } catch (error) {
      throw toProviderError(error, SERVICE);
    }
  });
}

/** How long after a send an execution may start and still be attributed to it. KEDA polls every 30 s by default (JobScale.pollingInterval). */
export const DEFAULT_TRIGGER_MATCH_WINDOW_MS = 120_000;
/** Our clock and Azure's may disagree a little. */
export const DEFAULT_CLOCK_SKEW_MS = 5_000;

/**
 * The execution a trigger message most likely caused: the first execution of the job that started
 * within the window after the send and that no other click has claimed. A message carries no id into
 * the execution it wakes, so this is an inference, and the caller records it as one.
 */
export function matchTriggeredExecution<E extends TriggerCandidate>(input: Omit<TriggerMatchInput, "executions"> & { executions: readonly E[] }): E | null {
  const claimed = new Set(input.claimedExecutionIds);
  const from = input.sentAt.getTime() - (input.skewMs ?? DEFAULT_CLOCK_SKEW_MS);
  const to = input.sentAt.getTime() + (input.windowMs ?? DEFAULT_TRIGGER_MATCH_WINDOW_MS);
  const candidates = input.executions.filter((e) => {
    const at = e.startedAt?.getTime();
    return e.jobProviderId === input.jobProviderId && at !== undefined && at >= from && at <= to && !claimed.has(e.providerId) && e.requestKey === null;
  });
  candidates.sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime() || a.providerId.localeCompare(b.providerId));
  return candidates[0] ?? null;
}
