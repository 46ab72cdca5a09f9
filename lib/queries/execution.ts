import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { REDACTED } from "@/lib/catalog/redact";
import { descriptorOf } from "@/lib/providers/registry";
import { REQUEST_KEY_ENV, type ExecutionStatus } from "@/lib/providers/types";
import type { Actor } from "@/lib/services/context";
import type { LogScope } from "@/lib/logs/read";
import { assertCan } from "./access";

// The execution screen (/executions/[id]): one run, who or what started it, what it ran with, and
// where to read more. Everything here comes from the catalog; the logs are read separately, through
// the log cache, by the page's live tail.

export type StartedBy =
  | { kind: "member"; email: string | null; requestedAt: Date | null; inferred: boolean }
  | { kind: "trigger" | "event"; trigger: { kind: string; expression: string | null; providerId: string; batch: string | null } | null }
  | { kind: "external" };

export interface TimelineStep {
  label: "Requested" | "Started" | "Ended" | "Running";
  at: Date | null;
  /** Milliseconds from the step before; null for the first or when a time is unknown. */
  sincePreviousMs: number | null;
}

export interface ExecutionScreen {
  id: string;
  providerId: string;
  status: ExecutionStatus;
  providerStatus: string;
  batch: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  exitCode: number | null;
  image: string | null;
  milliVcpu: number | null;
  memoryMiB: number | null;
  costMicros: bigint | null;
  requestKey: string | null;
  /** Secret-looking values are stored "[redacted]" (lib/catalog/redact.ts); Batchdeck's own key is left out. */
  overrides: [string, string][];
  /** True when some override's value is not kept (a secret), so a re-run could not repeat it. */
  hasHiddenOverrides: boolean;
  startedBy: StartedBy;
  timeline: TimelineStep[];
  job: { id: string; name: string; goneAt: Date | null };
  account: { id: string; name: string; cloud: string; readOnly: boolean; deleted: boolean };
  /** The same execution in the cloud's own console, when the account's cloud can name it. */
  consoleUrl: string | null;
}

const SELECT = {
  id: true,
  providerId: true,
  status: true,
  providerStatus: true,
  batch: true,
  startedAt: true,
  endedAt: true,
  exitCode: true,
  image: true,
  milliVcpu: true,
  memoryMiB: true,
  costMicros: true,
  requestKey: true,
  overrides: true,
  triggeredBy: true,
  triggerInferred: true,
  createdAt: true,
  accountId: true,
  actor: { select: { email: true } },
  trigger: { select: { kind: true, expression: true, providerId: true, batch: true } },
  job: { select: { id: true, name: true, providerId: true, goneAt: true } },
  account: { select: { id: true, name: true, cloud: true, settings: true, readOnly: true, deletedAt: true } },
} as const;

/** A catalog id (a cuid, or a uuid from the sync's bulk insert); anything else is "not found" without asking the database. */
const ID = /^[A-Za-z0-9-]{8,64}$/;

function overridesOf(stored: unknown): [string, string][] {
  if (!stored || typeof stored !== "object") return [];
  return Object.entries(stored as Record<string, unknown>)
    .filter(([name]) => name !== REQUEST_KEY_ENV)
    .map(([name, value]) => [name, String(value)] as [string, string])
    .sort(([a], [b]) => a.localeCompare(b));
}

function timelineOf(requestedAt: Date | null, startedAt: Date | null, endedAt: Date | null, now: Date): TimelineStep[] {
  const steps: TimelineStep[] = [];
  const since = (at: Date | null) => {
    const previous = steps.at(-1)?.at ?? null;
    return at && previous ? Math.max(0, at.getTime() - previous.getTime()) : null;
  };
  if (requestedAt) steps.push({ label: "Requested", at: requestedAt, sincePreviousMs: null });
  steps.push({ label: "Started", at: startedAt, sincePreviousMs: since(startedAt) });
  if (endedAt) steps.push({ label: "Ended", at: endedAt, sincePreviousMs: since(endedAt) });
  else if (startedAt) steps.push({ label: "Running", at: null, sincePreviousMs: Math.max(0, now.getTime() - startedAt.getTime()) });
  return steps;
}

