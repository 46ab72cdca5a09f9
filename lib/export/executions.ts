import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { assertCan } from "@/lib/queries/access";
import { redactEnv } from "@/lib/catalog/redact";
import { datedBefore, retentionCut, undatedBefore, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS } from "@/lib/retention/cut";
import type { Actor } from "@/lib/services/context";
import { csvLine, type CsvCell } from "./csv";

// An account's runs as CSV or JSON, streamed page by page: a page of EXPORT_PAGE_ROWS rows is read
// (keyset on the (account_id, started_at DESC, id DESC) index, the same row comparison as the run
// list), written out, and only then is the next one read, when the reader wants more. So an export of
// a million runs holds one or two pages in memory, never the whole history.
// Runs with no start time cannot be placed on the time axis: they come last, newest id first, and only in
// the "what a retention removes" scope (a time range is a range of start times).
// The columns are one list (EXPORT_COLUMNS): a new one, like a cost, is one entry and one selected field.

export const EXPORT_PAGE_ROWS = 1_000;

export type ExportScope =
  /** Runs that started in [from, to). */
  | { kind: "range"; accountId: string; from: Date; to: Date }
  /** Exactly the runs a retention of `days` would remove now (lib/retention/cut.ts). */
  | { kind: "olderThan"; accountId: string; days: number; now?: Date };

export type ExportFormat = "csv" | "json";

/** The export's query string, shared by the route and the retention form's links. */
export const exportQuery = z
  .object({
    account: z.string().min(1, "Name the account (?account=<id>)."),
    format: z.enum(["csv", "json"], { message: "format must be csv or json." }),
    from: z.iso.datetime({ message: "from must be an ISO time, e.g. 2026-01-01T00:00:00Z." }).optional(),
    to: z.iso.datetime({ message: "to must be an ISO time, e.g. 2026-02-01T00:00:00Z." }).optional(),
    olderThanDays: z.coerce.number().int().min(RETENTION_MIN_DAYS).max(RETENTION_MAX_DAYS).optional(),
  })
  .refine((q) => (q.olderThanDays === undefined) === (q.from !== undefined && q.to !== undefined), {
    message: "Give either from and to (a range of start times) or olderThanDays (what that retention would remove).",
  });

export function scopeOf(query: z.infer<typeof exportQuery>): ExportScope {
  if (query.olderThanDays !== undefined) return { kind: "olderThan", accountId: query.account, days: query.olderThanDays };
  return { kind: "range", accountId: query.account, from: new Date(query.from!), to: new Date(query.to!) };
}

export interface ExportRow {
  id: string;
  provider_id: string;
  account: string;
  job: string;
  batch: string | null;
  status: string;
  started_at: Date | null;
  ended_at: Date | null;
  exit_code: number | null;
  image: string | null;
  milli_vcpu: number | null;
  memory_mib: number | null;
  triggered_by: string;
  member: string | null;
  request_key: string | null;
  overrides: Record<string, string> | null;
  cost_micros: bigint | null;
}

type Value = string | number | null | Record<string, string>;

export const EXPORT_COLUMNS: readonly { name: string; value: (r: ExportRow) => Value }[] = [
  { name: "execution_id", value: (r) => r.provider_id },
  { name: "account", value: (r) => r.account },
  { name: "job", value: (r) => r.job },
  { name: "batch", value: (r) => r.batch },
  { name: "status", value: (r) => r.status },
  { name: "started_at", value: (r) => r.started_at?.toISOString() ?? null },
  { name: "ended_at", value: (r) => r.ended_at?.toISOString() ?? null },
  { name: "duration_seconds", value: (r) => (r.started_at && r.ended_at ? (r.ended_at.getTime() - r.started_at.getTime()) / 1000 : null) },
  { name: "exit_code", value: (r) => r.exit_code },
  { name: "image", value: (r) => r.image },
  { name: "vcpu", value: (r) => (r.milli_vcpu === null ? null : r.milli_vcpu / 1000) },
  { name: "memory_mib", value: (r) => r.memory_mib },
  { name: "triggered_by", value: (r) => r.triggered_by },
  { name: "triggered_by_member", value: (r) => r.member },
  { name: "request_key", value: (r) => r.request_key },
  // Stored redacted by the sync; redacted again here so no path can export a secret-looking value.
  { name: "overrides", value: (r) => (r.overrides ? redactEnv(r.overrides) : null) },
  // USD after the free grant (executions.cost_micros), exact: an integer of micro-dollars over 10⁶ prints
  // as its six-decimal value. Empty while the run is going or its cost is unknown.
  { name: "cost_usd", value: (r) => (r.cost_micros === null ? null : Number(r.cost_micros) / 1_000_000) },
];

