import { providerFor, type AccountRow } from "@/lib/catalog/provider-account";
import { hitRateLimit, rateLimitedError } from "@/lib/rate-limit/hit";
import type { Actor } from "@/lib/services/context";
import { logFreshnessMs, readLogsThroughCache, type CachedLogPage } from "./cache";

// The one way a screen or a route reads the lines of catalog executions: through the Postgres cache,
// with the member's log-read limit counted only when their request is the one that asks the cloud.

export interface LogScope {
  account: AccountRow;
  executions: { providerId: string; startedAt: Date | null; status: string; endedAt: Date | null }[];
}

export interface LogPageRequest {
  contains?: string;
  cursor: string | null;
  limit: number;
}

export async function readScopeLogs(actor: Actor, scope: LogScope, request: LogPageRequest): Promise<CachedLogPage> {
  const executions = scope.executions.map((e) => e.providerId);
  // Log Analytics is asked from just before the earliest run, not over its default 30 days. Derived from
  // the catalog, so every viewer's request has the same key.
  const starts = scope.executions.flatMap((e) => (e.startedAt ? [e.startedAt.getTime()] : []));
  const since = starts.length ? new Date(Math.min(...starts) - 60_000) : undefined;
  const filter = { ...(since ? { since } : {}), ...(request.contains ? { contains: request.contains } : {}), limit: request.limit };
  const maxAgeMs = Math.min(...scope.executions.map((e) => logFreshnessMs(e)));
  return readLogsThroughCache(
    { accountId: scope.account.id, executions, filter, cursor: request.cursor },
    {
      maxAgeMs,
      read: async () => {
        // Each cloud read spends the cloud's own quota (Google: about 60 a minute per project); a member
        // over their share waits instead of spending everyone's. Served from the cache, nothing is counted.
        const allowance = await hitRateLimit("logRead", actor.id);
        if (!allowance.allowed) throw rateLimitedError("logRead", allowance.retryAfterSeconds);
        return providerFor(scope.account).readLogs(executions, filter, request.cursor);
      },
    },
  );
}
