import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { enforceRateLimit } from "@/lib/rate-limit/hit";
import type { Actor } from "@/lib/services/context";
import { exportQuery, exportStream, scopeOf } from "./executions";
import { monthCostStream, monthQuery } from "./month-cost";

// GET /api/executions/export?account=<id>&format=csv|json&(from=<iso>&to=<iso> | olderThanDays=<n>):
// the download of an account's runs (lib/export/executions.ts). Each export is audited (history leaving
// the catalog) and counted against the member's export limit, besides the API read limit.

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8; header=present", json: "application/json; charset=utf-8" } as const;

/** A file name that survives any browser and file system: the account's name reduced to [a-z0-9-]. */
function fileName(account: string, format: "csv" | "json", now: Date): string {
  const slug = account.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "account";
  return `batchdeck-${slug}-executions-${now.toISOString().slice(0, 10)}.${format}`;
}

export async function exportDownload(actor: Actor, params: URLSearchParams): Promise<Response> {
  await enforceRateLimit("export", actor.id);
  const parsed = exportQuery.safeParse(Object.fromEntries(params));
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues.map((i) => i.message).join(" "));
  const query = parsed.data;
  const account = await db().cloudAccount.findUnique({ where: { id: query.account }, select: { id: true, name: true } });
  if (!account) throw new AppError("not_found", "That cloud account does not exist. Pick it again from the Accounts page.");
  const scope = scopeOf(query);
  const stream = exportStream(actor, scope, query.format);
  await recordAudit(db(), {
    actor: { id: actor.id, email: actor.email },
    action: "executions.export",
    result: "ok",
    targetType: "cloud_account",
    targetId: account.id,
    target: account.name,
    detail: { format: query.format, ...(scope.kind === "range" ? { from: query.from!, to: query.to! } : { olderThanDays: scope.days }) },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": CONTENT_TYPES[query.format],
      "Content-Disposition": `attachment; filename="${fileName(account.name, query.format, new Date())}"`,
      "Cache-Control": "no-store",
    },
  });
}

// GET /api/usage/export?month=YYYY-MM: a month's runs with their cost, and the total the Usage page shows
// (lib/export/month-cost.ts); audited and limited like the execution export.
export async function monthCostDownload(actor: Actor, params: URLSearchParams): Promise<Response> {
  await enforceRateLimit("export", actor.id);
  const parsed = monthQuery.safeParse(Object.fromEntries(params));
  if (!parsed.success) throw new AppError("invalid", parsed.error.issues.map((i) => i.message).join(" "));
  const { month } = parsed.data;
  const stream = monthCostStream(actor, month);
  await recordAudit(db(), { actor: { id: actor.id, email: actor.email }, action: "usage.export", result: "ok", detail: { month } });
  return new Response(stream, {
    headers: {
      "Content-Type": CONTENT_TYPES.csv,
      "Content-Disposition": `attachment; filename="batchdeck-cost-${month}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