/**
 * Whether /executions/[id] has an execution to show, read before the page's loading state streams (its
 * layout.tsx): once a response has started, its status can no longer become 404.
 */
export async function executionExists(actor: Actor, id: string): Promise<boolean> {
  assertCan(actor, "catalog:read");
  return ID.test(id) && (await db().execution.count({ where: { id } })) > 0;
}

/** The execution screen's one read; throws not_found for an id the catalog doesn't have. */
export async function executionScreen(actor: Actor, id: string, now = new Date()): Promise<ExecutionScreen> {
  assertCan(actor, "catalog:read");
  const row = ID.test(id) ? await db().execution.findUnique({ where: { id }, select: SELECT }) : null;
  if (!row) throw new AppError("not_found", "That execution is not in the catalog (it may belong to a removed account).");
  // A click is written down before it reaches the cloud (lib/services/executions/action-request.ts): its
  // time is when the run was requested, its member who asked, even when the sync found the run first.
  const request = row.requestKey
    ? await db().actionRequest.findUnique({ where: { key: row.requestKey }, select: { createdAt: true, action: true, accountId: true, actor: { select: { email: true } } } })
    : null;
  // A run matched by time to a message sent from Batchdeck (lib/sync/match-messages.ts): the member who sent it.
  const message = row.triggerInferred
    ? await db().actionRequest.findFirst({ where: { accountId: row.accountId, action: "send_message", executionProviderId: row.providerId }, select: { createdAt: true, actor: { select: { email: true } } } })
    : null;
  const ours = request && request.action === "start" && request.accountId === row.accountId ? request : message;
  const startedBy: StartedBy =
    row.triggeredBy === "user" || ours
      ? { kind: "member", email: row.actor?.email ?? ours?.actor?.email ?? null, requestedAt: ours?.createdAt ?? null, inferred: row.triggerInferred }
      : row.triggeredBy === "trigger" || row.triggeredBy === "event"
        ? { kind: row.triggeredBy, trigger: row.trigger }
        : { kind: "external" };
  const overrides = overridesOf(row.overrides);
  const descriptor = descriptorOf(row.account.cloud);
  return {
    id: row.id,
    providerId: row.providerId,
    status: row.status,
    providerStatus: row.providerStatus,
    batch: row.batch,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    exitCode: row.exitCode,
    image: row.image,
    milliVcpu: row.milliVcpu,
    memoryMiB: row.memoryMiB,
    costMicros: row.costMicros,
    requestKey: row.requestKey,
    overrides,
    hasHiddenOverrides: overrides.some(([, value]) => value === REDACTED),
    startedBy,
    timeline: timelineOf(ours?.createdAt ?? null, row.startedAt, row.endedAt, now),
    job: { id: row.job.id, name: row.job.name, goneAt: row.job.goneAt },
    account: { id: row.account.id, name: row.account.name, cloud: row.account.cloud, readOnly: row.account.readOnly, deleted: row.account.deletedAt !== null },
    consoleUrl: descriptor ? descriptor.consoleUrl(row.account, row.job, row) : null,
  };
}

/** What the log routes need to read one execution's lines: its account and its times. */
export async function executionLogScope(actor: Actor, id: string): Promise<LogScope & { title: string; status: ExecutionStatus }> {
  assertCan(actor, "catalog:read");
  const row = ID.test(id)
    ? await db().execution.findUnique({
        where: { id },
        select: { providerId: true, startedAt: true, status: true, endedAt: true, job: { select: { name: true } }, account: true },
      })
    : null;
  if (!row) throw new AppError("not_found", "That execution is not in the catalog (it may belong to a removed account).");
  return { account: row.account, executions: [row], title: `${row.job.name} · ${row.providerId}`, status: row.status };
}
