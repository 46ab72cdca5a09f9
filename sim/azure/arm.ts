import { json, isRecord, type SimRequest, type SimResponse } from "../core/http";
import type { SimHttpService } from "../core/service";
import { ArmError, armErrorResponse, armErrors, armFault } from "./armErrors";
import { executionView, jobView } from "./armViews";
import type { AzureCloud } from "./cloud";
import { createExecution, executionStatus, runTemplate } from "./executions";
import { API_VERSION, jobId, type Job, type Json, type Subscription } from "./model";
import { bearerToken, normalizeAudience, type TokenIssuer } from "./tokens";
import { workspaceOf } from "./triggers";
import { validateStartTemplate, validateJobPatch, mergePatch } from "./armValidation";

// Azure Resource Manager, Microsoft.App jobs, api-version 2025-07-01 (Jobs.json). Paths are matched
// case-insensitively like ARM does; names keep the case they were created with.

const ARM_AUDIENCES = ["https://management.azure.com", "https://management.core.windows.net"];
const SUPPORTED_VERSIONS = [API_VERSION];

type Route = { method: string; pattern: RegExp; handler: (ctx: Ctx, m: string[]) => SimResponse };
interface Ctx {
  req: SimRequest;
  cloud: AzureCloud;
  subscription: Subscription;
  nowMs: number;
}

const SUB = "^/subscriptions/([^/]+)";
const RG = `${SUB}/resourcegroups/([^/]+)`;
const JOB = `${RG}/providers/microsoft\\.app/jobs/([^/]+)`;

const routes: Route[] = [
  { method: "GET", pattern: new RegExp(`${SUB}/providers/microsoft\\.app/jobs$`, "i"), handler: listBySubscription },
  { method: "GET", pattern: new RegExp(`${RG}/providers/microsoft\\.app/jobs$`, "i"), handler: listByResourceGroup },
  { method: "GET", pattern: new RegExp(`${JOB}$`, "i"), handler: (c, m) => json(200, jobView(job(c, m))) },
  { method: "PATCH", pattern: new RegExp(`${JOB}$`, "i"), handler: patchJob },
  { method: "POST", pattern: new RegExp(`${JOB}/start$`, "i"), handler: startJob },
  { method: "POST", pattern: new RegExp(`${JOB}/stop$`, "i"), handler: stopAll },
  { method: "GET", pattern: new RegExp(`${JOB}/executions$`, "i"), handler: listExecutions },
  { method: "GET", pattern: new RegExp(`${JOB}/executions/([^/]+)$`, "i"), handler: (c, m) => json(200, executionView(execution(c, m), c.nowMs)) },
  { method: "POST", pattern: new RegExp(`${JOB}/executions/([^/]+)/stop$`, "i"), handler: stopExecution },
  { method: "GET", pattern: new RegExp(`${SUB}/providers/microsoft\\.app/locations/([^/]+)/containerappsjoboperationresults/([^/]+)$`, "i"), handler: operationResult },
];

export function armService(cloud: AzureCloud, tokens: TokenIssuer, prefix = "/azure/arm"): SimHttpService {
  return {
    name: "arm",
    prefix,
    accountOf: (req) => /^\/subscriptions\/([^/]+)/i.exec(req.path)?.[1] ?? null,
    faultResponse: (fault) => armFault(fault),
    handle(req) {
      try {
        return route(req, cloud, tokens);
      } catch (error) {
        if (error instanceof ArmError) return armErrorResponse(error);
        throw error;
      }
    },
  };
}

function route(req: SimRequest, cloud: AzureCloud, tokens: TokenIssuer): SimResponse {
  // ARM authenticates before anything else, then checks the api-version.
  const token = bearerToken(req.headers.authorization);
  if (req.headers.authorization === undefined) throw armErrors.missingAuthorization();
  if (token === null) throw armErrors.invalidToken();
  const check = tokens.verify(token);
  if (!check.ok) throw check.reason === "expired" ? armErrors.expiredToken() : armErrors.invalidToken();
  const audience = normalizeAudience(check.claims.aud);
  if (!ARM_AUDIENCES.includes(audience) && audience !== normalizeAudience(req.baseUrl)) throw armErrors.wrongAudience(check.claims.aud);

  const version = req.query["api-version"];
  if (version === undefined) throw armErrors.missingApiVersion();
  if (!SUPPORTED_VERSIONS.includes(version)) throw armErrors.unsupportedApiVersion(version, SUPPORTED_VERSIONS.join(","));

  const subscriptionId = /^\/subscriptions\/([^/]+)/i.exec(req.path)?.[1];
  if (subscriptionId === undefined) throw armErrors.notFound(req.path);
  const subscription = cloud.state.subscriptions.get(subscriptionId);
  if (!subscription) throw armErrors.subscriptionNotFound(subscriptionId);
  if (subscription.tenantId !== check.claims.tid) throw armErrors.wrongTenant(check.claims.tid, subscription.tenantId);

  const candidates = routes.filter((r) => r.pattern.test(req.path));
  if (candidates.length === 0) throw armErrors.notFound(req.path);
  const matched = candidates.find((r) => r.method === req.method);
  if (!matched) throw armErrors.methodNotAllowed(req.method);
  const m = matched.pattern.exec(req.path)!.map((s) => decodeURIComponent(s ?? ""));
  return matched.handler({ req, cloud, subscription, nowMs: cloud.clock.nowMs() }, m);
}

function group(ctx: Ctx, name: string) {
  const found = ctx.subscription.resourceGroups.get(name.toLowerCase());
  if (!found) throw armErrors.resourceGroupNotFound(name);
  return found;
}

