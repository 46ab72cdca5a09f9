import { describe, expect, it } from "vitest";
import { parseAuditFilters, type AuditFilters } from "@/lib/queries/audit";
import { auditQuery, loadAuditFilters } from "./search-params";

const every: AuditFilters = { action: "member.invite", result: "denied", actor: "ada+1@lab.test", period: "24h", before: "2026-11-30T10:00:00.000Z_ev9" };

describe("audit URL state", () => {
  it("round-trips every filter through its link", () => {
    const href = auditQuery("/audit", every);
    expect(loadAuditFilters(new URL(href, "http://x").searchParams)).toEqual(every);
    expect(auditQuery({})).toBe("");
  });

  it("asks /api/audit exactly what the page shows: both read the same query alike", () => {
    const query = new URLSearchParams(auditQuery(every));
    expect(parseAuditFilters(query)).toEqual(loadAuditFilters(query));
    const odd = { action: "  ", result: "maybe", actor: " ada ", period: "90d", before: "nonsense" };
    expect(loadAuditFilters(odd)).toEqual({ actor: "ada" });
    expect(parseAuditFilters(odd)).toEqual({ action: "", actor: "ada" });
  });
});
