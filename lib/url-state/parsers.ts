import { createParser, parseAsStringLiteral } from "nuqs/server";
import { AuditResult, ExecutionStatus } from "@/lib/db/generated/enums";
import { CLOUDS } from "@/lib/providers/types";

// The pieces every route's search-params.ts is built from, so a list of clouds, statuses or time ranges
// is written once. Pure (no database, no cloud SDK): the audit table imports its serializer in the
// browser. A value a parser does not accept reads as null (no filter), never as an error page.

/** Every execution status, in the catalog's order (queued → running → the outcomes). */
export const EXECUTION_STATUSES = Object.values(ExecutionStatus);

/** The statuses as a filter form's options. */
export const EXECUTION_STATUS_OPTIONS = EXECUTION_STATUSES.map((value) => ({ value, label: value }));

/** Every result an audit event can have. */
export const AUDIT_RESULTS = Object.values(AuditResult);

/** The relative windows a list can be narrowed to ("started within the last …"), shortest first. */
export const TIME_RANGES = ["24h", "7d", "30d", "90d"] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

/** How far back the audit log can be narrowed: relative, so it means the same in every time zone. */
export const AUDIT_PERIODS = ["24h", "7d", "30d"] as const satisfies readonly TimeRange[];
export type AuditPeriod = (typeof AUDIT_PERIODS)[number];

const TIME_RANGE_LABELS: Record<TimeRange, string> = {
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
};

/** A filter form's options for the given ranges, in words. */
export function timeRangeOptions(ranges: readonly TimeRange[]): { value: TimeRange; label: string }[] {
  return ranges.map((value) => ({ value, label: TIME_RANGE_LABELS[value] }));
}

/** The keyset cursor of a newest-first list: "<iso time>_<id>" of the last row shown (lib/queries/keyset.ts). */
export const KEYSET_CURSOR = /^\d{4}-\d\d-\d\dT[\d:.]+Z_[A-Za-z0-9]+$/;

export const parseAsCloud = parseAsStringLiteral(CLOUDS);
export const parseAsExecutionStatus = parseAsStringLiteral(EXECUTION_STATUSES);
export const parseAsAuditResult = parseAsStringLiteral(AUDIT_RESULTS);

/** One of `ranges` (a route may offer fewer than TIME_RANGES). */
export function parseAsTimeRange<R extends TimeRange>(ranges: readonly R[]) {
  return parseAsStringLiteral(ranges);
}

export const parseAsKeysetCursor = createParser({
  parse: (value: string) => (KEYSET_CURSOR.test(value) ? value : null),
  serialize: (value: string) => value,
});

/**
 * Free text or an id up to `maxLength` characters; blank (or, with `trim`, only spaces) is no filter and
 * a longer value is ignored rather than sent to the database.
 */
export function parseAsText(maxLength: number, { trim = false }: { trim?: boolean } = {}) {
  return createParser({
    parse: (value: string) => {
      const text = trim ? value.trim() : value;
      return text === "" || text.length > maxLength ? null : text;
    },
    serialize: (value: string) => value,
  });
}

/** A whole number from `min` to `max`; anything else is no value. */
export function parseAsIntegerIn(min: number, max: number) {
  return createParser({
    parse: (value: string) => {
      const n = /^\d+$/.test(value) ? Number(value) : NaN;
      return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
    },
    serialize: (value: number) => String(value),
  });
}

/** A catalog id (a job's, an execution's) as the URL carries it. */
export const parseAsCatalogId = parseAsText(40);
/** A batch name: what a run was started for, as its cloud recorded it. */
export const parseAsBatch = parseAsText(200);

/** A loader's values without the unset ones (null), in the `{ key?: value }` shape the queries take. */
export type Defined<T> = { [K in keyof T]?: Exclude<T[K], null> };

export function definedOnly<T extends Record<string, unknown>>(values: T): Defined<T> {
  return Object.fromEntries(Object.entries(values).filter((e) => e[1] !== null && e[1] !== undefined)) as Defined<T>;
}
