import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/services/context";
import { assertCan } from "./access";
import { afterCursor, cursorSchema, flattenParams, pageOf } from "./keyset";

// Filters live in the URL so a filtered view can be bookmarked and shared; the page and /api/audit
// parse them with this one schema.
export const auditFiltersSchema = z.object({
  action: z.string().trim().max(64).optional().catch(undefined),
  result: z.enum(["ok", "denied", "error"]).optional().catch(undefined),
  actor: z.string().trim().max(254).optional().catch(undefined),
  /** How far back to look; relative, so it means the same in every time zone. */
  period: z.enum(["24h", "7d", "30d"]).optional().catch(undefined),
  before: cursorSchema,
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export function parseAuditFilters(params: Record<string, string | string[] | undefined> | URLSearchParams): AuditFilters {
  return auditFiltersSchema.parse(flattenParams(params));
}

export const AUDIT_PAGE_SIZE = 50;

const PERIOD_MS = { "24h": 24 * 3600e3, "7d": 7 * 24 * 3600e3, "30d": 30 * 24 * 3600e3 } as const;

export async function auditPage(actor: Actor, filters: AuditFilters) {
  assertCan(actor, "audit:read");
  const where: Prisma.AuditEventWhereInput = {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.result ? { result: filters.result } : {}),
    ...(filters.actor ? { actorEmail: { contains: filters.actor, mode: "insensitive" } } : {}),
    ...(filters.period ? { at: { gte: new Date(Date.now() - PERIOD_MS[filters.period]) } } : {}),
  };
  if (filters.before) where.AND = [afterCursor("at", filters.before)];
  const rows = await db().auditEvent.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
    select: { id: true, at: true, actorEmail: true, action: true, target: true, targetType: true, result: true, detail: true },
  });
  const { items, nextCursor } = pageOf(rows, AUDIT_PAGE_SIZE, (e) => e.at);
  return { events: items.map((e) => ({ ...e, at: e.at.toISOString() })), nextCursor };
}

export type AuditPage = Awaited<ReturnType<typeof auditPage>>;

export async function auditActionNames(actor: Actor): Promise<string[]> {
  assertCan(actor, "audit:read");
  const rows = await db().auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
