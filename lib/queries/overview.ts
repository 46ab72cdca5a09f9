import { Prisma } from "@/lib/db/generated/client";
import type { ExecutionStatus } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/client";
import { accountHealth, type AccountHealth } from "@/lib/catalog/account-health";
import type { Cloud } from "@/lib/providers/types";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";
import { usageByHolder, type UsageWarning } from "./usage-holders";

// The Overview screen (/): what ran since yesterday across every account — failures first, what is
// running now, each account's health, and where this month's usage is heading. Every read is an index
// range bounded by a LIMIT or by the last 24 hours (status, started_at, id); usage comes from the rollups.

export const OVERVIEW_WINDOW_MS = 24 * 3_600_000;
/** Rows per list: enough for a morning's look; the Executions page has the rest, filtered. */
export const OVERVIEW_ROWS = 20;

export interface OverviewRun {
  id: string;
  providerId: string;
  batch: string | null;
  status: ExecutionStatus;
  providerStatus: string;
  startedAt: Date | null;
  endedAt: Date | null;
  exitCode: number | null;
  jobId: string;
  jobName: string;
  accountName: string;
  cloud: Cloud;
}

export interface OverviewAccount {
  id: string;
  name: string;
  cloud: Cloud;
  isDemo: boolean;
  jobs: number;
  lastSyncedAt: Date | null;
  health: AccountHealth;
}

export type { UsageWarning };

/** Runs matching `where`, newest first, with their job and account: an index range on (status, started_at, id). */
function runsWhere(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT e.id, e.provider_id AS "providerId", e.batch, e.status, e.provider_status AS "providerStatus", e.started_at AS "startedAt",
           e.ended_at AS "endedAt", e.exit_code AS "exitCode", j.id AS "jobId", j.name AS "jobName", a.name AS "accountName", a.cloud
    FROM executions e JOIN jobs j ON j.id = e.job_id JOIN cloud_accounts a ON a.id = e.account_id
    WHERE ${where} AND a.deleted_at IS NULL
    ORDER BY e.started_at DESC NULLS FIRST, e.id DESC LIMIT ${OVERVIEW_ROWS}`;
}

export async function overview(actor: Actor, now = new Date()) {
  assertCan(actor, "catalog:read");
  const since = new Date(now.getTime() - OVERVIEW_WINDOW_MS);
  const [accounts, counts, failures, running, usage, alertChannels] = await Promise.all([
    db().cloudAccount.findMany({
      where: { deletedAt: null },
      orderBy: { name: "asc" },
      select: {
        id: true, name: true, cloud: true, isDemo: true, syncState: true, lastSyncedAt: true, lastErrorKind: true, lastError: true,
        _count: { select: { jobs: { where: { goneAt: null } } } },
      },
    }),
    db().$queryRaw<{ status: ExecutionStatus; runs: number }[]>`
      SELECT e.status, count(*)::int AS runs FROM executions e JOIN cloud_accounts a ON a.id = e.account_id
      WHERE e.started_at >= ${since} AND a.deleted_at IS NULL GROUP BY e.status`,
    db().$queryRaw<OverviewRun[]>(runsWhere(Prisma.sql`e.status = 'failed' AND e.started_at >= ${since}`)),
    db().$queryRaw<OverviewRun[]>(runsWhere(Prisma.sql`e.status IN ('running', 'queued')`)),
    usageByHolder(actor, now),
    db().alertChannel.count(),
  ]);
  const byStatus = Object.fromEntries(counts.map((c) => [c.status, c.runs])) as Partial<Record<ExecutionStatus, number>>;
  const warnings: UsageWarning[] = usage.holders.flatMap((h) => h.warnings);
  return {
    since,
    counts: {
      runs: counts.reduce((n, c) => n + c.runs, 0),
      succeeded: byStatus.succeeded ?? 0,
      failed: byStatus.failed ?? 0,
      stopped: byStatus.stopped ?? 0,
    },
    failures,
    running,
    accounts: accounts.map(
      (a): OverviewAccount => ({ id: a.id, name: a.name, cloud: a.cloud, isDemo: a.isDemo, jobs: a._count.jobs, lastSyncedAt: a.lastSyncedAt, health: accountHealth(a, now) }),
    ),
    warnings,
    /** Channels configured: with none, the page says usage and budget warnings reach nobody. */
    alertChannels,
  };
}
