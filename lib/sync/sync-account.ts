import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { providerFor } from "@/lib/catalog/provider-account";
import { isProviderError } from "@/lib/providers/errors";
import { batchFromEnv } from "@/lib/providers/batch";
import type { ProviderExecution, ProviderJob } from "@/lib/providers/types";
import { redactEnv } from "@/lib/catalog/redact";
import { settleInDoubtActions } from "@/lib/services/executions/in-doubt";

// Copies one account's jobs, triggers and executions into the catalog, upserting by provider id. The
// clouds forget (Azure keeps the last 100 runs of a job), so the catalog is the durable history: rows
// are never deleted here, and a job that disappeared is marked gone.

export interface SyncReport {
  jobs: number;
  executions: number;
  /** In-doubt actions this sync settled from what the cloud listed. */
  settled: number;
}

const json = (value: unknown) => (value ?? undefined) as Prisma.InputJsonValue | undefined;

async function saveJob(accountId: string, job: ProviderJob) {
  const data = {
    name: job.name,
    kind: job.kind,
    region: job.region,
    image: job.image,
    milliVcpu: job.milliVcpu,
    memoryMiB: job.memoryMiB,
    batchEnvVar: job.batchEnvName ?? null,
    env: json(job.env),
    goneAt: null,
  };
  const row = await db().job.upsert({
    where: { accountId_providerId: { accountId, providerId: job.providerId } },
    create: { accountId, providerId: job.providerId, ...data },
    update: data,
    select: { id: true },
  });
  for (const trigger of job.triggers) {
    const fields = { kind: trigger.kind, expression: trigger.expression, batch: trigger.batch, overrides: json(redactEnv(trigger.overrides)), enabled: trigger.enabled };
    await db().trigger.upsert({
      where: { jobId_providerId: { jobId: row.id, providerId: trigger.providerId } },
      create: { jobId: row.id, providerId: trigger.providerId, ...fields },
      update: fields,
    });
  }
  return row.id;
}

async function saveExecution(accountId: string, jobId: string, batchEnvName: string | null, e: ProviderExecution) {
  const trigger = e.triggerProviderId ? await db().trigger.findUnique({ where: { jobId_providerId: { jobId, providerId: e.triggerProviderId } }, select: { id: true } }) : null;
  const data = {
    jobId,
    batch: batchFromEnv(e.env, batchEnvName),
    status: e.status,
    providerStatus: e.providerStatus,
    startedAt: e.startedAt,
    endedAt: e.endedAt,
    exitCode: e.exitCode,
    milliVcpu: e.milliVcpu,
    memoryMiB: e.memoryMiB,
    image: e.image,
    triggeredBy: e.triggeredBy,
    triggerId: trigger?.id ?? null,
    requestKey: e.requestKey,
    // Shown to viewers: secret-looking values are hidden (lib/catalog/redact.ts).
    overrides: json(redactEnv(e.overrides)),
  };
  await db().execution.upsert({
    where: { accountId_providerId: { accountId, providerId: e.providerId } },
    create: { accountId, providerId: e.providerId, ...data },
    update: data,
  });
}

export async function syncAccount(accountId: string): Promise<SyncReport> {
  const row = await db().cloudAccount.update({ where: { id: accountId }, data: { syncState: "syncing", lastSyncStartedAt: new Date() } });
  try {
    const provider = providerFor(row);
    const jobs = await provider.listJobs();
    const jobIds = new Map<string, { id: string; batchEnvName: string | null }>();
    for (const job of jobs) jobIds.set(job.providerId, { id: await saveJob(accountId, job), batchEnvName: job.batchEnvName ?? null });
    await db().job.updateMany({ where: { accountId, providerId: { notIn: [...jobIds.keys()] }, goneAt: null }, data: { goneAt: new Date() } });

    let executions = 0;
    let cursor: string | null = null;
    do {
      const page = await provider.listExecutions(null, cursor);
      for (const execution of page.items) {
        const job = jobIds.get(execution.jobProviderId);
        if (!job) continue; // a run of a job deleted between the two calls; the next sync settles it
        await saveExecution(accountId, job.id, job.batchEnvName, execution);
        executions += 1;
      }
      cursor = page.cursor;
    } while (cursor);
    const settled = await settleInDoubtActions(accountId);

    await db().cloudAccount.update({
      where: { id: accountId },
      data: { syncState: "ok", lastSyncedAt: new Date(), lastError: null, lastErrorKind: null },
    });
    return { jobs: jobs.length, executions, settled };
  } catch (error) {
    // The account shows what went wrong; nothing else is touched, and other accounts sync on.
    const kind = isProviderError(error) ? error.kind : "internal";
    const message = isProviderError(error) ? error.message : `Sync failed: ${(error as Error).message}`;
    await db().cloudAccount.update({ where: { id: accountId }, data: { syncState: "error", lastError: message, lastErrorKind: kind } });
    throw error;
  }
}