function job(ctx: Ctx, m: string[]): Job {
  const found = group(ctx, m[2]!).jobs.get(m[3]!.toLowerCase()) ?? group(ctx, m[2]!).jobs.get(m[3]!);
  if (!found) throw armErrors.jobNotFound(m[2]!, m[3]!);
  return found;
}

function execution(ctx: Ctx, m: string[]) {
  const owner = job(ctx, m);
  const found = owner.executions.find((e) => e.name === m[4]);
  if (!found) throw armErrors.executionNotFound(owner.name, m[4]!);
  return found;
}

function listBySubscription(ctx: Ctx): SimResponse {
  const jobs = [...ctx.subscription.resourceGroups.values()].flatMap((g) => [...g.jobs.values()]);
  return json(200, { value: jobs.map(jobView) });
}

function listByResourceGroup(ctx: Ctx, m: string[]): SimResponse {
  return json(200, { value: [...group(ctx, m[2]!).jobs.values()].map(jobView) });
}

function listExecutions(ctx: Ctx, m: string[]): SimResponse {
  const owner = job(ctx, m);
  let executions = [...owner.executions].reverse(); // newest first
  const filter = ctx.req.query.$filter;
  if (filter !== undefined) {
    // The only $filter the simulator understands: status eq '<JobExecutionRunningState>'.
    const match = /^\s*status\s+eq\s+'([A-Za-z]+)'\s*$/i.exec(filter);
    if (!match) throw armErrors.invalidValue(`The $filter '${filter}' is not supported. Use: status eq '<status>'.`);
    executions = executions.filter((e) => executionStatus(e, ctx.nowMs).toLowerCase() === match[1]!.toLowerCase());
  }
  return json(200, { value: executions.map((e) => executionView(e, ctx.nowMs)) });
}

function startJob(ctx: Ctx, m: string[]): SimResponse {
  const owner = job(ctx, m);
  const override = parseJsonBody(ctx.req, true);
  if (override !== null) validateStartTemplate(override);
  const run = createExecution({
    job: owner, template: runTemplate(owner, override), startMs: ctx.nowMs, trigger: "manual",
    random: ctx.cloud.random, workspace: workspaceOf(ctx.cloud.state, ctx.subscription),
  });
  const started = { name: run.name, id: `${jobId(owner)}/executions/${run.name}` };
  // Real Azure answered 200 {id, name} at once, with or without a template body (recorded sessions);
  // Jobs.json also allows 202 + Location, followed to the same body.
  if (owner.behaviour.startAccepted) return accepted(ctx, owner, () => started);
  return json(200, started);
}

function stopExecution(ctx: Ctx, m: string[]): SimResponse {
  const run = execution(ctx, m);
  if (executionStatus(run, ctx.nowMs) === "Running") run.stoppedMs = ctx.nowMs;
  return { status: 200 };
}

function stopAll(ctx: Ctx, m: string[]): SimResponse {
  const owner = job(ctx, m);
  const stopped = owner.executions.filter((e) => executionStatus(e, ctx.nowMs) === "Running");
  for (const run of stopped) run.stoppedMs = ctx.nowMs;
  return json(200, { value: stopped.map((e) => executionView(e, ctx.nowMs)) });
}

function patchJob(ctx: Ctx, m: string[]): SimResponse {
  const owner = job(ctx, m);
  const patch = parseJsonBody(ctx.req, false)!;
  validateJobPatch(patch, owner);
  // Applied at once, so the next execution runs the new image; the operation reports InProgress until
  // it is over, like the 202 + Location answer recorded from real Azure.
  mergePatch(owner, patch);
  owner.lastModifiedAt = ctx.nowMs;
  return accepted(ctx, owner, () => jobView(owner));
}

/**
 * Azure's "Retry-After: 5" on a 202 and on every InProgress poll (recorded sessions; ARM's async
 * operations guide: https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations).
 */
const RETRY_AFTER_SECONDS = "5";

/** A long-running operation: over 6–12 s later on the simulated clock, as real ones take (issue #7). */
function accepted(ctx: Ctx, owner: Job, result: () => Json): SimResponse {
  const id = ctx.cloud.random.uuid();
  ctx.cloud.state.operations.set(id, { id, job: owner, doneAtMs: ctx.nowMs + ctx.cloud.random.int(6, 12) * 1000, result });
  return { status: 202, headers: { location: operationUrl(ctx, owner, id), "retry-after": RETRY_AFTER_SECONDS } };
}

function operationUrl(ctx: Ctx, owner: Job, id: string): string {
  return `${ctx.req.baseUrl}/subscriptions/${owner.subscriptionId}/providers/Microsoft.App/locations/${owner.location}/containerappsjobOperationResults/${id}?api-version=${API_VERSION}`;
}

function operationResult(ctx: Ctx, m: string[]): SimResponse {
  const op = ctx.cloud.state.operations.get(m[3]!);
  if (!op) throw new ArmError(404, "OperationNotFound", `Operation '${m[3]}' was not found.`);
  if (ctx.nowMs < op.doneAtMs) return { status: 202, headers: { location: operationUrl(ctx, op.job, op.id), "retry-after": RETRY_AFTER_SECONDS } };
  return json(200, op.result());
}

function parseJsonBody(req: SimRequest, optional: boolean): Json | null {
  if (req.rawBody.trim() === "") {
    if (optional) return null;
    throw armErrors.invalidContent("The request body is empty");
  }
  let body: unknown;
  try {
    body = JSON.parse(req.rawBody);
  } catch (error) {
    throw armErrors.invalidContent((error as Error).message);
  }
  if (!isRecord(body)) throw armErrors.invalidContent("Expected a JSON object");
  return body;
}
