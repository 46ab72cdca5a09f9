import { z } from "zod";

// Keyset pagination for newest-first lists: the cursor is "<iso time>_<id>" of the last row shown, and a
// page is fetched with pageSize + 1 rows to know whether another follows, without counting.

export const cursorSchema = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_[A-Za-z0-9]+$/)
  .optional()
  .catch(undefined);

function cursorOf(at: Date, id: string): string {
  return `${at.toISOString()}_${id}`;
}

/** Rows strictly after the cursor in (time desc, id desc) order, as a Prisma where fragment. */
export function afterCursor<F extends string>(field: F, cursor: string) {
  const [iso, id] = cursor.split("_") as [string, string];
  const at = new Date(iso);
  return { OR: [{ [field]: { lt: at } }, { [field]: at, id: { lt: id } }] } as { OR: ({ [K in F]: { lt: Date } } | ({ [K in F]: Date } & { id: { lt: string } }))[] };
}

/** Splits a pageSize + 1 fetch into the page and the cursor of the next one. */
export function pageOf<T extends { id: string }>(rows: T[], pageSize: number, timeOf: (row: T) => Date | null) {
  const items = rows.slice(0, pageSize);
  const last = items.at(-1);
  const lastAt = last ? timeOf(last) : null;
  return { items, nextCursor: rows.length > pageSize && last && lastAt ? cursorOf(lastAt, last.id) : null };
}

/** Search params as Next passes them (or a URLSearchParams) → plain strings, blanks dropped. */
export function flattenParams(params: Record<string, string | string[] | undefined> | URLSearchParams): Record<string, string> {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const);
  return Object.fromEntries(entries.filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
}
