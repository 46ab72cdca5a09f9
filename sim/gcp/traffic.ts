import type { GcpCloud } from "./cloud";
import type { LogEntry, RunService } from "./model";

// A Cloud Run service's request logs (run.googleapis.com/requests, resource cloud_run_revision, with
// httpRequest: https://cloud.google.com/run/docs/logging#request-logs), written hour by hour as the clock
// passes, so a request count read from the logs has a ground truth (requestCounts).

const HOUR_MS = 3_600_000;
const PATHS = ["/", "/api/accounts/me", "/api/login", "/api/token/verify", "/static/app.js"];

export function writeServiceTraffic(cloud: GcpCloud, service: RunService, nowMs: number): void {
  if (service.requestsPerHour <= 0) {
    service.trafficUntilMs = nowMs;
    return;
  }
  while (service.trafficUntilMs + HOUR_MS <= nowMs) {
    const hourStart = service.trafficUntilMs;
    // Lab traffic: busy in the (Tokyo) working day, near zero at night.
    const hourOfDay = (new Date(hourStart).getUTCHours() + 9) % 24;
    const load = hourOfDay >= 9 && hourOfDay < 19 ? 1 : 0.15;
    const n = Math.round(service.requestsPerHour * load * (0.5 + cloud.random.next()));
    for (let i = 0; i < n; i++) cloud.logs.push(requestEntry(cloud, service, hourStart + Math.floor((i + cloud.random.next()) * (HOUR_MS / Math.max(n, 1)))));
    service.trafficUntilMs = hourStart + HOUR_MS;
  }
}

function requestEntry(cloud: GcpCloud, s: RunService, at: number): LogEntry {
  const r = cloud.random;
  const status = r.chance(0.02) ? 500 : r.chance(0.05) ? 401 : 200;
  const path = r.pick(PATHS);
  return {
    projectId: s.projectId,
    insertId: r.string(12),
    logName: `projects/${s.projectId}/logs/run.googleapis.com%2Frequests`,
    resource: { type: "cloud_run_revision", labels: { service_name: s.name, revision_name: `${s.name}-00001-${r.string(3)}`, configuration_name: s.name, location: s.region, project_id: s.projectId } },
    timestampMs: at,
    severity: status >= 500 ? "ERROR" : status >= 400 ? "WARNING" : "INFO",
    httpRequest: {
      requestMethod: path === "/api/login" ? "POST" : "GET",
      requestUrl: `https://${s.name}-${s.uid.slice(0, 10)}-an.a.run.app${path}`,
      status,
      responseSize: String(r.int(200, 20_000)),
      userAgent: "Mozilla/5.0",
      remoteIp: `203.0.113.${r.int(1, 254)}`,
      latency: `${(r.int(3, 900) / 1000).toFixed(3)}s`,
      protocol: "HTTP/1.1",
    },
    labels: { instanceId: `0069${r.string(24, "0123456789abcdef")}` },
  };
}

/** Ground truth for tests: requests per UTC day (YYYY-MM-DD) a service's logs hold. */
export function requestCounts(cloud: GcpCloud, projectId: string, service: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of cloud.logs) {
    if (e.projectId !== projectId || e.resource.type !== "cloud_run_revision" || e.resource.labels.service_name !== service || !e.httpRequest) continue;
    const day = new Date(e.timestampMs).toISOString().slice(0, 10);
    out[day] = (out[day] ?? 0) + 1;
  }
  return out;
}
