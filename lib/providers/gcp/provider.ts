import type { protos as runProtos } from "@google-cloud/run";
import type {
  CloudProvider,
  ConnectionReport,
  LogFilter,
  LogLine,
  Page,
  ProviderAccount,
  ProviderExecution,
  ProviderJob,
  ProviderTrigger,
  StartRequest,
  StartedExecution,
  RedeployReport,
} from "../types";
import { REQUEST_KEY_ENV } from "../types";
import { ProviderError } from "../errors";
import { abortableDelay, formatSeconds, mayHaveBeenDelivered, OutcomeUnknown, withTimeout } from "../timeout";
import { startOnce } from "../start-once";
import { createGcpClients, type GcpClientOptions, type GcpClients } from "./client";
import { toProviderError } from "./errors";
import { executionLogFilter, isRequestEntry, serviceRequestFilter, transformLogEntry } from "./logs";
import { parseResourceName, transformExecution, transformJob, transformService, transformTrigger } from "./transform";
import { buildRunRequest, withImage } from "./requests";

// Cloud Run jobs and services, Cloud Scheduler and Cloud Logging behind the CloudProvider interface.
// Every call goes through `call()` (one deadline, one error mapping), changes through `operation()`.

const RUN = "Cloud Run";
const SCHEDULER = "Cloud Scheduler";
const LOGGING = "Cloud Logging";
const PAGE_SIZE = 100;
/** entries.list allows up to 1,000 entries a page (https://cloud.google.com/logging/docs/reference/v2/rest/v2/entries/list). */
const LOG_PAGE_MAX = 1000;

type Execution = runProtos.google.cloud.run.v2.IExecution;
type JobRef = { providerId: string; name: string };
type ListOptions = { timeout: number; autoPaginate: false };
/** What the clients' long-running calls resolve to (google-gax Operation), as far as we use it. */
interface Operation<M> {
  name?: string;
  done?: boolean;
  metadata: M | null;
  getOperation(): Promise<unknown>;
}
/** The execution-listing cursor: which region, and Cloud Run's page token within it. */
interface ExecutionCursor {
  region: number;
  token: string | null;
}

export class GcpProvider implements CloudProvider {
  readonly cloud = "gcp" as const;

  constructor(private readonly c: GcpClients) {}

  private get project(): string {
    return this.c.settings.projectId;
  }

  private parent(region: string): string {
    return `projects/${this.project}/locations/${region}`;
  }

  /** One call under the per-call deadline, with Google errors mapped to ProviderError. */
  private call<T>(service: string, run: (options: { timeout: number }) => Promise<T>, ms = this.c.timeoutMs): Promise<T> {
    return withTimeout(service, ms, async () => {
      try {
        return await run({ timeout: ms });
      } catch (error) {
        const mapped = toProviderError(error, service);
        if (mapped.kind === "bad_credentials") this.c.forgetToken();
        throw mapped;
      }
    });
  }

  /** Every page of a list call (the clients' [items, nextRequest] form with autoPaginate off). */
  private async all<T>(service: string, list: (pageToken: string | undefined, options: ListOptions) => Promise<[T[], { pageToken?: string | null } | null, unknown]>): Promise<T[]> {
    const items: T[] = [];
    let token: string | undefined;
    do {
      const page = token;
      const [found, following] = await this.call(service, (o) => list(page, { ...o, autoPaginate: false }));
      items.push(...found);
      token = following?.pageToken || undefined;
    } while (token);
    return items;
  }

  /**
   * A change made by a long-running operation: the request under the per-call deadline, then polled until
   * `until` holds under the longer LRO deadline. A request that may have reached Google with no answer
   * saying how it ended is OutcomeUnknown, never a failure.
   */
  private async operation<M>(what: string, begin: (o: { timeout: number }) => Promise<[unknown, ...unknown[]]>, until: (op: Operation<M>) => boolean): Promise<Operation<M>> {
    let op: Operation<M>;
    try {
      op = (await this.call(RUN, begin))[0] as Operation<M>;
    } catch (error) {
      if (mayHaveBeenDelivered(error)) throw new OutcomeUnknown(`Google did not answer the ${what} in time, so Batchdeck cannot tell whether Cloud Run accepted it.`, error);
      throw error;
    }
    try {
      return await withTimeout(`${RUN} (${what})`, this.c.lroTimeoutMs, async (signal) => {
        while (!until(op)) {
          await abortableDelay(this.c.lroPollIntervalMs, signal);
          await this.call(RUN, () => op.getOperation());
        }
        return op;
      });
    } catch (error) {
      const mapped = error instanceof ProviderError ? error : toProviderError(error, RUN);
      if (mapped.kind !== "unreachable" && mapped.kind !== "throttled") {
        throw new ProviderError("invalid_request", `Cloud Run could not complete the ${what}: ${mapped.message}`, { providerCode: mapped.providerCode ?? "OperationFailed", cause: error });
      }
      const why = mapped.providerCode === "Timeout" ? `did not say within ${formatSeconds(this.c.lroTimeoutMs)} that it finished` : `stopped answering about it (${mapped.message})`;
      throw new OutcomeUnknown(`Cloud Run accepted the ${what} but ${why}. It may still complete.`, error);
    }
  }

