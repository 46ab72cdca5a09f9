import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import type { AuditResult } from "@/lib/db/generated/enums";
import { db } from "@/lib/db/client";
import { AUDIT_PERIODS, AUDIT_RESULTS, type AuditPeriod } from "@/lib/url-state/parsers";
import { distinctValues } from "./distinct-values";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";
import { afterCursor, cursorSchema, flattenParams, pageOf } from "./keyset";

// Filters live in the URL so a filtered view can be bookmarked and shared. The page reads them with nuqs
// (app/(app)/audit/search-params.ts); /api/audit, a boundary of its own, with this schema over the same lists.

export const auditFiltersSchema = z.object({
  action: z.string().trim().max(64).optional().catch(undefined),
  result: z.enum(AUDIT_RESULTS).optional().catch(undefined),
  actor: z.string().trim().max(254).optional().catch(undefined),
  /** How far back to look; relative, so it means the same in every time zone. */
  period: z.enum(AUDIT_PERIODS).optional().catch(undefined),
  before: cursorSchema,
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export function parseAuditFilters(params: Record<string, string | string[] | undefined> | URLSearchParams): AuditFilters {
  return auditFiltersSchema.parse(flattenParams(params));
}

export const AUDIT_PAGE_SIZE = 50;

const PERIOD_MS: Record<AuditPeriod, number> = { "24h": 24 * 3600e3, "7d": 7 * 24 * 3600e3, "30d": 30 * 24 * 3600e3 };

interface AuditRow {
  id: string;
  at: Date;
  actorEmail: string | null;
  action: string;
  target: string | null;
  targetType: string | null;
  result: AuditResult;
  detail: Prisma.JsonValue | null;
}

/** A LIKE pattern matching `text` anywhere, its own % _ and \\ taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, "\\$&")}%`;
}

export async function auditPage(actor: Actor, filters: AuditFilters) {
  assertCan(actor, "audit:read");
  const where: Prisma.Sql[] = [];
  if (filters.action) where.push(Prisma.sql`action = ${filters.action}`);
  if (filters.result) where.push(Prisma.sql`result = ${filters.result}::"AuditResult"`);
  if (filters.actor) where.push(Prisma.sql`actor_email ILIKE ${containsPattern(filters.actor)}`);
  if (filters.period) where.push(Prisma.sql`at >= ${new Date(Date.now() - PERIOD_MS[filters.period])}`);
  // The row-comparison cursor, a range of the (…, at DESC, id DESC) indexes: Prisma cannot express it.
  if (filters.before) where.push(afterCursor("at", "id", filters.before));
  const rows = await db().$queryRaw<AuditRow[]>`
    SELECT id, at, actor_email AS "actorEmail", action, target, target_type AS "targetType", result, detail
    FROM audit_events
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
    ORDER BY at DESC, id DESC
    LIMIT ${AUDIT_PAGE_SIZE + 1}`;
  const { items, nextCursor } = pageOf(rows, AUDIT_PAGE_SIZE, (e) => e.at);
  return { events: items.map((e) => ({ ...e, at: e.at.toISOString() })), nextCursor };
}

export type AuditPage = Awaited<ReturnType<typeof auditPage>>;

/** The action names recorded, A to Z: a loose index scan of (action, at, id), one probe per name. */
export async function auditActionNames(actor: Actor): Promise<string[]> {
  assertCan(actor, "audit:read");
  return distinctValues({ table: "audit_events", column: "action" });
}
