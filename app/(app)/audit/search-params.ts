import { createLoader, createSerializer, type LoaderInput } from "nuqs/server";
import type { AuditFilters } from "@/lib/queries/audit";
import { AUDIT_PERIODS, definedOnly, parseAsAuditResult, parseAsKeysetCursor, parseAsText, parseAsTimeRange } from "@/lib/url-state/parsers";

// The audit log's URL: its filters and keyset page. The table (a client component) builds its links and
// its /api/audit refreshes with the same serializer, so the page and the API are asked the same thing.

export const auditSearchParams = {
  action: parseAsText(64, { trim: true }),
  result: parseAsAuditResult,
  /** Part of the actor's email address. */
  actor: parseAsText(254, { trim: true }),
  period: parseAsTimeRange(AUDIT_PERIODS),
  before: parseAsKeysetCursor,
};

const load = createLoader(auditSearchParams);

/** "?…" for these filters, or "" for none: append it to /audit or /api/audit. */
export const auditQuery = createSerializer(auditSearchParams);

export function loadAuditFilters(input: LoaderInput): AuditFilters {
  return definedOnly(load(input));
}
