import { randomUUID } from "node:crypto";
import type { ActiveFault } from "../core/faults";
import { json, isRecord, type SimRequest, type SimResponse } from "../core/http";
import type { SimHttpService } from "../core/service";
import type { AzureCloud } from "./cloud";
import { rowVisible } from "./executions";
import { COLUMNS, KqlError, parseKql, runKql, TABLE, type Row } from "./kql";
import { bearerToken, normalizeAudience, type TokenIssuer } from "./tokens";

// Log Analytics query API v1 (api.loganalytics.io; OperationalInsights.json, Query_Get / Query_Post):
//   POST {base}/v1/workspaces/{workspaceId}/query  {"query": "...", "timespan"?: "PT12H"}
//   GET  {base}/v1/workspaces/{workspaceId}/query?query=...&timespan=...
// Answers queryResults {tables:[{name,columns,rows}]} or errorResponse {error:{code,message,…}}.

const AUDIENCES = ["https://api.loganalytics.io", "https://api.loganalytics.azure.com"];

export function logAnalyticsService(cloud: AzureCloud, tokens: TokenIssuer, prefix = "/azure/loganalytics"): SimHttpService {
  return {
    name: "loganalytics",
    prefix,
    accountOf(req) {
      const id = /^\/v1\/workspaces\/([^/]+)/.exec(req.path)?.[1];
      if (!id) return null;
      // Faults and the request log are per subscription: the workspace maps to the one that owns it.
      return cloud.state.workspaces.get(id)?.subscriptionId ?? id;
    },
    faultResponse: (fault) => faultAnswer(fault),
    handle: (req) => query(cloud, tokens, req),
  };
}

function query(cloud: AzureCloud, tokens: TokenIssuer, req: SimRequest): SimResponse {
  const match = /^\/v1\/workspaces\/([^/]+)\/query$/.exec(req.path);
  if (!match || (req.method !== "POST" && req.method !== "GET")) return laError(404, "PathNotFoundError", "The requested path does not exist");
  const token = bearerToken(req.headers.authorization);
  const check = token === null ? null : tokens.verify(token);
  if (!check?.ok) return laError(401, "AuthorizationRequiredError", "Valid authentication was not provided");
  const audience = normalizeAudience(check.claims.aud);
  if (!AUDIENCES.includes(audience) && audience !== normalizeAudience(req.baseUrl)) {
    return laError(401, "InvalidTokenError", "The provided authentication is not valid for this resource");
  }
  const workspace = cloud.state.workspaces.get(match[1]!);
  if (!workspace) return laError(404, "WorkspaceNotFoundError", "The workspace could not be found");
  if (cloud.state.subscriptions.get(workspace.subscriptionId)?.tenantId !== check.claims.tid) {
    return laError(403, "InsufficientAccessError", "The provided credentials have insufficient access to perform the requested operation");
  }

  let text: unknown;
  let timespan: unknown;
  if (req.method === "POST") {
    let body: unknown;
    try {
      body = JSON.parse(req.rawBody);
    } catch {
      return laError(400, "BadArgumentError", "The request had some invalid properties", { code: "InvalidJsonBody", message: "The request body is not valid JSON" });
    }
    if (!isRecord(body)) return laError(400, "BadArgumentError", "The request had some invalid properties");
    text = body.query;
    timespan = body.timespan;
  } else {
    text = req.query.query;
    timespan = req.query.timespan;
  }
  if (typeof text !== "string" || text.trim() === "") {
    return laError(400, "BadArgumentError", "The request had some invalid properties", { code: "QueryValidationError", message: "Required property 'query' not found" });
  }
  const nowMs = cloud.clock.nowMs();
  const window = timespan === undefined ? null : parseTimespan(String(timespan), nowMs);
  if (window === undefined) {
    return laError(400, "BadArgumentError", "The request had some invalid properties", { code: "InvalidTimespan", message: `'${String(timespan)}' is not a valid ISO 8601 timespan` });
  }

  try {
    const parsed = parseKql(text);
    const rows: Row[] = workspace.rows
      .filter((r) => rowVisible(r, nowMs))
      .filter((r) => window === null || (r.timeMs >= window.from && r.timeMs < window.to))
      .map((r) => ({
        TimeGenerated: r.timeMs,
        ContainerGroupName_s: r.containerGroup,
        ContainerName_s: r.container,
        ContainerJobName_s: r.jobName,
        ContainerImage_s: r.image,
        Stream_s: r.stream,
        Log_s: r.text,
        Type: TABLE,
      }));
    const result = runKql(parsed, rows);
    return json(200, {
      tables: [{
        name: "PrimaryResult",
        columns: result.columns.map((name) => ({ name, type: COLUMNS[name] })),
        rows: result.rows.map((row) => result.columns.map((c) => (c === "TimeGenerated" ? new Date(row[c] as number).toISOString() : String(row[c])))),
      }],
    });
  } catch (error) {
    if (!(error instanceof KqlError)) throw error;
    // The nested shape Log Analytics answers for a query it cannot compile.
    const inner = error.kind === "SyntaxError"
      ? { code: "SyntaxError", message: "A recognition error occurred in the query.", innererror: { code: "SYN0002", message: error.message, line: 1, pos: error.pos ?? 0, token: error.token ?? "" } }
      : { code: "SemanticError", message: "A semantic error occurred.", innererror: { code: "SEM0100", message: error.message } };
    return laError(400, "BadArgumentError", "The request had some invalid properties", inner);
  }
}

/** ISO 8601 "PT12H" (ending now), "start/end" or "start/PT1H". undefined = invalid. */
function parseTimespan(text: string, nowMs: number): { from: number; to: number } | undefined {
  const [a, b] = text.split("/");
  if (b === undefined) {
    const d = durationMs(a!);
    return d === null ? undefined : { from: nowMs - d, to: nowMs + 1 };
  }
  const from = Date.parse(a!);
  if (Number.isNaN(from)) return undefined;
  const d = durationMs(b);
  const to = d !== null ? from + d : Date.parse(b);
  return Number.isNaN(to) ? undefined : { from, to };
}

function durationMs(text: string): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return null;
  const [, d, h, min, s] = m;
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
}

function laError(status: number, code: string, message: string, innererror?: Record<string, unknown>, headers?: Record<string, string>): SimResponse {
  const error: Record<string, unknown> = { message, code, correlationId: randomUUID() };
  if (innererror) error.innererror = innererror;
  return json(status, { error }, headers);
}

function faultAnswer(fault: ActiveFault): SimResponse {
  if (fault.kind === "throttle") {
    const seconds = String(fault.retryAfterSeconds ?? 1);
    return laError(429, "ThrottledError", "Your request was throttled. Please retry after some time.", undefined, { "retry-after": seconds });
  }
  return laError(fault.status ?? 500, fault.status === 503 ? "ServiceUnavailableError" : "InternalServerError", "An internal error occurred. Please retry.");
}
