import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";

// Dashboard reads: one function per screen, selecting only what the screen shows (the Jobs screen's is
// lib/queries/jobs-table.ts).

export async function cloudAccounts(actor: Actor) {
  assertCan(actor, "catalog:read");
  return db().cloudAccount.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, cloud: true, isDemo: true, readOnly: true, deletedAt: true, settings: true, endpoints: true, syncState: true, lastSyncedAt: true, lastError: true, retentionDays: true, billingGroup: true, _count: { select: { jobs: true } } },
  });
}
