import { z } from "zod";
import { json, type SimRequest, type SimResponse } from "../core/http";
import type { SimHttpService } from "../core/service";
import type { GcpCloud } from "./cloud";
import { authorize, page, parseBody } from "./common";
import { enumEncoder, type EnumEncoder } from "./enums";
import { googleError, invalidArgument, resourceExhausted } from "./errors";
import { FilterError, parseFilter } from "./filter";
import type { GcpProject, LogEntry } from "./model";

// Cloud Logging API v2 entries.list (POST /v2/entries:list), with the read quota Cloud Logging applies per
// project (60 entries.list calls a minute by default: https://cloud.google.com/logging/quotas#api-limits),
// on the simulated clock.

const listRequest = z.strictObject({
  resourceNames: z.array(z.string()).optional(),
  projectIds: z.array(z.string()).optional(),
  filter: z.string().optional(),
  orderBy: z.string().optional(),
  pageSize: z.number().int().min(0).optional(),
  pageToken: z.string().optional(),
});

const WINDOW_MS = 60_000;

export function loggingService(cloud: GcpCloud): SimHttpService {
  return {
    name: "logging",
    prefix: "/v2",
    accepts: (path) => path === "/entries:list",
    accountOf: (req) => projectOfBody(req),
    handle: (req) => list(cloud, req),
    faultResponse: (fault) => (fault.kind === "throttle" ? resourceExhausted("Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'logging.googleapis.com'.", fault.retryAfterSeconds ?? 1, { quota_metric: "logging.googleapis.com/read_requests", quota_limit: "ReadRequestsPerMinutePerProject", service: "logging.googleapis.com" }) : googleError(fault.status === 503 ? "UNAVAILABLE" : "INTERNAL", fault.status === 503 ? "The service is currently unavailable." : "Internal error encountered.")),
  };
}

function projectOfBody(req: SimRequest): string | null {
  try {
    const body = JSON.parse(req.rawBody) as { resourceNames?: unknown; projectIds?: unknown };
    const first = Array.isArray(body.resourceNames) ? body.resourceNames[0] : Array.isArray(body.projectIds) ? `projects/${String(body.projectIds[0])}` : undefined;
    return typeof first === "string" ? (/^projects\/([^/]+)$/.exec(first)?.[1] ?? null) : null;
  } catch {
    return null;
  }
}

function list(cloud: GcpCloud, req: SimRequest): SimResponse {
  if (req.method !== "POST") return googleError("UNIMPLEMENTED", "entries:list is a POST.");
  const parsed = parseBody(req, listRequest);
  if ("error" in parsed) return parsed.error;
  const { body } = parsed;
  const names = [...(body.resourceNames ?? []), ...(body.projectIds ?? []).map((p) => `projects/${p}`)];
  if (names.length !== 1) return invalidArgument("The simulator reads one project per request: give exactly one of resourceNames (\"projects/<id>\").");
  const projectId = /^projects\/([^/]+)$/.exec(names[0] as string)?.[1];
  if (!projectId) return invalidArgument(`Invalid resource name: ${names[0] ?? ""}. The simulator accepts projects/<id> only.`);
  const denied = authorize(cloud, req, projectId, "logging.logEntries.list", `projects/${projectId}`);
  if (denied) return denied;
  const project = cloud.project(projectId);
  const throttled = spendRead(project, cloud.nowMs());
  if (throttled) return throttled;
  let predicate: (e: LogEntry) => boolean = () => true;
  try {
    if (body.filter) predicate = parseFilter(body.filter);
  } catch (error) {
    if (error instanceof FilterError) return invalidArgument(error.message);
    throw error;
  }
  const order = (body.orderBy ?? "timestamp asc").trim().toLowerCase();
  if (order !== "timestamp asc" && order !== "timestamp desc" && order !== "timestamp") return invalidArgument(`Invalid orderBy "${body.orderBy ?? ""}": only "timestamp asc" and "timestamp desc" are supported.`);
  const now = cloud.nowMs();
  const matches = cloud.logs.filter((e) => e.projectId === projectId && e.timestampMs <= now && predicate(e));
  matches.sort((a, b) => a.timestampMs - b.timestampMs || a.insertId.localeCompare(b.insertId));
  if (order === "timestamp desc") matches.reverse();
  // Logging's page size defaults to 50 and is capped at 1000 (discovery: ListLogEntriesRequest.pageSize).
  const p = page(matches, { ...(body.pageSize ? { pageSize: String(body.pageSize) } : {}), ...(body.pageToken ? { pageToken: body.pageToken } : {}) }, `entries:${projectId}:${body.filter ?? ""}:${order}`, 1000, 50);
  if ("error" in p) return p.error;
  const e = enumEncoder(req.query);
  return json(200, { entries: p.items.map((x) => entryView(x, e)), ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}) });
}

/** One read against the per-minute quota, or the 429 Cloud Logging answers with the delay until a slot frees. */
function spendRead(project: GcpProject, nowMs: number): SimResponse | null {
  project.logReads = project.logReads.filter((t) => t > nowMs - WINDOW_MS);
  if (project.logReads.length >= project.logQuotaPerMinute) {
    const oldest = project.logReads[0] ?? nowMs;
    const retry = Math.max(1, Math.ceil((oldest + WINDOW_MS - nowMs) / 1000));
    return resourceExhausted(
      `Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'logging.googleapis.com' for consumer 'project_number:${project.projectNumber}'.`,
      retry,
      { quota_metric: "logging.googleapis.com/read_requests", quota_limit: "ReadRequestsPerMinutePerProject", quota_limit_value: String(project.logQuotaPerMinute), consumer: `projects/${project.projectNumber}`, service: "logging.googleapis.com" },
    );
  }
  project.logReads.push(nowMs);
  return null;
}

export function entryView(x: LogEntry, e: EnumEncoder): Record<string, unknown> {
  return {
    logName: x.logName,
    resource: x.resource,
    timestamp: new Date(x.timestampMs).toISOString(),
    receiveTimestamp: new Date(x.timestampMs + 1500).toISOString(),
    severity: e("logSeverity", x.severity),
    insertId: x.insertId,
    ...(x.textPayload !== undefined ? { textPayload: x.textPayload } : {}),
    ...(x.httpRequest ? { httpRequest: x.httpRequest } : {}),
    ...(x.labels ? { labels: x.labels } : {}),
  };
}
