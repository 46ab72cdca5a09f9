// Service Bus operations, for the usage screens' estimate (lib/usage/sample-cost.ts prices them).

/**
 * Service Bus operations a queue-triggered job spends, for an estimate where the cloud does not report
 * them to Batchdeck (Batchdeck reads no Service Bus metrics: Azure Monitor's "Incoming/Outgoing requests" would need
 * another API and role). Service Bus bills "any API call" as an operation
 * (https://azure.microsoft.com/pricing/details/service-bus/, checked 2026-11-30): each message is sent,
 * received and completed (3), and the scale rule polls the queue's length every polling interval
 * whether or not anything is there (Container Apps jobs: 30 s by default,
 * https://learn.microsoft.com/azure/container-apps/jobs, "pollingInterval").
 */
export function serviceBusOperations(messages: number, days: number, pollingIntervalSeconds = 30): bigint {
  return BigInt(messages * 3) + BigInt(Math.ceil((days * 86_400) / pollingIntervalSeconds));
}