  private async cloudRunJobs(): Promise<runProtos.google.cloud.run.v2.IJob[]> {
    const perRegion = await Promise.all(this.c.settings.regions.map((r) => this.all(RUN, (pageToken, o) => this.c.jobs.listJobs({ parent: this.parent(r), pageToken }, o))));
    return perRegion.flat();
  }

  /** Scheduler jobs that run a Cloud Run job, by the job's v2 name. Scheduler lives in its own regions; each account region is asked. */
  private async triggersByJob(): Promise<Map<string, ProviderTrigger[]>> {
    const perRegion = await Promise.all(this.c.settings.regions.map((r) => this.all(SCHEDULER, (pageToken, o) => this.c.scheduler.listJobs({ parent: this.parent(r), pageToken }, o))));
    const byJob = new Map<string, ProviderTrigger[]>();
    for (const scheduled of perRegion.flat()) {
      const found = transformTrigger(scheduled);
      if (found) byJob.set(found.jobName, [...(byJob.get(found.jobName) ?? []), found.trigger]);
    }
    return byJob;
  }

  async testConnection(): Promise<ConnectionReport> {
    const jobs = await this.cloudRunJobs();
    const n = jobs.length;
    return { ok: true, detail: `Listed ${n} Cloud Run job${n === 1 ? "" : "s"} in project ${this.project} (${this.c.settings.regions.join(", ")})` };
  }

  async listJobs(): Promise<ProviderJob[]> {
    const [jobs, triggers, services] = await Promise.all([
      this.cloudRunJobs(),
      this.triggersByJob(),
      Promise.all(this.c.settings.regions.map((r) => this.all(RUN, (pageToken, o) => this.c.services.listServices({ parent: this.parent(r), pageToken }, o)))),
    ]);
    return [...jobs.map((j) => transformJob(j, triggers.get(j.name ?? "") ?? [])), ...services.flat().map(transformService)];
  }

  /**
   * Executions of every job, region by region, across jobs (`jobs/-`), newest first, a page at a time.
   * `since` keeps runs that started or ended after it and every run still going; a page with none of
   * those ends the region (older pages hold older runs).
   */
  async listExecutions(since: Date | null, cursor: string | null): Promise<Page<ProviderExecution>> {
    const at = parseCursor(cursor);
    const region = this.c.settings.regions[at.region];
    if (region === undefined) return { items: [], cursor: null };
    const [[raw, next], jobs] = await Promise.all([
      this.call(RUN, (o) => this.c.executions.listExecutions({ parent: `${this.parent(region)}/jobs/-`, pageSize: PAGE_SIZE, pageToken: at.token ?? undefined }, { ...o, autoPaginate: false })),
      this.all(RUN, (pageToken, o) => this.c.jobs.listJobs({ parent: this.parent(region), pageToken }, o)),
    ]);
    const envOf = new Map(jobs.map((j) => [j.name ?? "", transformJob(j, []).env]));
    const all = raw.map((e) => transformExecution(e, { project: this.project }, envOf.get(jobNameOf(e)) ?? null));
    const items = since === null ? all : all.filter((e) => isRecent(e, since));
    const regionDone = !next?.pageToken || (since !== null && items.length === 0);
    const following: ExecutionCursor | null = regionDone ? (at.region + 1 < this.c.settings.regions.length ? { region: at.region + 1, token: null } : null) : { region: at.region, token: next!.pageToken! };
    return { items, cursor: following ? JSON.stringify(following) : null };
  }

  /** An execution of this job whose env carries the request key, among its most recent page. */
  private async findByRequestKey(jobName: string, requestKey: string): Promise<string | null> {
    const [executions] = await this.call(RUN, (o) => this.c.executions.listExecutions({ parent: jobName, pageSize: PAGE_SIZE }, { ...o, autoPaginate: false }));
    const found = executions.find((e) => e.template?.containers?.some((c) => c.env?.some((v) => v.name === REQUEST_KEY_ENV && v.value === requestKey)));
    return found?.name ?? null;
  }

