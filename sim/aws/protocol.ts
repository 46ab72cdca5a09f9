import { isRecord, type SimRequest, type SimResponse } from "../core/http";
import type { SimHttpService } from "../core/service";
import type { AwsCloud } from "./cloud";
import { AwsError, accessDenied, authError, errorResponse, faultError, type AwsProtocol, type FaultCodes } from "./errors";
import type { AwsAccount, Json, Principal } from "./model";
import { accessKeyOf, verifySigV4 } from "./sigv4";

// The awsJson1_1 protocol (ECS, EventBridge, CloudWatch Logs): POST / with X-Amz-Target
// "<service target prefix>.<Operation>" and a JSON body; answers application/x-amz-json-1.1
// (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html). Every request is SigV4-checked
// first, then the account's deny list, then the operation runs.

export interface OperationContext {
  cloud: AwsCloud;
  account: AwsAccount;
  principal: Principal;
  input: Json;
  nowMs: number;
  req: SimRequest;
  protocol: AwsProtocol;
}

export type Operation = (ctx: OperationContext) => Json;

export interface AwsServiceSpec {
  /** As the request log names it. */
  name: string;
  prefix: string;
  /** SigV4 signing name (credential scope service). */
  signingName: string;
  /** IAM action prefix, e.g. "ecs". */
  iamPrefix: string;
  faults: FaultCodes;
}

/** The account a request belongs to (fault and log scope): the access key's AWS account. */
export function accountOfRequest(cloud: AwsCloud, req: SimRequest): string | null {
  const key = accessKeyOf(req);
  return key === null ? null : (cloud.state.principals.get(key)?.accountId ?? null);
}

/** Authenticates and authorises; returns the principal and its account, or throws an AwsError. */
export async function authenticate(cloud: AwsCloud, req: SimRequest, spec: AwsServiceSpec, protocol: AwsProtocol, operation: string, resource: () => string): Promise<{ principal: Principal; account: AwsAccount }> {
  const result = await verifySigV4(cloud.state, req, spec.signingName, cloud.clock.nowMs());
  if (!result.ok) throw authError(result.failure, protocol, result.detail);
  const account = cloud.state.accounts.get(result.principal.accountId);
  if (!account) throw authError("unknownKey", protocol);
  const action = `${spec.iamPrefix}:${operation}`;
  if (cloud.denied(result.principal, action)) throw accessDenied(protocol, result.principal.arn, action, resource());
  return { principal: result.principal, account };
}

export function awsJsonService(cloud: AwsCloud, spec: AwsServiceSpec & { targetPrefix: string; operations: Record<string, Operation>; resourceOf?: (account: string, op: string, input: Json) => string }): SimHttpService {
  const protocol: AwsProtocol = "awsJson1_1";
  return {
    name: spec.name,
    prefix: spec.prefix,
    accountOf: (req) => accountOfRequest(cloud, req),
    operationOf: (req) => {
      const target = req.headers["x-amz-target"];
      return typeof target === "string" && target.startsWith(`${spec.targetPrefix}.`) ? target.slice(spec.targetPrefix.length + 1) : null;
    },
    faultResponse: (fault) => errorResponse(faultError(fault, spec.faults), protocol),
    async handle(req): Promise<SimResponse> {
      try {
        if (req.method !== "POST" || (req.path !== "/" && req.path !== "")) throw new AwsError("UnknownOperationException", `The simulator serves ${spec.name} as awsJson1_1: POST ${spec.prefix}/`, 404);
        const target = req.headers["x-amz-target"];
        const [prefix, operation] = typeof target === "string" ? target.split(".") : [];
        const handler = prefix === spec.targetPrefix && operation !== undefined ? spec.operations[operation] : undefined;
        let input: unknown = null;
        try {
          input = req.rawBody.trim() === "" ? {} : JSON.parse(req.rawBody);
        } catch {
          // Answered after authentication, as AWS checks the signature first.
        }
        const body = isRecord(input) ? input : {};
        const { principal, account } = await authenticate(cloud, req, spec, protocol, operation ?? "", () => spec.resourceOf?.(accountOfRequest(cloud, req) ?? "", operation ?? "", body) ?? "*");
        if (!isRecord(input)) throw new AwsError("SerializationException", "Start of structure or map found where not expected.");
        if (!handler) throw new AwsError("UnknownOperationException", `Operation ${String(target)} is not served by the simulator.`);
        const output = handler({ cloud, account, principal, input: body, nowMs: cloud.clock.nowMs(), req, protocol });
        return { status: 200, headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": cloud.random.uuid() }, body: wire(output) };
      } catch (error) {
        if (error instanceof AwsError) return errorResponse(error, protocol);
        throw error;
      }
    },
  };
}

/** The body as it travels: members left undefined (no next page, no description) are absent, as JSON drops them. */
export function wire(body: Json): Json {
  return JSON.parse(JSON.stringify(body)) as Json;
}

// Input readers that answer the service's validation error for a wrong type.
export function str(input: Json, key: string, code = "InvalidParameterException"): string | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw new AwsError(code, `${key} must be a string.`);
  return v;
}

export function requiredStr(input: Json, key: string, code = "InvalidParameterException"): string {
  const v = str(input, key, code);
  if (v === undefined || v === "") throw new AwsError(code, `${key} is required.`);
  return v;
}

export function int(input: Json, key: string, code = "InvalidParameterException"): number | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v)) throw new AwsError(code, `${key} must be an integer.`);
  return v;
}

export function strList(input: Json, key: string, code = "InvalidParameterException"): string[] | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) throw new AwsError(code, `${key} must be a list of strings.`);
  return v as string[];
}

/** An opaque page token: the offset into a stable ordering, base64 so clients do not read it. */
export function page<T>(items: T[], token: string | undefined, max: number, code = "InvalidParameterException"): { items: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    const decoded = Number(Buffer.from(token, "base64").toString("utf8").replace(/^o:/, ""));
    if (!Number.isInteger(decoded) || decoded < 0) throw new AwsError(code, "The nextToken is not valid.");
    start = decoded;
  }
  const slice = items.slice(start, start + max);
  const next = start + max < items.length ? Buffer.from(`o:${start + max}`).toString("base64") : undefined;
  return next === undefined ? { items: slice } : { items: slice, nextToken: next };
}
