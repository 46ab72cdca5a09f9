import type { AwsService, MemberRef, ServiceModel, SmithyShape } from "./model";
import { operationModel, serviceModel, shortName } from "./model";
import type { CheckContext, TimestampFormat, ValidationError } from "./shape-check";
import { checkCommonErrorBody, COMMON_ERRORS } from "./common-errors";
import { checkStructure, checkValue, isObject } from "./shape-check";

// A STRICT validator of JSON bodies against the vendor's Smithy shapes, as they travel on the wire of the
// service's protocol (awsJson1_1 for ECS, EventBridge and CloudWatch Logs; restJson1 for Scheduler). Strict:
// unknown members, missing required members, wrong JSON types, values outside an enum, malformed timestamps,
// and values breaking `length`/`range`/`pattern` all fail. Each function returns every problem found with
// its JSON path; `[]` means valid. The simulator checks its answers with these, and the examples test checks
// the vendor's examples.

export type { TimestampFormat, ValidationError } from "./shape-check";

export interface ValidateOptions {
  /**
   * The timestamp format of the body when no `smithy.api#timestampFormat` trait says otherwise. Both
   * protocols send epoch seconds in bodies (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html,
   * https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html); EventBridge events render the same
   * shapes with RFC 3339 strings, for which pass "date-time".
   */
  readonly timestampFormat?: TimestampFormat;
}

/** Checks a request body. For restJson1 only the members bound to the body are checked (see ./http-bindings.ts for the rest). */
export function validateInput(service: AwsService, operation: string, body: unknown, options: ValidateOptions = {}): ValidationError[] {
  return validateBody(service, operationModel(service, operation).input, body, options);
}

/** Checks a response body of a successful call. */
export function validateOutput(service: AwsService, operation: string, body: unknown, options: ValidateOptions = {}): ValidationError[] {
  return validateBody(service, operationModel(service, operation).output, body, options);
}

/**
 * Checks an error response body: `errorCode` (as sent in `__type` or X-Amzn-ErrorType; a namespace prefix
 * `ns#` and a `:…` suffix are dropped as the protocols say) must name an error the operation or service
 * declares, and the body must match that error's structure; or it names one of the unmodelled errors every
 * AWS API may send (./common-errors.ts), whose body is `{__type?, message}`. `__type`, when present, must
 * name the same error. https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html#operation-error-serialization
 */
export function validateError(service: AwsService, operation: string, errorCode: string, body: unknown, options: ValidateOptions = {}): ValidationError[] {
  const op = operationModel(service, operation);
  const code = errorName(errorCode);
  const errorId = op.errors.find((id) => shortName(id) === code);
  const model = serviceModel(service);
  const ctx = context(model, options);
  if (errorId) checkStructure(ctx, bodyShape(model, model.shape(errorId)), code, body, "$", ["__type"]);
  else if ((COMMON_ERRORS as readonly string[]).includes(code)) ctx.errors.push(...checkCommonErrorBody(code, body));
  else return [{ path: "$", message: `${operation} does not declare the error ${code} (it declares ${op.errors.map(shortName).join(", ") || "none"}), and it is not a common AWS error` }];
  if (isObject(body) && "__type" in body && (typeof body.__type !== "string" || errorName(body.__type) !== code)) {
    ctx.errors.push({ path: "$.__type", message: `expected a string naming ${code}, got ${JSON.stringify(body.__type)}` });
  }
  return ctx.errors;
}

/** Checks any value against any shape of the service, e.g. the ECS `Task` inside an event's `detail`. */
export function validateShape(service: AwsService, shapeId: string, value: unknown, options: ValidateOptions = {}): ValidationError[] {
  const model = serviceModel(service);
  const ctx = context(model, options);
  checkValue(ctx, qualify(model, shapeId), undefined, value, "$");
  return ctx.errors;
}

/** "com.amazonaws.ecs#ClientException:http://…" or "ClientException" → "ClientException". */
export function errorName(code: string): string {
  const withoutSuffix = code.split(":")[0]!;
  return withoutSuffix.slice(withoutSuffix.indexOf("#") + 1);
}

/** Members bound to the HTTP message rather than the body in restJson1 (https://smithy.io/2.0/spec/http-bindings.html). */
export const HTTP_BINDING_TRAITS = [
  "smithy.api#httpLabel",
  "smithy.api#httpQuery",
  "smithy.api#httpQueryParams",
  "smithy.api#httpHeader",
  "smithy.api#httpPrefixHeaders",
  "smithy.api#httpResponseCode",
] as const;

function validateBody(service: AwsService, shapeId: string, body: unknown, options: ValidateOptions): ValidationError[] {
  const model = serviceModel(service);
  const ctx = context(model, options);
  // An operation without input or output (smithy.api#Unit) sends `{}` or no body at all.
  const value = body === undefined ? {} : body;
  const shape = bodyShape(model, model.shape(shapeId));
  const payload = Object.entries(shape.members ?? {}).find(([, m]) => "smithy.api#httpPayload" in (m.traits ?? {}));
  if (payload) checkValue(ctx, payload[1].target, payload[1].traits, value, "$");
  else checkStructure(ctx, shape, shortName(shapeId), value, "$");
  return ctx.errors;
}

/** restJson1: the structure without its HTTP-bound members; awsJson1_1 puts every member in the body. */
function bodyShape(model: ServiceModel, shape: SmithyShape): SmithyShape {
  if (model.protocol !== "restJson1") return shape;
  const members = Object.entries(shape.members ?? {}).filter(([, m]) => !isHttpBound(m));
  return { ...shape, members: Object.fromEntries(members) };
}

export function isHttpBound(member: MemberRef): boolean {
  return HTTP_BINDING_TRAITS.some((trait) => trait in (member.traits ?? {}));
}

function context(model: ServiceModel, options: ValidateOptions): CheckContext {
  return { model, errors: [], timestampFormat: options.timestampFormat ?? "epoch-seconds", useJsonName: model.protocol === "restJson1" };
}

/** "Task" → "com.amazonaws.ecs#Task"; an absolute id is kept. */
function qualify(model: ServiceModel, shapeId: string): string {
  if (shapeId.includes("#")) return shapeId;
  const absolute = `${model.id.slice(0, model.id.indexOf("#"))}#${shapeId}`;
  if (!model.hasShape(absolute)) throw new Error(`${model.name} has no shape ${shapeId}`);
  return absolute;
}

