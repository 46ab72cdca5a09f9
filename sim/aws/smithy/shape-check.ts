import type { MemberRef, ServiceModel, SmithyShape, Traits } from "./model";
import { shortName } from "./model";
import { compiledPattern } from "./patterns";

// The recursive check of one JSON value against one Smithy shape, as the shape appears in a JSON body of
// awsJson1_1 or restJson1. ./validate.ts picks the root shape (operation input/output/error, body members
// only); this file knows the per-type rules. Every rule cites the spec section it follows.

export interface ValidationError {
  /** JSONPath-like location: `$`, `$.tasks[0].containers[1].exitCode`, `$.options["awslogs-group"]`. */
  readonly path: string;
  readonly message: string;
}

export type TimestampFormat = "epoch-seconds" | "date-time" | "http-date";

export interface CheckContext {
  readonly model: ServiceModel;
  readonly errors: ValidationError[];
  /** The body's timestamp format when no `smithy.api#timestampFormat` trait says otherwise. */
  readonly timestampFormat: TimestampFormat;
  /** restJson1 honours `smithy.api#jsonName`; awsJson1_1 ignores it (its supported-traits list omits it). */
  readonly useJsonName: boolean;
}

/** Checks `value` against the shape `shapeId`, with the member's traits layered over the target's. */
export function checkValue(ctx: CheckContext, shapeId: string, memberTraits: Traits | undefined, value: unknown, path: string): void {
  const shape = ctx.model.shape(shapeId);
  const traits: Traits = { ...shape.traits, ...memberTraits };
  const fail = (message: string): void => void ctx.errors.push({ path, message });
  switch (shape.type) {
    case "structure":
      return checkStructure(ctx, shape, shortName(shapeId), value, path);
    case "union":
      return checkUnion(ctx, shape, shortName(shapeId), value, path);
    case "list":
    case "set":
      return checkList(ctx, shape, traits, value, path);
    case "map":
      return checkMap(ctx, shape, traits, value, path);
    case "document":
      // Any JSON value is a document (https://smithy.io/2.0/spec/simple-types.html#document).
      return;
    case "string":
      if (typeof value !== "string") return fail(`expected a string, got ${describe(value)}`);
      return checkString(traits, value, fail);
    case "enum": {
      if (typeof value !== "string") return fail(`expected a string (enum ${shortName(shapeId)}), got ${describe(value)}`);
      const allowed = enumValues(shape);
      if (!allowed.includes(value)) fail(`${JSON.stringify(value)} is not a value of enum ${shortName(shapeId)} (${allowed.join(", ")})`);
      return;
    }
    case "intEnum": {
      if (typeof value !== "number" || !Number.isInteger(value)) return fail(`expected an integer (intEnum ${shortName(shapeId)}), got ${describe(value)}`);
      const allowed = enumValues(shape);
      if (!allowed.includes(value)) fail(`${value} is not a value of intEnum ${shortName(shapeId)} (${allowed.join(", ")})`);
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") fail(`expected a boolean, got ${describe(value)}`);
      return;
    case "byte":
    case "short":
    case "integer":
    case "long":
      return checkInteger(shape.type, traits, value, fail);
    case "float":
    case "double":
    case "bigDecimal":
    case "bigInteger":
      return checkNumber(shape.type, traits, value, fail);
    case "timestamp":
      return checkTimestamp((traits["smithy.api#timestampFormat"] as TimestampFormat | undefined) ?? ctx.timestampFormat, value, fail);
    case "blob":
      return checkBlob(traits, value, fail);
    default:
      return fail(`shape ${shapeId} of type ${shape.type} cannot appear in a JSON body`);
  }
}

/** The member's name on the wire. */
export function wireName(ctx: CheckContext, name: string, member: MemberRef): string {
  const jsonName = member.traits?.["smithy.api#jsonName"];
  return ctx.useJsonName && typeof jsonName === "string" ? jsonName : name;
}

/**
 * Whether a missing member is an error: `@required` without a non-null `@default`. A defaulted member may be
 * left out because "readers MUST NOT differentiate from omitted or defaulted" and fill the default in
 * (https://smithy.io/2.0/spec/type-refinement-traits.html#default-trait). `@clientOptional` does not relax
 * this: it tells non-authoritative code generators to type the member optional, while an authoritative
 * server (which the simulator is) must still send it (https://smithy.io/2.0/spec/type-refinement-traits.html#clientoptional-trait).
 */
export function mustBePresent(member: MemberRef): boolean {
  const traits = member.traits ?? {};
  return "smithy.api#required" in traits && (traits["smithy.api#default"] === undefined || traits["smithy.api#default"] === null);
}

/** Checks an object against the members of the structure `name`; `extraKeys` are wire keys allowed besides them (error `__type`). */
export function checkStructure(ctx: CheckContext, shape: SmithyShape, name: string, value: unknown, path: string, extraKeys: readonly string[] = []): void {
  if (!isObject(value)) return void ctx.errors.push({ path, message: `expected an object, got ${describe(value)}` });
  const byWire = new Map(Object.entries(shape.members ?? {}).map(([memberName, member]) => [wireName(ctx, memberName, member), member]));
  for (const [key, item] of Object.entries(value)) {
    const member = byWire.get(key);
    const at = memberPath(path, key);
    if (!member) {
      if (!extraKeys.includes(key)) ctx.errors.push({ path: at, message: `unknown member: ${name} has no member ${JSON.stringify(key)}` });
    } else if (item === null && ctx.model.shape(member.target).type !== "document") {
      // Absent members are omitted, not sent as null: the SDKs' serializers skip undefined and null alike
      // (a document is the exception: null is one of its values).
      ctx.errors.push({ path: at, message: "null is not a member value; omit the member instead" });
    } else checkValue(ctx, member.target, member.traits, item, at);
  }
  for (const [wire, member] of byWire) {
    if (!(wire in value) && mustBePresent(member)) ctx.errors.push({ path: memberPath(path, wire), message: "required member is missing" });
  }
}

/** A union is an object with exactly one member set (https://smithy.io/2.0/spec/aggregate-types.html#union). */
function checkUnion(ctx: CheckContext, shape: SmithyShape, name: string, value: unknown, path: string): void {
  if (!isObject(value)) return void ctx.errors.push({ path, message: `expected an object (union), got ${describe(value)}` });
  const set = Object.entries(value).filter(([, item]) => item !== null).map(([key]) => key);
  if (set.length !== 1) ctx.errors.push({ path, message: `a union must set exactly one member, found ${set.length}${set.length ? ` (${set.join(", ")})` : ""}` });
  // Union members cannot be @required, so the structure check only adds unknown keys and member values.
  checkStructure(ctx, shape, name, value, path);
}

function checkList(ctx: CheckContext, shape: SmithyShape, traits: Traits, value: unknown, path: string): void {
  if (!Array.isArray(value)) return void ctx.errors.push({ path, message: `expected an array, got ${describe(value)}` });
  checkLength(traits, value.length, "items", (message) => ctx.errors.push({ path, message }));
  const sparse = "smithy.api#sparse" in (shape.traits ?? {});
  value.forEach((item, i) => {
    if (item === null && !sparse) ctx.errors.push({ path: `${path}[${i}]`, message: "null is not allowed in a list that is not @sparse" });
    else if (item !== null) checkValue(ctx, shape.member!.target, shape.member!.traits, item, `${path}[${i}]`);
  });
  if ("smithy.api#uniqueItems" in traits || shape.type === "set") {
    const seen = new Set(value.map((item) => JSON.stringify(item)));
    if (seen.size !== value.length) ctx.errors.push({ path, message: "items must be unique" });
  }
}

function checkMap(ctx: CheckContext, shape: SmithyShape, traits: Traits, value: unknown, path: string): void {
  if (!isObject(value)) return void ctx.errors.push({ path, message: `expected an object (map), got ${describe(value)}` });
  const entries = Object.entries(value);
  checkLength(traits, entries.length, "entries", (message) => ctx.errors.push({ path, message }));
  const sparse = "smithy.api#sparse" in (shape.traits ?? {});
  for (const [key, item] of entries) {
    const at = `${path}[${JSON.stringify(key)}]`;
    const keyErrors: ValidationError[] = [];
    checkValue({ ...ctx, errors: keyErrors }, shape.key!.target, shape.key!.traits, key, at);
    for (const e of keyErrors) ctx.errors.push({ path: e.path, message: `map key: ${e.message}` });
    if (item === null && !sparse) ctx.errors.push({ path: at, message: "null is not allowed in a map that is not @sparse" });
    else if (item !== null) checkValue(ctx, shape.value!.target, shape.value!.traits, item, at);
  }
}

function checkString(traits: Traits, value: string, fail: (m: string) => void): void {
  // Length counts Unicode scalar values, not UTF-16 units (https://smithy.io/2.0/spec/constraint-traits.html#length-trait).
  checkLength(traits, [...value].length, "characters", fail);
  const pattern = traits["smithy.api#pattern"];
  if (typeof pattern === "string") {
    const regex = compiledPattern(pattern);
    // Not anchored implicitly: a pattern matches when it is found anywhere (https://smithy.io/2.0/spec/constraint-traits.html#pattern-trait).
    if (regex && !regex.test(value)) fail(`${JSON.stringify(value)} does not match the pattern ${pattern}`);
  }
  const legacyEnum = traits["smithy.api#enum"] as readonly { value: string }[] | undefined;
  if (legacyEnum && !legacyEnum.some((e) => e.value === value)) {
    fail(`${JSON.stringify(value)} is not one of the allowed values (${legacyEnum.map((e) => e.value).join(", ")})`);
  }
}

const INTEGER_BOUNDS = { byte: 2 ** 7, short: 2 ** 15, integer: 2 ** 31, long: 2 ** 63 } as const;

function checkInteger(type: keyof typeof INTEGER_BOUNDS, traits: Traits, value: unknown, fail: (m: string) => void): void {
  if (typeof value !== "number" || !Number.isInteger(value)) return fail(`expected an integer (${type}), got ${describe(value)}`);
  const bound = INTEGER_BOUNDS[type];
  if (value < -bound || value >= bound) return fail(`${value} is out of the ${type} range`);
  checkRange(traits, value, fail);
}

function checkNumber(type: string, traits: Traits, value: unknown, fail: (m: string) => void): void {
  // JSON has no NaN/Infinity, so float and double send them as these strings
  // (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html#shape-serialization).
  if ((type === "float" || type === "double") && (value === "NaN" || value === "Infinity" || value === "-Infinity")) return;
  if (typeof value !== "number") return fail(`expected a number (${type}), got ${describe(value)}`);
  if (type === "bigInteger" && !Number.isInteger(value)) return fail(`expected an integer (bigInteger), got ${value}`);
  checkRange(traits, value, fail);
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Timestamp formats: https://smithy.io/2.0/spec/protocol-traits.html#timestampformat-trait. */
function checkTimestamp(format: TimestampFormat, value: unknown, fail: (m: string) => void): void {
  if (format === "epoch-seconds") {
    if (typeof value !== "number" || !Number.isFinite(value)) fail(`expected a timestamp in epoch seconds (a number), got ${describe(value)}`);
    return;
  }
  const shapeOk = typeof value === "string" && (format === "date-time" ? DATE_TIME : HTTP_DATE).test(value) && !Number.isNaN(Date.parse(value));
  // date-time is RFC 3339 in UTC ("Z", no offset), as the spec's serialization rule says.
  if (!shapeOk) fail(`expected a timestamp as ${format === "date-time" ? "an RFC 3339 UTC date-time string (…Z)" : "an IMF-fixdate http-date string"}, got ${describe(value)}`);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function checkBlob(traits: Traits, value: unknown, fail: (m: string) => void): void {
  // Blobs travel base64-encoded in JSON bodies; length counts the decoded bytes.
  if (typeof value !== "string" || !BASE64.test(value)) return fail(`expected a base64 string (blob), got ${describe(value)}`);
  checkLength(traits, Buffer.from(value, "base64").length, "bytes", fail);
}

function checkLength(traits: Traits, length: number, unit: string, fail: (m: string) => void): void {
  const bounds = traits["smithy.api#length"] as { min?: number; max?: number } | undefined;
  if (!bounds) return;
  if (bounds.min !== undefined && length < bounds.min) fail(`length ${length} is below the minimum of ${bounds.min} ${unit}`);
  if (bounds.max !== undefined && length > bounds.max) fail(`length ${length} is above the maximum of ${bounds.max} ${unit}`);
}

function checkRange(traits: Traits, value: number, fail: (m: string) => void): void {
  const bounds = traits["smithy.api#range"] as { min?: number; max?: number } | undefined;
  if (!bounds) return;
  if (bounds.min !== undefined && value < bounds.min) fail(`${value} is below the minimum of ${bounds.min}`);
  if (bounds.max !== undefined && value > bounds.max) fail(`${value} is above the maximum of ${bounds.max}`);
}

/** An enum member's value is its `enumValue`, or its name when it has none. */
function enumValues(shape: SmithyShape): (string | number)[] {
  return Object.entries(shape.members ?? {}).map(([name, m]) => (m.traits?.["smithy.api#enumValue"] as string | number | undefined) ?? name);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function memberPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
