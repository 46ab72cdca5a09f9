"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { EmptyState } from "@/components/empty-state";
import { LocalTime } from "@/components/local-time";
import type { AuditFilters, AuditPage } from "@/lib/queries/audit";
import { auditQuery } from "./search-params";

/** The first page refreshes itself every 15 s, so a watching admin sees events arrive. */
export function AuditTable({ filters, initial }: { filters: AuditFilters; initial: AuditPage }) {
  const qs = auditQuery(filters);
  const { data, isError } = useQuery({
    queryKey: ["audit", qs],
    queryFn: async (): Promise<AuditPage> => {
      const res = await fetch(`/api/audit${qs}`);
      if (!res.ok) throw new Error((await res.json()).message);
      return res.json();
    },
    initialData: initial,
    refetchInterval: filters.before ? false : 15_000,
  });
  const page = data ?? initial;
  if (page.events.length === 0) {
    return (
      <EmptyState icon="✓" title={qs ? "No events match these filters" : "Nothing audited yet"}>
        {qs ? "Try fewer filters." : "Sign-ins, invitations, role changes, triggers and redeploys are recorded here with their result."}
      </EmptyState>
    );
  }
  const { before: _ignored, ...rest } = filters;
  return (
    <div className="card table-wrap">
      {isError ? <p className="notice error">Could not refresh; showing the last events loaded.</p> : null}
      <table>
        <thead>
          <tr><th>When</th><th>Actor</th><th>Action</th><th>Target</th><th>Result</th></tr>
        </thead>
        <tbody>
          {page.events.map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <td><LocalTime iso={e.at} /></td>
              <td className="wrap">{e.actorEmail ?? <span className="muted">system</span>}</td>
              <td className="mono">{e.action}</td>
              <td className="wrap">{e.target ?? "—"}</td>
              <td><span className={`badge ${e.result}`}>{e.result}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pager" aria-label="Pages">
        {filters.before ? <Link href={auditQuery("/audit", rest)}>← Newest</Link> : <span />}
        {page.nextCursor ? <Link href={auditQuery("/audit", { ...rest, before: page.nextCursor })}>Older →</Link> : null}
      </nav>
    </div>
  );
}
