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
  RedeployReport,
  StartRequest,
  StartedExecution,
  TriggerMessageResult,
} from "../types";
import { REQUEST_KEY_ENV } from "../types";
import { ProviderError } from "../errors";
import { abortableDelay, formatSeconds, mayHaveBeenDelivered, OutcomeUnknown, withTimeout } from "../timeout";
import { startOnce } from "../start-once";
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
  /** The jobs of the listing under way (listExecutions), in name order. */
  private listing: Promise<ProviderJob[]> | null = null;

  /**
   * @param pollEveryMs A fixed poll interval for long-running operations instead of the Retry-After
   * Azure sends (5 s); null: as Azure says. Tests on the simulator's clock poll every few ms.
   */
  constructor(
    private readonly c: AzureClients,
    private readonly pollEveryMs: number | null = null,
  ) {}

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
   * A change made by a long-running operation. The first request runs under the per-call deadline;
   * ARM may then answer 202 + Location (+ Retry-After: 5) and take 6–12 s more, so the polling runs
   * under the longer LRO deadline (learn.microsoft.com: "Asynchronous operations in Azure Resource
   * Manager", https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations).
   * Whenever the request may have reached Azure but no answer says how it ended (a deadline, a reset
   * connection), this throws OutcomeUnknown, never a failure.
   */
  private async lro<T>(what: string, begin: (signal: AbortSignal) => Promise<LroPoller<T>>): Promise<T> {
    let poller: LroPoller<T>;
    try {
      poller = await this.arm(begin);
    } catch (error) {
      if (mayHaveBeenDelivered(error)) {
        throw new OutcomeUnknown(`Azure did not answer the ${what} in time, so Batchdeck cannot tell whether Azure accepted it.`, error);
      }
      throw error;
    }
    const service = `${ARM} (${what})`;
    try {
      return await withTimeout(service, this.c.lroTimeoutMs, (signal) => this.follow(poller, signal));
    } catch (error) {
      const failure = operationFailure(error, what);
      if (failure) throw failure;
      // Accepted, then lost sight of (a deadline, an outage or throttling while polling): it may still
      // complete, so it is not a failure.
      const lost = toProviderError(error, ARM);
      const why = lost.providerCode === "Timeout" ? `did not say within ${formatSeconds(this.c.lroTimeoutMs)} that it finished` : `stopped answering about it (${lost.message})`;
      throw new OutcomeUnknown(`Azure accepted the ${what} but ${why}. It may still complete.`, error);
    }
  }

  /** Polls to the end: every `pollEveryMs` when set, else as the operation's Retry-After says (the SDK's own loop). */
  private async follow<T>(poller: LroPoller<T>, abortSignal: AbortSignal): Promise<T> {
    if (this.pollEveryMs === null) return poller.pollUntilDone({ abortSignal });
    while (!poller.isDone()) {
      await poller.poll({ abortSignal });
      if (!poller.isDone()) await abortableDelay(this.pollEveryMs, abortSignal);
    }
    return poller.getResult() as T;
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
   * order). `since` keeps runs that started or ended after it and every run still going. A listing from
   * the first page lists the jobs once and its later pages reuse that list (another instance given a
   * cursor lists them again); a page's jobs are asked for together, each one ARM call.
   */
  async listExecutions(since: Date | null, cursor: string | null): Promise<Page<ProviderExecution>> {
    if (cursor === null || !this.listing) this.listing = this.listJobs().then((jobs) => jobs.sort((a, b) => a.name.localeCompare(b.name)));
    const jobs = await this.listing;
    const start = cursor === null ? 0 : jobs.findIndex((j) => j.name.localeCompare(cursor) >= 0);
    const page = start < 0 ? [] : jobs.slice(start, start + JOBS_PER_PAGE);
    const perJob = await Promise.all(page.map(async (job) => (await this.listAzureExecutions(job.name)).map((raw) => transformExecution(raw, job))));
    const items = perJob.flat().filter((execution) => since === null || isRecent(execution, since));
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
   * for it first. The start itself is a long-running operation (POST …/start answers 200 {id, name} or
   * 202 + Location; Jobs.json, Job_Start.json): an answer that never came is OutcomeUnknown, and the
   * caller leaves the settling to the sync, which looks for the run carrying the key.
   */
  async startExecution(request: StartRequest): Promise<StartedExecution> {
    return startOnce({
      find: () => this.findByRequestKey(request.job.name, request.requestKey),
      start: async () => {
        const job = await this.getAzureJob(request.job.name);
        const template = buildStartTemplate(job, request.overrides, request.requestKey);
        const started = await this.lro(`start of ${request.job.name}`, (abortSignal) =>
          this.c.arm.jobs.beginStart(this.rg, request.job.name, { template, abortSignal, updateIntervalInMs: this.c.lroPollIntervalMs }),
        );
        return transformStarted(started).providerId;
      },
    });
  }

  async stopExecution(job: JobRef, executionProviderId: string): Promise<void> {
    await this.lro(`stop of ${executionProviderId}`, (abortSignal) =>
      this.c.arm.jobs.beginStopExecution(this.rg, job.name, executionProviderId, { abortSignal, updateIntervalInMs: this.c.lroPollIntervalMs }),
    );
  }

  /** PATCH the job with its template and a new image; ARM answers 202 + Location and we poll to the end. */
  async redeploy(job: JobRef, image: string): Promise<RedeployReport> {
    const current = await this.getAzureJob(job.name);
    const template = buildRedeployTemplate(current, image);
    await this.lro(`redeploy of ${job.name}`, (abortSignal) =>
      this.c.arm.jobs.beginUpdate(this.rg, job.name, { properties: { template } }, { abortSignal, updateIntervalInMs: this.c.lroPollIntervalMs }),
    );
    // The job is its own trigger: nothing else needs repointing.
    return { changes: [] };
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
  return new AzureProvider(createAzureClients(account, options), options.lroPollIntervalMs ?? null);
}

/** What the SDK's begin* calls resolve to (@azure/core-lro SimplePollerLike), as far as we use it. */
interface LroPoller<T> {
  poll(options?: { abortSignal?: AbortSignal }): Promise<void>;
  pollUntilDone(options?: { abortSignal?: AbortSignal }): Promise<T>;
  isDone(): boolean;
  getResult(): T | undefined;
}

/** @azure/core-lro reports a terminal "Failed"/"Canceled" operation as a plain Error: Azure's definite no. */
function operationFailure(error: unknown, what: string): ProviderError | null {
  if (error instanceof Error && !(error instanceof ProviderError) && /long-running operation (has failed|has been canceled)|operation was canceled/i.test(error.message)) {
    return new ProviderError("invalid_request", `Azure could not complete the ${what}: ${error.message}`, { providerCode: "OperationFailed", cause: error });
  }
  return null;
}

