import type { Job, JobExecution } from "@azure/arm-appcontainers";
import type {
  CloudProvider,
  ConnectionReport,
  LogFilter,
  LogLine,
  Page,
  ProviderAccount,
  ProviderExecution,
  ProviderJob,
  StartRequest,
  StartedExecution,
  TriggerMessageResult,
} from "../types";
import { REQUEST_KEY_ENV } from "../types";
import { ProviderError } from "../errors";
import { formatSeconds, withTimeout } from "../timeout";
import { createAzureClients, type AzureClientOptions, type AzureClients } from "./client";
import { toProviderError } from "./errors";
import { transformExecution, transformJob, transformStarted } from "./transform";
import { buildRedeployTemplate, buildStartTemplate } from "./template";
import { readExecutionLogs } from "./logs";
import { sendQueueMessage, serviceBusTargetOf } from "./servicebus";

// Azure Container Apps jobs behind the CloudProvider interface. Every ARM call goes through `arm()`
// (one deadline, one error mapping); long-running operations through `lro()`.

const ARM = "Azure Resource Manager";
/** listExecutions pages by job: JobsExecutions_List is one call per job. */
const JOBS_PER_PAGE = 10;

type JobRef = { providerId: string; name: string };

export class AzureProvider implements CloudProvider {
  readonly cloud = "azure" as const;

  constructor(private readonly c: AzureClients) {}

  private get rg(): string {
    return this.c.settings.resourceGroup;
  }

  private get scope() {
    return { subscriptionId: this.c.settings.subscriptionId, resourceGroup: this.rg };
  }

  /** One ARM call under the per-call deadline, with Azure errors mapped to ProviderError. */
  private arm<T>(call: (signal: AbortSignal) => Promise<T>, ms = this.c.timeoutMs): Promise<T> {
    return withTimeout(ARM, ms, async (signal) => {
      try {
        return await call(signal);
      } catch (error) {
        throw toProviderError(error, ARM);
      }
    });
  }

  /**
   * A long-running operation: the first request under the per-call deadline, then polling (202 +
   * Location / Azure-AsyncOperation, followed by the SDK's poller) under the longer LRO deadline.
   */
  private async lro<T>(what: string, begin: (signal: AbortSignal) => Promise<{ pollUntilDone(o?: { abortSignal?: AbortSignal }): Promise<T> }>): Promise<T> {
    const poller = await this.arm(begin);
    const service = `${ARM} (${what})`;
    return withTimeout(service, this.c.lroTimeoutMs, async (signal) => {
      try {
        return await poller.pollUntilDone({ abortSignal: signal });
      } catch (error) {
        // @azure/core-lro reports a terminal "Failed"/"Canceled" operation as a plain Error.
        if (error instanceof Error && /long-running operation (has failed|has been canceled)/i.test(error.message)) {
          throw new ProviderError("invalid_request", `Azure could not complete the ${what}: ${error.message}`, {
            providerCode: "OperationFailed",
            cause: error,
          });
        }
        throw toProviderError(error, ARM);
      }
    }).catch((error: unknown) => {
      if (error instanceof ProviderError && error.providerCode === "Timeout") {
        throw new ProviderError(
          "unreachable",
          `Azure accepted the ${what} but did not finish it within ${formatSeconds(this.c.lroTimeoutMs)}. It may still complete; refresh the job in a minute.`,
          { providerCode: "Timeout" },
        );
      }
      throw error;
    });
  }

