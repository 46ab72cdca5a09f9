import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { KEYSET_CURSOR } from "@/lib/url-state/parsers";

// Keyset pagination for newest-first lists: the cursor is "<iso time>_<id>" of the last row shown, and a
// page is fetched with pageSize + 1 rows to know whether another follows, without counting.

export const cursorSchema = z.string().regex(KEYSET_CURSOR).optional().catch(undefined);

function cursorOf(at: Date, id: string): string {
  return `${at.toISOString()}_${id}`;
}

/**
 * Rows strictly after the cursor in (time desc, id desc) order, as the row comparison `(time, id) < (…)`:
 * Postgres reads it as one range of a (time DESC, id DESC) index at any depth, which the equivalent
 * `time < t OR (time = t AND id < i)` is not (a full index walk 500,000 rows deep). Rows with no time
 * compare as unknown, so they never follow a cursor. `time` and `id` name columns in code, never user input.
 */
export function afterCursor(time: string, id: string, cursor: string): Prisma.Sql {
  const [iso, lastId] = cursor.split("_") as [string, string];
  return Prisma.sql`(${Prisma.raw(time)}, ${Prisma.raw(id)}) < (${new Date(iso)}::timestamptz, ${lastId})`;
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
