import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";

/** The (table, column) pairs read this way; each needs an index leading with the column. */
type Indexed = { table: "executions"; column: "batch" } | { table: "audit_events"; column: "action" };

/**
 * The column's non-null values, A to Z, by a loose index scan (recursive CTE): one index probe per value
 * found, where SELECT DISTINCT reads every row. For columns with few values over many rows.
 */
export async function distinctValues({ table, column }: Indexed): Promise<string[]> {
  // Identifiers come from the closed type above, never from input.
  const t = Prisma.raw(table);
  const c = Prisma.raw(column);
  const rows = await db().$queryRaw<{ value: string }[]>`
    WITH RECURSIVE v(value) AS (
      SELECT min(${c}) FROM ${t}
      UNION ALL
      SELECT (SELECT min(x.${c}) FROM ${t} x WHERE x.${c} > v.value) FROM v WHERE v.value IS NOT NULL
    )
    SELECT value FROM v WHERE value IS NOT NULL ORDER BY value`;
  return rows.map((r) => r.value);
}