  private async collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
    const items: T[] = [];
    for await (const item of iterator) items.push(item);
    return items;
  }

  private listAzureJobs(): Promise<Job[]> {
    return this.arm((abortSignal) => this.collect(this.c.arm.jobs.listByResourceGroup(this.rg, { abortSignal })));
  }

  private getAzureJob(name: string): Promise<Job> {
    return this.arm((abortSignal) => this.c.arm.jobs.get(this.rg, name, { abortSignal }));
  }

  /** Azure keeps only the last 100 executions of a job (learn.microsoft.com: "Jobs in Azure Container Apps", job execution history). */
  private listAzureExecutions(jobName: string): Promise<JobExecution[]> {
    return this.arm((abortSignal) => this.collect(this.c.arm.jobsExecutions.list(this.rg, jobName, { abortSignal })));
  }

  async testConnection(): Promise<ConnectionReport> {
    const jobs = await this.listAzureJobs();
    const n = jobs.length;
    return { ok: true, detail: `Listed ${n} job${n === 1 ? "" : "s"} in resource group ${this.rg}` };
  }

  async listJobs(): Promise<ProviderJob[]> {
    const jobs = await this.listAzureJobs();
    return jobs.map((job) => transformJob(job, this.scope));
  }

  /**
   * Executions of every job, `JOBS_PER_PAGE` jobs per page (cursor = the next job's name, jobs in name
   * order). `since` keeps runs that started or ended after it and every run still going.
   */
  async listExecutions(since: Date | null, cursor: string | null): Promise<Page<ProviderExecution>> {
    const jobs = (await this.listJobs()).sort((a, b) => a.name.localeCompare(b.name));
    const start = cursor === null ? 0 : jobs.findIndex((j) => j.name.localeCompare(cursor) >= 0);
    const page = start < 0 ? [] : jobs.slice(start, start + JOBS_PER_PAGE);
    const items: ProviderExecution[] = [];
    for (const job of page) {
      for (const raw of await this.listAzureExecutions(job.name)) {
        const execution = transformExecution(raw, job);
        if (since === null || isRecent(execution, since)) items.push(execution);
      }
    }
    const next = start < 0 ? undefined : jobs[start + JOBS_PER_PAGE];
    return { items, cursor: next ? next.name : null };
  }

  /** An execution of this job whose env carries the request key, if Azure still lists it. */
  private async findByRequestKey(jobName: string, requestKey: string): Promise<string | null> {
    const executions = await this.listAzureExecutions(jobName);
    for (const raw of executions) {
      const env = raw.template?.containers?.flatMap((c) => c.env ?? []) ?? [];
      if (env.some((e) => e.name === REQUEST_KEY_ENV && e.value === requestKey)) return raw.name ?? null;
    }
    return null;
  }

  /**
   * Idempotent start. Container Apps has no client token, so the key rides in the run's env and we look
   * for it first; a start that times out is checked again before giving up, because Azure may have
   * started the run without us hearing back.
   */
  async startExecution(request: StartRequest): Promise<StartedExecution> {
    const existing = await this.findByRequestKey(request.job.name, request.requestKey);
    if (existing) return { providerId: existing, alreadyStarted: true };
    const job = await this.getAzureJob(request.job.name);
    const template = buildStartTemplate(job, request.overrides, request.requestKey);
    try {
      const started = await this.arm((abortSignal) =>
        this.c.arm.jobs.beginStartAndWait(this.rg, request.job.name, { template, abortSignal, updateIntervalInMs: this.c.lroPollIntervalMs }),
      );
      return transformStarted(started);
    } catch (error) {
      if (error instanceof ProviderError && error.kind === "unreachable") {
        const found = await this.findByRequestKey(request.job.name, request.requestKey).catch(() => null);
        if (found) return { providerId: found, alreadyStarted: true };
      }
      throw error;
    }
  }

  async stopExecution(job: JobRef, executionProviderId: string): Promise<void> {
    await this.lro(`stop of ${executionProviderId}`, (abortSignal) =>
      this.c.arm.jobs.beginStopExecution(this.rg, job.name, executionProviderId, { abortSignal, updateIntervalInMs: this.c.lroPollIntervalMs }),
    );
  }

  /** PATCH the job with its template and a new image; ARM answers 202 + Location and we poll to the end. */
  async redeploy(job: JobRef, image: string): Promise<void> {
    const current = await this.getAzureJob(job.name);
    const template = buildRedeployTemplate(current, image);
    await this.lro(`redeploy of ${job.name}`, (abortSignal) =>
      this.c.arm.jobs.beginUpdate(this.rg, job.name, { properties: { template } }, { abortSignal, updateIntervalInMs: this.c.lroPollIntervalMs }),
    );
  }

  readLogs(executionProviderIds: string[], filter: LogFilter, cursor: string | null): Promise<Page<LogLine>> {
    return readExecutionLogs(
      {
        credential: this.c.credential,
        logAnalyticsEndpoint: this.c.endpoints.logAnalytics,
        workspaceId: this.c.settings.logAnalyticsWorkspaceId,
        timeoutMs: this.c.timeoutMs,
      },
      executionProviderIds,
      filter,
      cursor,
    );
  }

  async sendTriggerMessage(job: JobRef, body: string, requestKey: string): Promise<TriggerMessageResult> {
    const azureJob = await this.getAzureJob(job.name);
    const target = serviceBusTargetOf(azureJob, this.c.settings.serviceBusNamespace, this.c.endpoints.serviceBusSuffix);
    if (!target) {
      throw new ProviderError(
        "invalid_request",
        `Job ${job.name} is not triggered by a Service Bus queue (no azure-servicebus scale rule with a queueName, or no namespace on the rule or the account).`,
        { providerCode: "NotServiceBusTriggered" },
      );
    }
    const { sentAt } = await sendQueueMessage(
      {
        endpoint: this.c.endpoints.serviceBus,
        keyName: this.c.credentials?.serviceBusKeyName,
        key: this.c.credentials?.serviceBusKey,
        timeoutMs: this.c.timeoutMs,
      },
      target,
      body,
      requestKey,
    );
    return { executionProviderId: null, inferred: true, sentAt };
  }
}

function isRecent(execution: ProviderExecution, since: Date): boolean {
  if (execution.status === "running" || execution.status === "queued") return true;
  const t = since.getTime();
  return (execution.startedAt?.getTime() ?? -Infinity) >= t || (execution.endedAt?.getTime() ?? -Infinity) >= t;
}

export function createAzureProvider(account: ProviderAccount, options: AzureClientOptions = {}): AzureProvider {
  return new AzureProvider(createAzureClients(account, options));
}
