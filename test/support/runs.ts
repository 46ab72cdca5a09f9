import type { ExecutionStatus } from "@/lib/db/generated/enums";

// An account, a job and runs written straight into the catalog, for tests of what reads or removes
// history (the retention purge, the export), where how the runs got there does not matter.

export interface RunSeed {
  providerId: string;
  status?: ExecutionStatus;
  startedAt: Date | null;
  endedAt?: Date | null;
  createdAt?: Date;
  batch?: string | null;
  image?: string | null;
  exitCode?: number | null;
  milliVcpu?: number | null;
  memoryMiB?: number | null;
  requestKey?: string | null;
  overrides?: Record<string, string> | null;
  actorId?: string | null;
}

export async function seedJob(accountName: string, jobName = "nightly-etl"): Promise<{ accountId: string; jobId: string }> {
  const { db } = await import("@/lib/db/client");
  const account = await db().cloudAccount.create({ data: { cloud: "azure", name: accountName, settings: {} } });
  const job = await db().job.create({ data: { accountId: account.id, providerId: `/jobs/${accountName}/${jobName}`, name: jobName } });
  return { accountId: account.id, jobId: job.id };
}

export async function insertRuns(at: { accountId: string; jobId: string }, runs: readonly RunSeed[]): Promise<string[]> {
  const { db } = await import("@/lib/db/client");
  const ids: string[] = [];
  for (const r of runs) {
    const row = await db().execution.create({
      data: {
        accountId: at.accountId,
        jobId: at.jobId,
        providerId: r.providerId,
        status: r.status ?? "succeeded",
        providerStatus: r.status ?? "succeeded",
        startedAt: r.startedAt,
        endedAt: r.endedAt === undefined ? (r.startedAt ? new Date(r.startedAt.getTime() + 60_000) : null) : r.endedAt,
        createdAt: r.createdAt,
        batch: r.batch ?? null,
        image: r.image ?? null,
        exitCode: r.exitCode ?? null,
        milliVcpu: r.milliVcpu ?? null,
        memoryMiB: r.memoryMiB ?? null,
        triggeredBy: r.actorId ? "user" : "trigger",
        actorId: r.actorId ?? null,
        requestKey: r.requestKey ?? null,
        overrides: r.overrides ?? undefined,
      },
      select: { id: true },
    });
    ids.push(row.id);
  }
  return ids;
}
