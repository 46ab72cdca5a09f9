import type { IncomingMessage, ServerResponse } from "node:http";

// Small HTTP helpers on node:http — the simulator has few routes and no need for a framework.

export interface SimRequest {
  method: string;
  /** Path below the service prefix. */
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage["headers"];
  rawBody: string;
  /** Absolute base URL of this service, e.g. https://127.0.0.1:4599/<cloud id>/<service> */
  baseUrl: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as-is (set content-type in headers); undefined = no body. */
  body?: unknown;
}

export async function readBody(req: IncomingMessage, limitBytes = 1_048_576): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) throw new Error("request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function send(res: ServerResponse, response: SimResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload: string | undefined;
  if (response.body !== undefined) {
    if (typeof response.body === "string") payload = response.body;
    else {
      payload = JSON.stringify(response.body);
      headers["content-type"] ??= "application/json; charset=utf-8";
    }
  }
  headers["content-length"] = String(payload === undefined ? 0 : Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, body, headers };
}

/** Parses a body for the request log and for handlers: JSON, a form, or the text itself. */
export function parseBodyForLog(raw: string, contentType: string | undefined): unknown {
  if (raw === "") return null;
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
