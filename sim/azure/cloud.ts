import { isAzureRegion } from "./armViews";
import type { SimClock } from "../core/clock";
import type { SeededRandom } from "../core/random";
import { parseCron } from "./cron";
import { createExecution, runTemplate } from "./executions";
import { emptyState, jobId, type AzureState, type Job, type JobBehaviour, type Json, type ServiceBusMessage } from "./model";
import { catchUp, workspaceOf } from "./triggers";

// The simulated Azure estate and the test helpers that shape it (README: "Programmatic API").

export interface AzureAccount {
  tenantId: string;
  subscriptionId: string;
  resourceGroup: string;
  logAnalyticsWorkspaceId: string;
  serviceBusNamespace: string;
  clientId: string;
  clientSecret: string;
  serviceBusKeyName: string;
  serviceBusKey: string;
}

export interface CreateAccountOptions {
  tenantId?: string;
  subscriptionId?: string;
  resourceGroup?: string;
  /** Namespace host name, or a bare name that gets ".servicebus.windows.net". */
  namespace?: string;
  location?: string;
}

export interface CreateJobOptions extends JobBehaviour {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  triggerType: "Manual" | "Schedule" | "Event";
  cronExpression?: string;
  queueName?: string;
  image?: string;
  env?: Record<string, string>;
  cpu?: number;
  memory?: string;
  replicaTimeout?: number;
  pollingIntervalSeconds?: number;
}

export class AzureCloud {
  readonly state: AzureState = emptyState();

  constructor(readonly clock: SimClock, readonly random: SeededRandom) {}

  /** Runs everything due up to now (cron firings, queue pick-ups). */
  catchUp(): void {
    catchUp(this.state, this.random, this.clock.nowMs());
  }

  createAccount(opts: CreateAccountOptions = {}): AzureAccount {
    const tenantId = opts.tenantId ?? this.random.uuid();
    const subscriptionId = opts.subscriptionId ?? this.random.uuid();
    if (this.state.subscriptions.has(subscriptionId)) throw new Error(`subscription ${subscriptionId} exists`);
    const resourceGroup = opts.resourceGroup ?? "batchdeck-rg";
    const clientId = this.random.uuid();
    // Entra client secrets look like "<3 chars>8Q~<37 chars>".
    const clientSecret = `${this.random.string(3, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")}8Q~${this.random.string(37, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.")}`;
    const tenant = this.state.tenants.get(tenantId) ?? { id: tenantId, principals: new Map() };
    tenant.principals.set(clientId, clientSecret);
    this.state.tenants.set(tenantId, tenant);
    const location = opts.location ?? "japaneast";
    if (!isAzureRegion(location)) throw new Error(`'${location}' is not an Azure region name (e.g. japaneast, westus)`);
    this.state.subscriptions.set(subscriptionId, {
      id: subscriptionId,
      tenantId,
      resourceGroups: new Map([[resourceGroup.toLowerCase(), { name: resourceGroup, location, jobs: new Map() }]]),
    });
    const workspaceId = this.random.uuid();
    this.state.workspaces.set(workspaceId, { id: workspaceId, subscriptionId, rows: [] });
    const ns = opts.namespace ?? `batchdeck-${this.random.string(6)}`;
    const host = (ns.includes(".") ? ns : `${ns}.servicebus.windows.net`).toLowerCase();
    const keyName = "RootManageSharedAccessKey";
    const key = this.random.base64(32);
    this.state.namespaces.set(host, { host, subscriptionId, keys: new Map([[keyName, key]]), queues: new Map(), nextSequence: 1 });
    return {
      tenantId, subscriptionId, resourceGroup, logAnalyticsWorkspaceId: workspaceId, serviceBusNamespace: host,
      clientId, clientSecret, serviceBusKeyName: keyName, serviceBusKey: key,
    };
  }

