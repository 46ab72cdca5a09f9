import { z } from "zod";
import { db } from "@/lib/db/client";
import { assertCan } from "@/lib/queries/access";
import type { Actor } from "@/lib/services/context";
import { utcMonth } from "@/lib/usage/compute";
import { csvLine } from "./csv";
import { CSV_HEADER, csvRecord, EXPORT_COLUMNS, executionPages, EXPORT_PAGE_ROWS } from "./executions";

// A month's cost for a lab's accounting, as CSV: every run that started in the month (UTC), account by
// account, newest first, with its cost (lib/export/executions.ts's columns, cost_usd last); then one row
// per account for the requests and operations billed beyond the grant (usage_samples.cost_micros); then a
// total row. Its total is the Usage page's cost of the month: both sum costs by the day a run started.

export const monthQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month must be a month as YYYY-MM, e.g. 2026-11."),
});

const COST_COLUMN = EXPORT_COLUMNS.findIndex((c) => c.name === "cost_usd");

/** A record with `label` in the first column, `account` in the second and `micros` as cost_usd, the rest empty. */
function summaryLine(label: string, account: string | null, micros: bigint): string {
  const cells = EXPORT_COLUMNS.map((): string | number | null => null);
  cells[0] = label;
  cells[1] = account;
  cells[COST_COLUMN] = Number(micros) / 1_000_000;
  return csvLine(cells);
}

/** The month [start, end) of "YYYY-MM". */
export function monthOf(month: string): { start: Date; end: Date } {
  const [year, index] = month.split("-").map(Number);
  return utcMonth(new Date(Date.UTC(year!, index! - 1, 1)));
}

export function monthCostStream(actor: Actor, month: string, pageRows = EXPORT_PAGE_ROWS): ReadableStream<Uint8Array> {
  assertCan(actor, "executions:export");
  const { start, end } = monthOf(month);
  const encoder = new TextEncoder();
  async function* lines(): AsyncGenerator<string> {
    yield CSV_HEADER;
    let total = 0n;
    const accounts = await db().cloudAccount.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
    for (const account of accounts) {
      for await (const page of executionPages(actor, { kind: "range", accountId: account.id, from: start, to: end }, pageRows)) {
        for (const row of page) total += row.cost_micros ?? 0n;
        yield page.map(csvRecord).join("");
      }
    }
    const requests = await db().$queryRaw<{ name: string; cost_micros: bigint }[]>`
      SELECT a.name, sum(s.cost_micros)::bigint AS cost_micros FROM usage_samples s JOIN cloud_accounts a ON a.id = s.account_id
      WHERE s.day >= (${start}::timestamptz AT TIME ZONE 'UTC')::date AND s.day < (${end}::timestamptz AT TIME ZONE 'UTC')::date AND s.cost_micros <> 0
      GROUP BY a.name ORDER BY a.name`;
    for (const r of requests) {
      total += r.cost_micros;
      yield summaryLine("requests and operations", r.name, r.cost_micros);
    }
    yield summaryLine("total", null, total);
  }
  const source = lines();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await source.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await source.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
