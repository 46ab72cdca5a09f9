import type { protos as loggingProtos } from "@google-cloud/logging";
import type { LogFilter, LogLine } from "../types";
import { parseResourceName, toDate } from "./transform";

// Cloud Logging reads: the lines of Cloud Run job executions and the request count of a service.
// Filters use the Logging query language (https://cloud.google.com/logging/docs/view/logging-query-language)
// and ALWAYS name a time range and an order: without them the Node library adds `timestamp >= <24 h ago>`
// by itself (stack-feasibility notes §7), and an open range scans the whole retention.

type LogEntry = loggingProtos.google.logging.v2.ILogEntry;

/** How far back a read goes when the caller names no start: Cloud Logging keeps _Default logs 30 days (https://cloud.google.com/logging/quotas#logs_retention_periods). */
export const DEFAULT_LOOKBACK_MS = 30 * 24 * 3600_000;
/** The label Cloud Run puts on each line of a job execution (https://cloud.google.com/run/docs/logging#job-logs). */
export const EXECUTION_LABEL = "run.googleapis.com/execution_name";

/** A string literal in the query language: double-quoted, backslash and quote escaped. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function timeRange(filter: LogFilter, now: Date): string {
  const since = filter.since ?? new Date(now.getTime() - DEFAULT_LOOKBACK_MS);
  const until = filter.until ?? now;
  return `timestamp>=${quote(since.toISOString())} AND timestamp<=${quote(until.toISOString())}`;
}

/**
 * The filter for the lines of some executions (full v2 names, any jobs): per job, its name and the
 * execution-name label; the time range; the substring, matched by Logging on its side.
 */
export function executionLogFilter(executionNames: string[], filter: LogFilter, now = new Date()): string {
  const byJob = new Map<string, string[]>();
  for (const name of executionNames) {
    const m = /^projects\/[^/]+\/locations\/[^/]+\/jobs\/([^/]+)\/executions\/([^/]+)$/.exec(name);
    if (!m) continue;
    byJob.set(m[1]!, [...(byJob.get(m[1]!) ?? []), m[2]!]);
  }
  const perJob = [...byJob].map(([job, executions]) => {
    const labels = executions.map((e) => `labels.${quote(EXECUTION_LABEL)}=${quote(e)}`);
    return `resource.labels.job_name=${quote(job)} AND ${labels.length === 1 ? labels[0] : `(${labels.join(" OR ")})`}`;
  });
  const scope = perJob.length === 1 ? perJob[0] : `(${perJob.map((p) => `(${p})`).join(" OR ")})`;
  const contains = filter.contains ? ` AND textPayload:${quote(filter.contains)}` : "";
  return `resource.type="cloud_run_job" AND ${scope} AND ${timeRange(filter, now)}${contains}`;
}

/**
 * A service's revision logs over a time range (https://cloud.google.com/run/docs/logging#request): the
 * request log and the app's own lines both sit under cloud_run_revision; a request is an entry with an
 * httpRequest (see isRequestEntry). The filter stays to the fields every Logging backend we talk to
 * evaluates (the simulator's subset, sim/README.md); the rest is told apart here.
 */
export function serviceRequestFilter(serviceName: string, from: Date, to: Date): string {
  const id = parseResourceName(serviceName)?.id ?? serviceName;
  return `resource.type="cloud_run_revision" AND resource.labels.service_name=${quote(id)} AND ${timeRange({ since: from, until: to }, to)}`;
}

/** An entry of the request log: Cloud Run writes one per request served, with its httpRequest. */
export function isRequestEntry(entry: LogEntry): boolean {
  return Boolean(entry.httpRequest?.requestMethod);
}

function streamOf(entry: LogEntry): LogLine["stream"] {
  const log = decodeURIComponent(entry.logName?.split("/logs/")[1] ?? "");
  if (log.endsWith("/stdout")) return "stdout";
  if (log.endsWith("/stderr")) return "stderr";
  return "system";
}

type StructValue = { stringValue?: string | null; kind?: string };

/** textPayload, or a JSON line's message field (Struct as the client decodes it, or plain JSON). */
function messageOf(entry: LogEntry): string {
  if (typeof entry.textPayload === "string") return entry.textPayload;
  const fields = (entry.jsonPayload as { fields?: Record<string, StructValue> } | null | undefined)?.fields;
  const message = fields?.message?.stringValue;
  if (typeof message === "string") return message;
  return entry.jsonPayload ? JSON.stringify(entry.jsonPayload) : "";
}

/** A Logging entry → a line, with the execution it came from in its full v2 name. */
export function transformLogEntry(entry: LogEntry, project: string): LogLine {
  const execution = entry.labels?.[EXECUTION_LABEL] ?? "";
  const labels = entry.resource?.labels ?? {};
  const executionProviderId = `projects/${project}/locations/${labels.location ?? ""}/jobs/${labels.job_name ?? ""}/executions/${execution}`;
  return { at: toDate(entry.timestamp as Parameters<typeof toDate>[0]) ?? new Date(0), executionProviderId, stream: streamOf(entry), message: messageOf(entry) };
}
