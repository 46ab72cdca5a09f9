import type { AwsService, MemberRef, OperationModel } from "./model";
import { operationModel, serviceModel } from "./model";
import type { CheckContext, TimestampFormat, ValidationError } from "./shape-check";
import { checkValue } from "./shape-check";

// restJson1 (Scheduler) puts some input members in the URI path, the query string and headers
// (https://smithy.io/2.0/spec/http-bindings.html). These helpers find which operation a request is for and
// check those members strictly, as ./validate.ts checks the body: a missing required or unknown query
// parameter, a value that does not parse as its type, or one that breaks its constraints each fail.

export interface HttpInputParts {
  /** Path labels, percent-decoded, as `matchRestJson1Operation` returns them. */
  readonly labels: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Request headers by lower-case name; only those an input member binds are checked. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
}

/** The restJson1 operation whose `smithy.api#http` method and URI pattern match the request, with its labels. */
export function matchRestJson1Operation(service: AwsService, method: string, path: string): { operation: OperationModel; labels: Record<string, string> } | undefined {
  for (const operation of serviceModel(service).operations.values()) {
    if (!operation.http || operation.http.method !== method.toUpperCase()) continue;
    const labels = matchUri(operation.http.uri.split("?")[0]!, path);
    if (labels) return { operation, labels };
  }
  return undefined;
}

/** Checks the HTTP-bound input members of a restJson1 request. Paths: `label.Name`, `query.MaxResults`, `header.x-amz-…`. */
export function validateHttpInput(service: AwsService, operation: string, parts: HttpInputParts): ValidationError[] {
  const model = serviceModel(service);
  const input = model.shape(operationModel(service, operation).input);
  const errors: ValidationError[] = [];
  // Labels and query values are RFC 3339 date-times when timestamps; headers are http-dates (same spec page).
  const ctx = (format: TimestampFormat): CheckContext => ({ model, errors, timestampFormat: format, useJsonName: true });
  const boundQueryKeys = new Set<string>();
  let takesAllQuery = false;
  for (const [name, member] of Object.entries(input.members ?? {})) {
    const traits = member.traits ?? {};
    const required = "smithy.api#required" in traits;
    if ("smithy.api#httpLabel" in traits) {
      const raw = parts.labels[name];
      if (raw === undefined || raw === "") errors.push({ path: `label.${name}`, message: "required path label is missing" });
      else checkValue(ctx("date-time"), member.target, traits, parse(model.shape(member.target).type, raw), `label.${name}`);
    } else if (typeof traits["smithy.api#httpQuery"] === "string") {
      const key = traits["smithy.api#httpQuery"];
      boundQueryKeys.add(key);
      checkQuery(ctx("date-time"), member, parts.query.getAll(key), `query.${key}`, required);
    } else if ("smithy.api#httpQueryParams" in traits) {
      takesAllQuery = true;
    } else if (typeof traits["smithy.api#httpHeader"] === "string") {
      const header = traits["smithy.api#httpHeader"].toLowerCase();
      const raw = parts.headers?.[header];
      if (raw === undefined) {
        if (required) errors.push({ path: `header.${header}`, message: "required header is missing" });
      } else checkValue(ctx("http-date"), member.target, traits, parse(model.shape(member.target).type, raw), `header.${header}`);
    }
  }
  if (!takesAllQuery) {
    for (const key of new Set(parts.query.keys())) if (!boundQueryKeys.has(key)) errors.push({ path: `query.${key}`, message: `unknown query parameter for ${operation}` });
  }
  return errors;
}

function checkQuery(ctx: CheckContext, member: MemberRef, values: string[], path: string, required: boolean): void {
  const shape = ctx.model.shape(member.target);
  if (values.length === 0) {
    if (required) ctx.errors.push({ path, message: "required query parameter is missing" });
    return;
  }
  if (shape.type === "list") {
    const itemType = ctx.model.shape(shape.member!.target).type;
    return checkValue(ctx, member.target, member.traits, values.map((v) => parse(itemType, v)), path);
  }
  if (values.length > 1) return void ctx.errors.push({ path, message: `expected one value, got ${values.length}` });
  checkValue(ctx, member.target, member.traits, parse(shape.type, values[0]!), path);
}

/** A string from the URI or a header as the JSON value of its type, or the string itself when it does not parse (so the check reports it). */
function parse(type: string, raw: string): unknown {
  if (["byte", "short", "integer", "long", "intEnum"].includes(type)) return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (type === "float" || type === "double") return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw) ? Number(raw) : raw;
  if (type === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
  return raw;
}

/** Matches "/schedules/{Name}" (or a greedy "{Key+}") against a request path; labels come back percent-decoded. */
function matchUri(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/").filter(Boolean);
  const got = path.split("?")[0]!.split("/").filter(Boolean);
  const labels: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = want[i]!;
    const label = /^\{(\w+)(\+?)\}$/.exec(segment);
    if (label?.[2] === "+") {
      if (i >= got.length) return undefined;
      labels[label[1]!] = got.slice(i).map(decodeURIComponent).join("/");
      return i === want.length - 1 ? labels : undefined;
    }
    if (i >= got.length) return undefined;
    if (label) labels[label[1]!] = decodeURIComponent(got[i]!);
    else if (segment !== got[i]) return undefined;
  }
  return want.length === got.length ? labels : undefined;
}
