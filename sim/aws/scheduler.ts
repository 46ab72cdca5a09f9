import { isRecord, type SimRequest, type SimResponse } from "../core/http";
import type { SimHttpService } from "../core/service";
import type { AwsCloud } from "./cloud";
import { AwsError, errorResponse, faultError, type AwsProtocol } from "./errors";
import { isTimeZone, parseExpression } from "./expressions";
import type { AwsAccount, Json, Schedule } from "./model";
import { toEpochSeconds as sec } from "./model";
import { accountOfRequest, authenticate, page, wire, type AwsServiceSpec } from "./protocol";

// Amazon EventBridge Scheduler (restJson1; scheduler.json): GET /schedules (ListSchedules),
// GET /schedules/{Name}?groupName= (GetSchedule), POST /schedules/{Name} (CreateSchedule),
// PUT /schedules/{Name} (UpdateSchedule, which replaces the whole schedule). Timestamps are epoch
// seconds (restJson1 default). Errors carry the @httpError status of their shape.

const PROTOCOL: AwsProtocol = "restJson1";
const SPEC: AwsServiceSpec = {
  name: "scheduler",
  prefix: "/aws/scheduler",
  signingName: "scheduler",
  iamPrefix: "scheduler",
  faults: { throttle: "ThrottlingException", throttleStatus: 429, server: "InternalServerException" },
};

export function schedulerService(cloud: AwsCloud): SimHttpService {
  return {
    name: SPEC.name,
    prefix: SPEC.prefix,
    accountOf: (req) => accountOfRequest(cloud, req),
    operationOf,
    faultResponse: (fault) => errorResponse(faultError(fault, SPEC.faults), PROTOCOL),
    async handle(req) {
      try {
        return await route(cloud, req);
      } catch (error) {
        if (error instanceof AwsError) return errorResponse(error, PROTOCOL);
        throw error;
      }
    },
  };
}

/** The operation a method and path call (scheduler.json's @http bindings), or null. */
function operationOf(req: SimRequest): string | null {
  const named = /^\/schedules\/[^/]+$/.test(req.path);
  if (req.path === "/schedules") return req.method === "GET" ? "ListSchedules" : null;
  if (!named) return null;
  return ({ GET: "GetSchedule", POST: "CreateSchedule", PUT: "UpdateSchedule" } as Record<string, string>)[req.method] ?? null;
}

async function route(cloud: AwsCloud, req: SimRequest): Promise<SimResponse> {
  const operation = operationOf(req);
  const name = decodeURIComponent(/^\/schedules\/([^/]+)$/.exec(req.path)?.[1] ?? "");
  const { account } = await authenticate(cloud, req, SPEC, PROTOCOL, operation ?? "", () => `arn:aws:scheduler:${cloud.state.accounts.get(accountOfRequest(cloud, req) ?? "")?.region ?? "us-east-1"}:${accountOfRequest(cloud, req)}:schedule/${req.query.groupName ?? "default"}/${name}`);
  const nowMs = cloud.clock.nowMs();
  const ok = (body: Json): SimResponse => ({ status: 200, headers: { "content-type": "application/json", "x-amzn-requestid": cloud.random.uuid() }, body: wire(body) });
  switch (operation) {
    case "ListSchedules": {
      const group = req.query.ScheduleGroup;
      const prefix = req.query.NamePrefix ?? "";
      const state = req.query.State;
      const max = req.query.MaxResults === undefined ? 100 : Number(req.query.MaxResults);
      if (!Number.isInteger(max) || max < 1 || max > 100) throw new AwsError("ValidationException", "MaxResults must be between 1 and 100.", 400);
      const all = [...account.schedules.values()]
        .filter((s) => (group === undefined || s.groupName === group) && s.name.startsWith(prefix) && (state === undefined || s.state === state))
        .sort((a, b) => (a.groupName + a.name < b.groupName + b.name ? -1 : 1));
      const { items, nextToken } = page(all, req.query.NextToken, max, "ValidationException");
      return ok({
        Schedules: items.map((s) => ({ Arn: s.arn, CreationDate: sec(s.createdMs), GroupName: s.groupName, LastModificationDate: sec(s.modifiedMs), Name: s.name, State: s.state, Target: { Arn: s.target.Arn } })),
        NextToken: nextToken,
      });
    }
    case "GetSchedule":
      return ok(scheduleView(find(account, req.query.groupName ?? "default", name)));
    case "CreateSchedule": {
      const input = body(req);
      const groupName = typeof input.GroupName === "string" ? input.GroupName : "default";
      if (account.schedules.has(`${groupName}/${name}`)) throw new AwsError("ConflictException", `Schedule ${name} already exists.`, 409);
      return ok({ ScheduleArn: putSchedule(account, name, input, nowMs).arn });
    }
    case "UpdateSchedule": {
      const input = body(req);
      const existing = find(account, typeof input.GroupName === "string" ? input.GroupName : "default", name);
      return ok({ ScheduleArn: putSchedule(account, name, input, nowMs, existing).arn });
    }
    default:
      throw new AwsError("UnknownOperationException", `${req.method} ${req.path} is not served by the simulator.`, 404);
  }
}

