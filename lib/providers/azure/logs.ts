import type { TokenCredential } from "@azure/identity";
import type { LogFilter, LogLine, Page } from "../types";
import { ProviderError } from "../errors";
import { withTimeout } from "../timeout";
import { sanitizeUpstreamText } from "../http-errors";
import { fromHttpResponse, toProviderError } from "./errors";
import { kqlDatetime, kqlString } from "./kql";
import { assertAzureEndpoint, logAnalyticsScopeFor } from "./endpoints";

// Logs of Container Apps job executions, read from Log Analytics with the query API
// (POST {endpoint}/v1/workspaces/{workspaceId}/query, body {query}; OperationalInsights.json v1).
// Console logs land in ContainerAppConsoleLogs_CL (legacy "Log Analytics" destination) with one row per
// line; ContainerGroupName_s is the replica name, which starts with the execution name
// (learn.microsoft.com: "Monitor logs in Azure Container Apps with Log Analytics").

export const LOG_TABLE = "ContainerAppConsoleLogs_CL";
export const DEFAULT_LOG_LIMIT = 500;
export const MAX_LOG_LIMIT = 5_000;
/** Default look-back when the caller gives no `since`: the workspace's default retention is 30 days. */
export const DEFAULT_LOOKBACK_MS = 30 * 24 * 3600 * 1000;

export interface LogQuery {
  executionNames: string[];
  since: Date;
  until: Date | null;
  contains: string | null;
  /** Exclusive lower bound from a cursor (the last TimeGenerated already returned). */
  after: Date | null;
  limit: number;
}

export function buildLogQuery(q: LogQuery): string {
  if (q.executionNames.length === 0) throw new RangeError("buildLogQuery needs at least one execution");
  const lines = [LOG_TABLE, `| where TimeGenerated >= ${kqlDatetime(q.since)}`];
  if (q.until) lines.push(`| where TimeGenerated <= ${kqlDatetime(q.until)}`);
  if (q.after) lines.push(`| where TimeGenerated > ${kqlDatetime(q.after)}`);
  lines.push(`| where ${q.executionNames.map((n) => `ContainerGroupName_s startswith ${kqlString(n)}`).join(" or ")}`);
  if (q.contains) lines.push(`| where Log_s contains ${kqlString(q.contains)}`);
  lines.push("| project TimeGenerated, ContainerGroupName_s, Stream_s, Log_s");
  lines.push("| order by TimeGenerated asc");
  lines.push(`| take ${q.limit}`);
  return lines.join("\n");
}

/** Cursor = the TimeGenerated of the last line returned, as ISO text. Re-parsed, never pasted into KQL. */
export function parseLogCursor(cursor: string | null): Date | null {
  if (cursor === null || cursor === "") return null;
  const at = new Date(cursor);
  if (Number.isNaN(at.getTime())) {
    throw new ProviderError("invalid_request", "That log position is not valid any more; reload the logs from the start.", { providerCode: "BadCursor" });
  }
  return at;
}

interface QueryResults {
  tables?: { name?: string; columns?: { name?: string; type?: string }[]; rows?: unknown[][] }[];
}

/** Which requested execution wrote a row: the longest execution name the container group starts with. */
function owner(group: string, executionNames: string[]): string | null {
  let best: string | null = null;
  for (const name of executionNames) {
    if (group.startsWith(name) && (best === null || name.length > best.length)) best = name;
  }
  return best;
}

function streamOf(value: unknown): LogLine["stream"] {
  return value === "stderr" ? "stderr" : value === "stdout" ? "stdout" : "system";
}

export function rowsToLogLines(results: QueryResults, executionNames: string[]): LogLine[] {
  const table = results.tables?.[0];
  if (!table) return [];
  const index = new Map((table.columns ?? []).map((c, i) => [c.name ?? "", i]));
  const col = (row: unknown[], name: string) => {
    const i = index.get(name);
    return i === undefined ? undefined : row[i];
  };
  const lines: LogLine[] = [];
  for (const row of table.rows ?? []) {
    const group = String(col(row, "ContainerGroupName_s") ?? "");
    const execution = owner(group, executionNames);
    const at = new Date(String(col(row, "TimeGenerated") ?? ""));
    if (execution === null || Number.isNaN(at.getTime())) continue;
    lines.push({ at, executionProviderId: execution, stream: streamOf(col(row, "Stream_s")), message: String(col(row, "Log_s") ?? "") });
  }
  return lines;
}

/**
 * One page. When the page is full, lines sharing the last timestamp are held back (unless the whole
 * page has one timestamp), so the `> cursor` of the next page can't skip lines written in the same instant.
 */