  createJob(opts: CreateJobOptions): { id: string; name: string } {
    const subscription = this.state.subscriptions.get(opts.subscriptionId);
    const group = subscription?.resourceGroups.get(opts.resourceGroup.toLowerCase());
    if (!subscription || !group) throw new Error(`no resource group ${opts.subscriptionId}/${opts.resourceGroup}`);
    if (!/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/.test(opts.name)) throw new Error(`job name '${opts.name}' is not a valid Container Apps job name`);
    if (group.jobs.has(opts.name)) throw new Error(`job ${opts.name} exists`);
    const nowMs = this.clock.nowMs();
    const job: Job = {
      name: opts.name,
      subscriptionId: subscription.id,
      resourceGroup: group.name,
      location: group.location,
      configuration: this.configuration(opts),
      template: {
        containers: [{
          image: opts.image ?? `batchdeckdemo.azurecr.io/${opts.name}:1.0.0`,
          name: opts.name,
          env: Object.entries(opts.env ?? {}).map(([name, value]) => ({ name, value })),
          resources: { cpu: opts.cpu ?? 0.5, memory: opts.memory ?? "1Gi", ephemeralStorage: "2Gi" },
        }],
      },
      environmentId: `/subscriptions/${subscription.id}/resourceGroups/${group.name}/providers/Microsoft.App/managedEnvironments/batchdeck-env`,
      behaviour: { durationSeconds: opts.durationSeconds, exitCode: opts.exitCode, failureRate: opts.failureRate, startAccepted: opts.startAccepted },
      createdAt: nowMs,
      lastModifiedAt: nowMs,
      executions: [],
      scheduledUntil: nowMs,
    };
    group.jobs.set(job.name, job);
    if (opts.queueName) {
      // The queue the job's azure-servicebus rule watches exists in the account's namespace.
      for (const ns of this.state.namespaces.values()) {
        if (ns.subscriptionId === subscription.id && !ns.queues.has(opts.queueName.toLowerCase())) ns.queues.set(opts.queueName.toLowerCase(), []);
      }
    }
    return { id: jobId(job), name: job.name };
  }

  private configuration(opts: CreateJobOptions): Json {
    const counts = { replicaCompletionCount: 1, parallelism: 1 };
    const config: Json = { triggerType: opts.triggerType, replicaTimeout: opts.replicaTimeout ?? 1800, replicaRetryLimit: 0 };
    if (opts.triggerType === "Manual") config.manualTriggerConfig = counts;
    if (opts.triggerType === "Schedule") {
      if (!opts.cronExpression) throw new Error("a Schedule job needs cronExpression");
      parseCron(opts.cronExpression);
      config.scheduleTriggerConfig = { ...counts, cronExpression: opts.cronExpression };
    }
    if (opts.triggerType === "Event") {
      if (!opts.queueName) throw new Error("an Event job needs queueName (its azure-servicebus rule)");
      config.eventTriggerConfig = {
        ...counts,
        scale: {
          pollingInterval: opts.pollingIntervalSeconds ?? 30,
          minExecutions: 0,
          maxExecutions: 10,
          rules: [{
            name: "servicebus-queue",
            type: "azure-servicebus",
            // KEDA azure-servicebus scaler metadata (keda.sh/docs/scalers/azure-service-bus).
            metadata: { queueName: opts.queueName, messageCount: "1" },
            auth: [{ secretRef: "servicebus-connection", triggerParameter: "connection" }],
          }],
        },
      };
      config.secrets = [{ name: "servicebus-connection" }];
    }
    return config;
  }

  findJob(subscriptionId: string, resourceGroup: string, name: string): Job | undefined {
    return this.state.subscriptions.get(subscriptionId)?.resourceGroups.get(resourceGroup.toLowerCase())?.jobs.get(name);
  }

  /** Starts a run as Azure would for a start call with `env` replacing the job's env. */
  startExecution(subscriptionId: string, resourceGroup: string, jobName: string, env?: Record<string, string>, startMs?: number): { id: string; name: string } {
    const job = this.findJob(subscriptionId, resourceGroup, jobName);
    if (!job) throw new Error(`no job ${jobName}`);
    let override: Json | null = null;
    if (env) {
      const containers = structuredClone(job.template.containers as Json[]);
      for (const c of containers) c.env = Object.entries(env).map(([name, value]) => ({ name, value }));
      override = { containers };
    }
    const subscription = this.state.subscriptions.get(subscriptionId)!;
    const execution = createExecution({
      job, template: runTemplate(job, override), startMs: startMs ?? this.clock.nowMs(), trigger: "manual",
      random: this.random, workspace: workspaceOf(this.state, subscription),
    });
    return { id: `${jobId(job)}/executions/${execution.name}`, name: execution.name };
  }

  queueMessages(namespace: string, queue: string): ServiceBusMessage[] {
    return [...(this.state.namespaces.get(namespace.toLowerCase())?.queues.get(queue.toLowerCase()) ?? [])];
  }
}