  /**
   * Idempotent start: Cloud Run takes no client token, so the key rides in the run's env and a run that
   * already carries it is returned instead of starting another. jobs.run answers an Operation whose
   * metadata is the new Execution (run.v2 RunJob: metadata_type Execution); it is followed until it names it.
   */
  async startExecution(request: StartRequest): Promise<StartedExecution> {
    const what = `start of ${request.job.name}`;
    return startOnce({
      find: () => this.findByRequestKey(request.job.providerId, request.requestKey),
      start: async () => {
        const op = await this.operation<Execution>(what, (o) => this.c.jobs.runJob(buildRunRequest(request), o), (op) => Boolean(op.metadata?.name) || Boolean(op.done));
        const name = op.metadata?.name;
        if (!name) throw new ProviderError("invalid_request", `Cloud Run finished the ${what} without naming the execution.`, { providerCode: "NoExecution" });
        return name;
      },
    });
  }

  async stopExecution(_job: JobRef, executionProviderId: string): Promise<void> {
    await this.operation(`stop of ${executionProviderId}`, (o) => this.c.executions.cancelExecution({ name: executionProviderId }, o), (op) => Boolean(op.done));
  }

  /** The job with its first container on the new image; the update is a long-running operation, polled to the end. */
  async redeploy(job: JobRef, image: string): Promise<RedeployReport> {
    const [current] = await this.call(RUN, (o) => this.c.jobs.getJob({ name: job.providerId }, o));
    await this.operation(`redeploy of ${job.name}`, (o) => this.c.jobs.updateJob({ job: withImage(current, image) }, o), (op) => Boolean(op.done));
    // Cloud Scheduler calls the job by name, so its triggers run the new image with nothing to repoint.
    return { changes: [] };
  }

  async readLogs(executionProviderIds: string[], filter: LogFilter, cursor: string | null): Promise<Page<LogLine>> {
    if (executionProviderIds.length === 0) return { items: [], cursor: null };
    const request = {
      resourceNames: [`projects/${this.project}`],
      filter: executionLogFilter(executionProviderIds, filter),
      orderBy: "timestamp asc",
      pageSize: Math.min(filter.limit ?? LOG_PAGE_MAX, LOG_PAGE_MAX),
      pageToken: cursor ?? undefined,
    };
    const [entries, next] = await this.call(LOGGING, (o) => this.c.logging.listLogEntries(request, { ...o, autoPaginate: false }));
    return { items: entries.map((e) => transformLogEntry(e, this.project)), cursor: next?.pageToken || null };
  }

  /** Requests served by a service in [from, to]: its revision-log entries that record a request, counted page by page. */
  async countServiceRequests(serviceProviderId: string, from: Date, to: Date): Promise<number> {
    const request = { resourceNames: [`projects/${this.project}`], filter: serviceRequestFilter(serviceProviderId, from, to), orderBy: "timestamp asc", pageSize: LOG_PAGE_MAX };
    const entries = await this.all(LOGGING, (pageToken, o) => this.c.logging.listLogEntries({ ...request, pageToken }, o));
    return entries.filter(isRequestEntry).length;
  }
}

function jobNameOf(execution: Execution): string {
  const ref = parseResourceName(execution.name?.replace(/\/executions\/[^/]+$/, ""));
  return ref ? `projects/${ref.project}/locations/${ref.location}/jobs/${ref.id}` : "";
}

function parseCursor(cursor: string | null): ExecutionCursor {
  if (cursor === null) return { region: 0, token: null };
  try {
    const parsed = JSON.parse(cursor) as Partial<ExecutionCursor>;
    if (Number.isInteger(parsed.region) && (parsed.token === null || typeof parsed.token === "string")) return { region: parsed.region!, token: parsed.token ?? null };
  } catch {
    // an older or foreign cursor: start over
  }
  return { region: 0, token: null };
}

function isRecent(execution: ProviderExecution, since: Date): boolean {
  if (execution.status === "running" || execution.status === "queued") return true;
  const t = since.getTime();
  return (execution.startedAt?.getTime() ?? -Infinity) >= t || (execution.endedAt?.getTime() ?? -Infinity) >= t;
}

export function createGcpProvider(account: ProviderAccount, options: GcpClientOptions = {}): GcpProvider {
  return new GcpProvider(createGcpClients(account, options));
}