export function pageOf(lines: LogLine[], limit: number): Page<LogLine> {
  if (lines.length < limit) return { items: lines, cursor: null };
  const last = lines[lines.length - 1]!.at.getTime();
  let cut = lines.length;
  while (cut > 0 && lines[cut - 1]!.at.getTime() === last) cut--;
  const items = cut > 0 ? lines.slice(0, cut) : lines;
  return { items, cursor: items[items.length - 1]!.at.toISOString() };
}

export interface LogReaderContext {
  credential: TokenCredential;
  logAnalyticsEndpoint: string;
  workspaceId: string | undefined;
  timeoutMs: number;
  now?: () => Date;
}

const SERVICE = "Azure Log Analytics";

export async function readExecutionLogs(
  ctx: LogReaderContext,
  executionNames: string[],
  filter: LogFilter,
  cursor: string | null,
): Promise<Page<LogLine>> {
  if (!ctx.workspaceId) {
    throw new ProviderError(
      "invalid_request",
      "This Azure account has no Log Analytics workspace id, so logs can't be read. Add the workspace (customer) id that the Container Apps environment sends its logs to.",
      { providerCode: "NoWorkspace" },
    );
  }
  if (executionNames.length === 0) return { items: [], cursor: null };
  const limit = Math.min(Math.max(1, Math.floor(filter.limit ?? DEFAULT_LOG_LIMIT)), MAX_LOG_LIMIT);
  const now = (ctx.now ?? (() => new Date()))();
  const query = buildLogQuery({
    executionNames,
    since: filter.since ?? new Date(now.getTime() - DEFAULT_LOOKBACK_MS),
    until: filter.until ?? null,
    contains: filter.contains ? filter.contains : null,
    after: parseLogCursor(cursor),
    limit,
  });
  // Before the token is even asked for: a bearer token for Log Analytics goes to Azure's hosts only.
  assertAzureEndpoint("logAnalytics", ctx.logAnalyticsEndpoint);
  const url = `${ctx.logAnalyticsEndpoint}/v1/workspaces/${encodeURIComponent(ctx.workspaceId)}/query`;
  const results = await withTimeout(SERVICE, ctx.timeoutMs, async (signal) => {
    try {
      const token = await ctx.credential.getToken(logAnalyticsScopeFor(ctx.logAnalyticsEndpoint), { abortSignal: signal });
      if (!token) throw new ProviderError("bad_credentials", "Could not get a token for Log Analytics with this account's credentials.");
      const response = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${token.token}`, "content-type": "application/json" },
        body: JSON.stringify({ query }),
        // A redirect would carry the query elsewhere; the query API never redirects.
        redirect: "error",
        signal,
      });
      const text = await response.text();
      if (!response.ok) {
        // errorResponse in OperationalInsights.json: { error: { code, message, innererror } }
        const body = safeJson(text) as { error?: ErrorInfo } | null;
        throw fromHttpResponse(SERVICE, {
          status: response.status,
          header: (name) => response.headers.get(name) ?? undefined,
          code: body?.error?.code ?? null,
          message: body?.error ? describeError(body.error) : null,
        });
      }
      return queryResults(safeJson(text), response.headers.get("content-type"));
    } catch (error) {
      throw toProviderError(error, SERVICE);
    }
  });
  return pageOf(rowsToLogLines(results, executionNames), limit);
}

/**
 * A 200 must carry the query API's `{ tables: [...] }`. Anything else (a proxy's HTML page, a wrong
 * endpoint) is an error, never "no log lines": that would tell the user their job printed nothing.
 */
function queryResults(body: unknown, contentType: string | null): QueryResults {
  if (body !== null && typeof body === "object" && Array.isArray((body as QueryResults).tables)) return body as QueryResults;
  const what = body === null ? `not JSON (content type ${sanitizeUpstreamText(contentType ?? "none", 60)})` : "JSON without result tables";
  throw new ProviderError(
    "unreachable",
    `${SERVICE} answered HTTP 200 with ${what}, so the logs could not be read. Check the account's Log Analytics endpoint, then try again.`,
    { providerCode: "UnexpectedResponse" },
  );
}

interface ErrorInfo {
  code?: string;
  message?: string;
  innererror?: ErrorInfo;
}

/** The top message plus the innermost one, which says what is wrong with the query (e.g. the parse position). */
function describeError(error: ErrorInfo): string {
  let inner: ErrorInfo = error;
  while (inner.innererror) inner = inner.innererror;
  const top = error.message ?? "";
  return inner !== error && inner.message ? `${top}: ${inner.message}` : top;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
