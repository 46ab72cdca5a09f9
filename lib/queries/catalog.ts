import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";

// Dashboard reads: one function per screen, selecting only what the screen shows.

export async function jobsOverview(actor: Actor) {
  assertCan(actor, "catalog:read");
  return db().job.findMany({
    where: { goneAt: null },
    orderBy: [{ name: "asc" }],
    take: 200,
    select: {
      id: true,
      name: true,
      kind: true,
      image: true,
      account: { select: { name: true, cloud: true } },
      triggers: { orderBy: { providerId: "asc" }, select: { id: true, kind: true, expression: true, batch: true, enabled: true } },
      executions: { orderBy: { startedAt: "desc" }, take: 1, select: { status: true, startedAt: true } },
    },
  });
}

export async function cloudAccounts(actor: Actor) {
  assertCan(actor, "catalog:read");
  return db().cloudAccount.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, cloud: true, isDemo: true, readOnly: true, deletedAt: true, settings: true, endpoints: true, syncState: true, lastSyncedAt: true, lastError: true, _count: { select: { jobs: true } } },
  });
}
