import { Cron } from "croner";
import { z } from "zod";
import { json, type SimRequest, type SimResponse } from "../core/http";
import type { SimHttpService } from "../core/service";
import type { GcpCloud } from "./cloud";
import { authorize, page, parseBody, projectOfPath } from "./common";
import { enumEncoder, enumName, type EnumEncoder } from "./enums";
import { googleError, notFound } from "./errors";
import type { SchedulerJob } from "./model";
import { fireNow, nextRunMs } from "./schedules";

// Cloud Scheduler API v1 (cloudscheduler.googleapis.com): jobs list/get/patch/pause/resume/run under
// /v1/projects/{p}/locations/{l}/jobs, the clients' own paths (no prefix possible, see run.ts).

const BASE = /^\/projects\/([^/]+)\/locations\/([^/]+)\/jobs(?:\/([^/:]+))?(?::(pause|resume|run))?$/;

const jobPatch = z.looseObject({
  description: z.string().optional(),
  schedule: z.string().optional(),
  timeZone: z.string().optional(),
  httpTarget: z
    .looseObject({
      uri: z.string().url().optional(),
      httpMethod: z.unknown().optional(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.string().optional(),
    })
    .optional(),
});

export function schedulerService(cloud: GcpCloud): SimHttpService {
  return {
    name: "scheduler",
    prefix: "/v1",
    accepts: (path) => path.startsWith("/projects/"),
    accountOf: (req) => projectOfPath(req.path),
    handle: (req) => handle(cloud, req),
    faultResponse: (fault) => (fault.kind === "throttle" ? googleError("RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Requests' of service 'cloudscheduler.googleapis.com'.", [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${fault.retryAfterSeconds ?? 1}s` }], { "retry-after": String(fault.retryAfterSeconds ?? 1) }) : googleError(fault.status === 503 ? "UNAVAILABLE" : "INTERNAL", fault.status === 503 ? "The service is currently unavailable." : "Internal error encountered.")),
  };
}

function handle(cloud: GcpCloud, req: SimRequest): SimResponse {
  const m = BASE.exec(req.path);
  if (!m) return googleError("UNIMPLEMENTED", `The simulator does not implement ${req.method} /v1${req.path} (sim/README.md lists what it serves).`);
  const [, projectId, region, name, verb] = m as unknown as [string, string, string, string | undefined, string | undefined];
  const parent = `projects/${projectId}/locations/${region}`;
  const e = enumEncoder(req.query);
  const now = cloud.nowMs();
  if (name === undefined) {
    if (req.method !== "GET") return googleError("UNIMPLEMENTED", "The simulator does not create Cloud Scheduler jobs over the API; tests use sim.gcp.createSchedulerJob.");
    const denied = authorize(cloud, req, projectId, "cloudscheduler.jobs.list", parent);
    if (denied) return denied;
    const p = page(cloud.schedulerJobs.filter((j) => j.projectId === projectId && j.region === region), req.query, `scheduler:${parent}`, 500, 500);
    if ("error" in p) return p.error;
    return json(200, { jobs: p.items.map((j) => schedulerJobView(j, e, now)), ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}) });
  }
  const full = `${parent}/jobs/${name}`;
  const action = verb ?? (req.method === "GET" ? "get" : req.method === "PATCH" ? "update" : "");
  if (!action || (verb && req.method !== "POST")) return googleError("UNIMPLEMENTED", `The simulator does not implement ${req.method} /v1${req.path}.`);
  const denied = authorize(cloud, req, projectId, `cloudscheduler.jobs.${action === "resume" ? "enable" : action === "pause" ? "pause" : action === "run" ? "run" : action}`, full);
  if (denied) return denied;
  const job = cloud.schedulerJobs.find((j) => j.projectId === projectId && j.region === region && j.name === name);
  if (!job) return notFound(`Job not found.`);
  if (action === "pause" || action === "resume") {
    job.paused = action === "pause";
    job.checkedUntilMs = now;
    job.userUpdateMs = now;
  } else if (action === "run") {
    fireNow(cloud, job, now);
  } else if (action === "update") {
    const parsed = parseBody(req, jobPatch);
    if ("error" in parsed) return parsed.error;
    const problem = applyPatch(job, parsed.body, req.query.updateMask);
    if (problem) return googleError("INVALID_ARGUMENT", problem);
    job.userUpdateMs = now;
    job.checkedUntilMs = now;
  }
  return json(200, schedulerJobView(job, e, now));
}

function applyPatch(job: SchedulerJob, body: z.infer<typeof jobPatch>, mask: string | undefined): string | null {
  const fields = mask ? mask.split(",").map((f) => f.trim()) : Object.keys(body);
  const next = { ...job };
  for (const field of fields) {
    if (field === "description") next.description = body.description ?? "";
    else if (field === "schedule" && body.schedule !== undefined) next.schedule = body.schedule;
    else if (field === "timeZone" || field === "time_zone") next.timeZone = body.timeZone ?? "Etc/UTC";
    else if (field.startsWith("httpTarget") || field.startsWith("http_target")) {
      const t = body.httpTarget ?? {};
      if (t.uri) next.uri = t.uri;
      if (t.body !== undefined) next.body = Buffer.from(t.body, "base64").toString("utf8");
      if (t.headers) next.headers = t.headers;
      if (t.httpMethod !== undefined) {
        const method = enumName("httpMethod", t.httpMethod);
        if (method !== "POST" && method !== "GET" && method !== "PUT") return `Unsupported http_method ${String(t.httpMethod)}.`;
        next.httpMethod = method;
      }
    } else if (!["name", "state", "userUpdateTime", "scheduleTime", "lastAttemptTime", "status", "attemptDeadline", "retryConfig", "oauthToken"].includes(field)) {
      return `Invalid update mask path: ${field}`;
    }
  }
  try {
    new Cron(next.schedule, { timezone: next.timeZone, paused: true }).nextRun();
  } catch {
    return "Schedule or time zone is invalid.";
  }
  Object.assign(job, next);
  return null;
}

export function schedulerJobView(j: SchedulerJob, e: EnumEncoder, nowMs: number): Record<string, unknown> {
  const next = j.paused ? undefined : nextRunMs(j, nowMs);
  return {
    name: `projects/${j.projectId}/locations/${j.region}/jobs/${j.name}`,
    ...(j.description ? { description: j.description } : {}),
    httpTarget: {
      uri: j.uri,
      httpMethod: e("httpMethod", j.httpMethod),
      headers: j.headers,
      ...(j.body ? { body: Buffer.from(j.body, "utf8").toString("base64") } : {}),
      oauthToken: { serviceAccountEmail: j.oauthServiceAccount, scope: "https://www.googleapis.com/auth/cloud-platform" },
    },
    userUpdateTime: new Date(j.userUpdateMs).toISOString(),
    state: e("schedulerState", j.paused ? "PAUSED" : "ENABLED"),
    ...(j.lastStatus ? { status: j.lastStatus.code === 0 ? {} : { code: j.lastStatus.code, message: j.lastStatus.message } } : {}),
    ...(next !== undefined ? { scheduleTime: new Date(next).toISOString() } : {}),
    ...(j.lastAttemptMs !== undefined ? { lastAttemptTime: new Date(j.lastAttemptMs).toISOString() } : {}),
    retryConfig: { maxRetryDuration: "0s", minBackoffDuration: "5s", maxBackoffDuration: "3600s", maxDoublings: 5 },
    schedule: j.schedule,
    timeZone: j.timeZone,
    attemptDeadline: `${j.attemptDeadlineSeconds}s`,
  };
}
