import type { SimRequest, SimResponse } from "../core/http";
import { json } from "../core/http";
import type { SimHttpService } from "../core/service";
import type { GcpCloud } from "./cloud";
import { authorize, page, parseBody, projectOfPath } from "./common";
import { enumEncoder } from "./enums";
import { googleError, notFound } from "./errors";
import { completionMs } from "./executions";
import { operationView } from "./operations";
import { cancelExecutionRequest, jobPatch, runJobRequest } from "./runRequests";
import { executionView, jobView, serviceView, taskView } from "./runViews";
import type { RunExecution } from "./model";

// Cloud Run Admin API v2 (run.googleapis.com) under its own paths: /v2/projects/{p}/locations/{l}/… .
// The Google clients cannot put a path in front (google-gax fallbackRest.js builds
// `${protocol}://${servicePath}:${port}/${path}`), so this service claims /v2/projects/… on the shared port.

const BASE = /^\/projects\/([^/]+)\/locations\/([^/]+)\/(.+)$/;

export function runService(cloud: GcpCloud): SimHttpService {
  return {
    name: "run",
    prefix: "/v2",
    accepts: (path) => path.startsWith("/projects/"),
    accountOf: (req) => projectOfPath(req.path),
    handle: (req) => handle(cloud, req),
    faultResponse: (fault) => (fault.kind === "throttle" ? googleError("RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per region' of service 'run.googleapis.com'.", [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${fault.retryAfterSeconds ?? 1}s` }], { "retry-after": String(fault.retryAfterSeconds ?? 1) }) : googleError(fault.status === 503 ? "UNAVAILABLE" : "INTERNAL", fault.status === 503 ? "The service is currently unavailable." : "Internal error encountered.")),
  };
}

function handle(cloud: GcpCloud, req: SimRequest): SimResponse {
  const m = BASE.exec(req.path);
  if (!m) return notFound(`Requested entity was not found: ${req.path}`);
  const [, projectId, region, rest] = m as unknown as [string, string, string, string];
  const parent = `projects/${projectId}/locations/${region}`;
  const e = enumEncoder(req.query);
  const sa = cloud.projects.get(projectId)?.serviceAccountEmail ?? "";
  const now = cloud.nowMs();
  const deny = (permission: string, resource: string) => authorize(cloud, req, projectId, permission, resource);
  const route = `${req.method} ${rest.replace(/^jobs\/[^/:]+/, "jobs/{j}").replace(/executions\/[^/:]+/, "executions/{e}").replace(/tasks\/[^/]+$/, "tasks/{t}").replace(/^services\/[^/]+/, "services/{s}").replace(/^operations\/[^/]+/, "operations/{o}")}`;
  const parts = rest.split("/");
  const jobPart = (parts[1] ?? "").split(":")[0] as string;
  const exPart = (parts[3] ?? "").split(":")[0] as string;

  switch (route) {
    case "GET jobs": {
      const denied = deny("run.jobs.list", parent);
      if (denied) return denied;
      const jobs = cloud.jobs.filter((j) => j.projectId === projectId && j.region === region);
      const p = page(jobs, req.query, `jobs:${parent}`, 1000, 100);
      if ("error" in p) return p.error;
      return json(200, { jobs: p.items.map((j) => jobView(j, latestOf(cloud, j.projectId, j.region, j.name), reconciling(cloud, `${parent}/jobs/${j.name}`), e, sa, now)), ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}) });
    }
    case "GET jobs/{j}":
    case "PATCH jobs/{j}":
    case "POST jobs/{j}:run": {
      const name = `${parent}/jobs/${jobPart}`;
      const verb = req.method === "GET" ? "get" : req.method === "PATCH" ? "update" : "run";
      const denied = deny(`run.jobs.${verb}`, name);
      if (denied) return denied;
      const job = cloud.findJob(projectId, region, jobPart);
      if (!job) return notFound(`Resource '${jobPart}' of kind 'JOB' in region '${region}' in project '${projectId}' does not exist.`);
      if (verb === "get") return json(200, jobView(job, latestOf(cloud, projectId, region, job.name), reconciling(cloud, name), e, sa, now));
      if (verb === "run") {
        const parsed = parseBody(req, runJobRequest);
        if ("error" in parsed) return parsed.error;
        const o = parsed.body.overrides;
        const env = (o?.containerOverrides ?? []).flatMap((c) => c.env ?? []).map((v) => ({ name: v.name, value: v.value ?? "" }));
        if (parsed.body.validateOnly) return json(200, operationView(cloud, cloud.newOperation({ projectId, kind: "update", job: job.name, doneAtMs: now }, region), e));
        const ex = cloud.runJob(job, { env, taskCount: o?.taskCount, timeoutSeconds: o?.timeout ? Number.parseFloat(o.timeout) : undefined });
        return json(200, operationView(cloud, cloud.newOperation({ projectId, kind: "run", job: job.name, execution: ex.name }, region), e));
      }
      const parsed = parseBody(req, jobPatch);
      if ("error" in parsed) return parsed.error;
      if (req.query.validateOnly !== "true") {
        const t = parsed.body.template;
        const c = t.template.containers[0];
        if (c) {
          job.image = c.image;
          job.env = (c.env ?? []).map((v) => ({ name: v.name, value: v.value ?? "" }));
          job.cpu = c.resources?.limits?.cpu ?? job.cpu;
          job.memory = c.resources?.limits?.memory ?? job.memory;
        }
        job.taskCount = t.taskCount ?? job.taskCount;
        job.maxRetries = t.template.maxRetries ?? job.maxRetries;
        job.timeoutSeconds = t.template.timeout ? Number.parseFloat(t.template.timeout) : job.timeoutSeconds;
        job.labels = parsed.body.labels ?? job.labels;
        job.generation += 1;
        job.updateMs = now;
      }
      // Rolling the new template out takes Cloud Run some seconds; the operation is polled until then.
      const op = cloud.newOperation({ projectId, kind: "update", job: job.name, doneAtMs: now + cloud.random.int(6, 12) * 1000 }, region);
      return json(200, operationView(cloud, op, e));
    }
    case "GET jobs/{j}/executions": {
      const name = `${parent}/jobs/${jobPart}`;
      const denied = deny("run.executions.list", name);
      if (denied) return denied;
      if (jobPart !== "-" && !cloud.findJob(projectId, region, jobPart)) return notFound(`Resource '${jobPart}' of kind 'JOB' in region '${region}' in project '${projectId}' does not exist.`);
      const list = cloud.executions.filter((x) => x.projectId === projectId && x.region === region && (jobPart === "-" || x.job === jobPart)).sort((a, b) => b.createMs - a.createMs);
      const p = page(list, req.query, `executions:${name}`, 1000, 100);
      if ("error" in p) return p.error;
      return json(200, { executions: p.items.map((x) => executionView(x, e, sa, now)), ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}) });
    }
    case "GET jobs/{j}/executions/{e}":
    case "POST jobs/{j}/executions/{e}:cancel": {
      const name = `${parent}/jobs/${jobPart}/executions/${exPart}`;
      const cancel = req.method === "POST";
      const denied = deny(cancel ? "run.executions.cancel" : "run.executions.get", name);
      if (denied) return denied;
      const ex = cloud.findExecution(projectId, region, jobPart, exPart);
      if (!ex) return notFound(`Resource '${exPart}' of kind 'EXECUTION' in region '${region}' in project '${projectId}' does not exist.`);
      if (!cancel) return json(200, executionView(ex, e, sa, now));
      const parsed = parseBody(req, cancelExecutionRequest);
      if ("error" in parsed) return parsed.error;
      if (completionMs(ex, now) !== undefined) return googleError("FAILED_PRECONDITION", `Execution ${ex.name} has already completed.`);
      if (!parsed.body.validateOnly) cloud.cancel(ex);
      return json(200, operationView(cloud, cloud.newOperation({ projectId, kind: "cancel", job: ex.job, execution: ex.name }, region), e));
    }
    case "GET jobs/{j}/executions/{e}/tasks":
    case "GET jobs/{j}/executions/{e}/tasks/{t}": {
      const name = `${parent}/jobs/${jobPart}/executions/${exPart}`;
      const one = parts[5];
      const denied = deny(one ? "run.tasks.get" : "run.tasks.list", one ? `${name}/tasks/${one}` : name);
      if (denied) return denied;
      const ex = cloud.findExecution(projectId, region, jobPart, exPart);
      if (!ex) return notFound(`Resource '${exPart}' of kind 'EXECUTION' in region '${region}' in project '${projectId}' does not exist.`);
      const indexes = ex.tasks.map((_, i) => i);
      if (one) {
        const index = indexes.find((i) => `${ex.name}-task${i}` === one);
        return index === undefined ? notFound(`Resource '${one}' of kind 'TASK' in region '${region}' in project '${projectId}' does not exist.`) : json(200, taskView(ex, index, e, sa, now));
      }
      const p = page(indexes, req.query, `tasks:${name}`, 1000, 100);
      if ("error" in p) return p.error;
      return json(200, { tasks: p.items.map((i) => taskView(ex, i, e, sa, now)), ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}) });
    }
    case "GET services": {
      const denied = deny("run.services.list", parent);
      if (denied) return denied;
      const p = page(cloud.services.filter((s) => s.projectId === projectId && s.region === region), req.query, `services:${parent}`, 1000, 100);
      if ("error" in p) return p.error;
      return json(200, { services: p.items.map((s) => serviceView(s, e, sa)), ...(p.nextPageToken ? { nextPageToken: p.nextPageToken } : {}) });
    }
    case "GET services/{s}": {
      const sName = parts[1] ?? "";
      const denied = deny("run.services.get", `${parent}/services/${sName}`);
      if (denied) return denied;
      const s = cloud.services.find((x) => x.projectId === projectId && x.region === region && x.name === sName);
      return s ? json(200, serviceView(s, e, sa)) : notFound(`Resource '${sName}' of kind 'SERVICE' in region '${region}' in project '${projectId}' does not exist.`);
    }
    case "GET operations/{o}": {
      const name = `${parent}/operations/${parts[1] ?? ""}`;
      const denied = deny("run.operations.get", name);
      if (denied) return denied;
      const op = cloud.operations.get(name);
      return op ? json(200, operationView(cloud, op, e)) : notFound(`Operation ${name} not found.`);
    }
    default:
      return googleError("UNIMPLEMENTED", `The simulator does not implement ${req.method} /v2${req.path} (sim/README.md lists what it serves).`);
  }
}

function latestOf(cloud: GcpCloud, projectId: string, region: string, job: string): RunExecution | undefined {
  return cloud.executions.filter((x) => x.projectId === projectId && x.region === region && x.job === job).reduce<RunExecution | undefined>((a, b) => (!a || b.createMs > a.createMs ? b : a), undefined);
}

function reconciling(cloud: GcpCloud, jobName: string): boolean {
  const now = cloud.nowMs();
  return [...cloud.operations.values()].some((op) => op.kind === "update" && `${op.name.split("/operations/")[0]}/jobs/${op.job}` === jobName && (op.doneAtMs ?? 0) > now);
}