function body(req: SimRequest): Json {
  try {
    const parsed = JSON.parse(req.rawBody || "{}") as unknown;
    if (isRecord(parsed)) return parsed;
  } catch {
    // answered below
  }
  throw new AwsError("ValidationException", "The request body is not a JSON object.", 400);
}

function find(account: AwsAccount, group: string, name: string): Schedule {
  const found = account.schedules.get(`${group}/${name}`);
  if (!found) throw new AwsError("ResourceNotFoundException", `Schedule ${name} does not exist.`, 404);
  return found;
}

/** Validates a Create/UpdateSchedule body and stores it (Update replaces every field, keeping the creation date). */
export function putSchedule(account: AwsAccount, name: string, input: Json, nowMs: number, existing?: Schedule): Schedule {
  const invalid = (message: string) => new AwsError("ValidationException", message, 400);
  if (!/^[0-9a-zA-Z-_.]{1,64}$/.test(name)) throw invalid("Name must be 1-64 letters, numbers, hyphens, underscores or dots.");
  const expression = input.ScheduleExpression;
  if (typeof expression !== "string") throw invalid("ScheduleExpression is required.");
  const timezone = typeof input.ScheduleExpressionTimezone === "string" ? input.ScheduleExpressionTimezone : undefined;
  if (timezone !== undefined && !isTimeZone(timezone)) throw invalid(`Invalid time zone: ${timezone}.`);
  try {
    parseExpression(expression, timezone ?? "UTC", true);
  } catch {
    throw invalid(`Invalid Schedule Expression ${expression}.`);
  }
  const target = input.Target;
  if (!isRecord(target) || typeof target.Arn !== "string" || typeof target.RoleArn !== "string") throw invalid("Target with Arn and RoleArn is required.");
  const window = input.FlexibleTimeWindow;
  if (!isRecord(window) || (window.Mode !== "OFF" && window.Mode !== "FLEXIBLE")) throw invalid("FlexibleTimeWindow.Mode must be OFF or FLEXIBLE.");
  const state = input.State ?? "ENABLED";
  if (state !== "ENABLED" && state !== "DISABLED") throw invalid("State must be ENABLED or DISABLED.");
  const groupName = typeof input.GroupName === "string" ? input.GroupName : "default";
  const schedule: Schedule = {
    name,
    groupName,
    arn: `arn:aws:scheduler:${account.region}:${account.id}:schedule/${groupName}/${name}`,
    scheduleExpression: expression,
    timezone,
    state,
    description: typeof input.Description === "string" ? input.Description : undefined,
    target: { RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 }, ...structuredClone(target), Arn: target.Arn },
    flexibleTimeWindow: structuredClone(window),
    startDateMs: typeof input.StartDate === "number" ? input.StartDate * 1000 : undefined,
    endDateMs: typeof input.EndDate === "number" ? input.EndDate * 1000 : undefined,
    actionAfterCompletion: typeof input.ActionAfterCompletion === "string" ? input.ActionAfterCompletion : "NONE",
    createdMs: existing?.createdMs ?? nowMs,
    modifiedMs: nowMs,
    firedUntilMs: existing?.firedUntilMs ?? nowMs,
  };
  account.schedules.set(`${groupName}/${name}`, schedule);
  return schedule;
}

function scheduleView(s: Schedule): Json {
  const out: Json = {
    ActionAfterCompletion: s.actionAfterCompletion,
    Arn: s.arn,
    CreationDate: sec(s.createdMs),
    FlexibleTimeWindow: s.flexibleTimeWindow,
    GroupName: s.groupName,
    LastModificationDate: sec(s.modifiedMs),
    Name: s.name,
    ScheduleExpression: s.scheduleExpression,
    State: s.state,
    Target: s.target,
  };
  if (s.timezone !== undefined) out.ScheduleExpressionTimezone = s.timezone;
  if (s.description !== undefined) out.Description = s.description;
  if (s.startDateMs !== undefined) out.StartDate = sec(s.startDateMs);
  if (s.endDateMs !== undefined) out.EndDate = sec(s.endDateMs);
  return out;
}
