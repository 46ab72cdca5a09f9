import { randomBytes } from "node:crypto";
import type { ProviderExecution } from "../../lib/providers/types";
import type { SavedJobs } from "../../lib/sync/save-jobs";
import { percentile } from "./measure";
import { ACCOUNTS } from "./seed";

// The sync's database writes in the steady state, once the catalog holds a million executions: each
// minute's sync of an account writes a page of a few runs (new ones, and the previous minute's now
// ended) through lib/sync/save-executions.ts, with its rollups and pricing. bench:sync times ingesting
// into an empty catalog; a statement that reads every execution only shows here (one did: pricing took
// 3.5-6 s a page before it read the touched months by index).

const RUNS_PER_PAGE = 5;

export interface SyncWriteFigures {
  pages: number;
  p50_ms: number | null;
  p95_ms: number | null;
}

/** Runs `pages` sync writes into the first seeded account of the catalog at `databaseUrl`. */
export async function measureSyncWrites(databaseUrl: string, pages: number): Promise<SyncWriteFigures> {
  // What lib/env.ts reads; lib/ is loaded only after this, in this process (the app is another).
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: "http://localhost:3000",
    GOOGLE_CLIENT_ID: "bench",
    GOOGLE_CLIENT_SECRET: "bench",
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    OWNER_EMAILS: "owner@bench.test",
    BATCHDECK_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  });
  const { db } = await import("../../lib/db/client");
  const { saveExecutions } = await import("../../lib/sync/save-executions");
  const accountId = ACCOUNTS[0].id;
  const jobs = await db().job.findMany({ where: { accountId }, take: RUNS_PER_PAGE, orderBy: { name: "asc" } });
  const saved: SavedJobs = { jobs: new Map(jobs.map((j) => [j.providerId, { id: j.id, batchEnvName: null }])), triggers: new Map(), needsFullListing: false };
  const run = (page: number, job: (typeof jobs)[number], at: Date, ended: boolean): ProviderExecution => ({
    providerId: `bench-sync-${page}-${job.providerId}`, jobProviderId: job.providerId, startedAt: at,
    status: ended ? "succeeded" : "running", providerStatus: ended ? "Succeeded" : "Running", endedAt: ended ? new Date(at.getTime() + 45_000) : null,
    exitCode: ended ? 0 : null, image: "lab/bench:1", milliVcpu: 500, memoryMiB: 1024, env: {}, overrides: null, triggeredBy: "trigger", triggerProviderId: null, requestKey: null,
  });
  const times: number[] = [];
  try {
    for (let page = 0; page < pages; page++) {
      const at = new Date(Date.now() - (pages - page) * 60_000);
      const previous = page > 0 ? jobs.map((j) => run(page - 1, j, new Date(at.getTime() - 60_000), true)) : [];
      const started = performance.now();
      await saveExecutions(accountId, saved, [...previous, ...jobs.map((j) => run(page, j, at, false))]);
      times.push(performance.now() - started);
    }
  } finally {
    await db().$disconnect();
  }
  return { pages, p50_ms: percentile(times, 50), p95_ms: percentile(times, 95) };
}