const SELECT = Prisma.sql`
  SELECT e.id, e.provider_id, a.name AS account, j.name AS job, e.batch, e.status::text AS status, e.started_at, e.ended_at, e.exit_code,
         e.image, e.milli_vcpu, e.memory_mib, e.triggered_by::text AS triggered_by, u.email AS member, e.request_key, e.overrides, e.cost_micros
  FROM executions e JOIN jobs j ON j.id = e.job_id JOIN cloud_accounts a ON a.id = e.account_id LEFT JOIN users u ON u.id = e.actor_id`;

/** The scope's runs that have a start time, and those that have none (null: a range has none). */
function conditions(scope: ExportScope): { dated: Prisma.Sql; undated: Prisma.Sql | null } {
  if (scope.kind === "range") return { dated: Prisma.sql`e.started_at >= ${scope.from} AND e.started_at < ${scope.to}`, undated: null };
  const cut = retentionCut(scope.days, scope.now);
  return { dated: datedBefore(cut), undated: undatedBefore(cut) };
}

/**
 * The scope's runs, newest first, one page of at most `pageRows` at a time; a page is read only when
 * the previous one has been consumed.
 */
export async function* executionPages(actor: Actor, scope: ExportScope, pageRows = EXPORT_PAGE_ROWS): AsyncGenerator<ExportRow[]> {
  assertCan(actor, "executions:export");
  const { dated, undated } = conditions(scope);
  let after: ExportRow | null = null;
  for (;;) {
    const keyset: Prisma.Sql = after ? Prisma.sql`AND (e.started_at, e.id) < (${after.started_at}::timestamptz, ${after.id})` : Prisma.empty;
    const rows: ExportRow[] = await db().$queryRaw<ExportRow[]>`${SELECT}
      WHERE e.account_id = ${scope.accountId} AND ${dated} ${keyset}
      ORDER BY e.started_at DESC, e.id DESC LIMIT ${pageRows}`;
    if (rows.length > 0) yield rows;
    if (rows.length < pageRows) break;
    after = rows.at(-1)!;
  }
  if (!undated) return;
  let afterId: string | null = null;
  for (;;) {
    const keyset: Prisma.Sql = afterId ? Prisma.sql`AND e.id < ${afterId}` : Prisma.empty;
    const rows: ExportRow[] = await db().$queryRaw<ExportRow[]>`${SELECT}
      WHERE e.account_id = ${scope.accountId} AND ${undated} ${keyset}
      ORDER BY e.id DESC LIMIT ${pageRows}`;
    if (rows.length > 0) yield rows;
    if (rows.length < pageRows) break;
    afterId = rows.at(-1)!.id;
  }
}

function csvCell(value: Value): CsvCell {
  return value !== null && typeof value === "object" ? JSON.stringify(value) : value;
}

/** The CSV header row. */
export const CSV_HEADER = csvLine(EXPORT_COLUMNS.map((c) => c.name));

/** One run as a CSV record. */
export function csvRecord(row: ExportRow): string {
  return csvLine(EXPORT_COLUMNS.map((c) => csvCell(c.value(row))));
}

/** One run as a JSON object, columns in order. */
export function jsonRecord(row: ExportRow): Record<string, Value> {
  return Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.name, c.value(row)]));
}

/**
 * The export as a byte stream: CSV with a header row, or JSON as one array of objects (pretty enough to
 * read, one run per line). Pulled by the HTTP response, so a slow reader slows the reads.
 */
export function exportStream(actor: Actor, scope: ExportScope, format: ExportFormat, pageRows = EXPORT_PAGE_ROWS): ReadableStream<Uint8Array> {
  assertCan(actor, "executions:export");
  const encoder = new TextEncoder();
  const pages = executionPages(actor, scope, pageRows);
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(format === "csv" ? CSV_HEADER : "["));
      },
      async pull(controller) {
        const next = await pages.next();
        if (next.done) {
          if (format === "json") controller.enqueue(encoder.encode(first ? "]\n" : "\n]\n"));
          controller.close();
          return;
        }
        if (format === "csv") controller.enqueue(encoder.encode(next.value.map(csvRecord).join("")));
        else controller.enqueue(encoder.encode(`${first ? "\n" : ",\n"}${next.value.map((row) => JSON.stringify(jsonRecord(row))).join(",\n")}`));
        first = false;
      },
      async cancel() {
        await pages.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
