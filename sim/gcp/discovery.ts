// A strict validator for Google API discovery-document schemas (https://developers.google.com/discovery/v1/reference/apis):
// every field must be declared, of its declared type and format, enums in their list (or, for answers
// rendered with `$alt=json;enum-encoding=int`, the proto number of a listed value), `google.protobuf.Any`
// values checked against the schema their `@type` names, and the fields an answer always carries present.
// Discovery documents mark no field required, so those lists are given (ALWAYS_PRESENT).

export interface DiscoverySchema {
  id?: string;
  type?: string;
  $ref?: string;
  format?: string;
  enum?: string[];
  properties?: Record<string, DiscoverySchema>;
  items?: DiscoverySchema;
  additionalProperties?: DiscoverySchema;
  readOnly?: boolean;
}

export interface DiscoveryDoc {
  name: string;
  schemas: Record<string, DiscoverySchema>;
}

export interface ValidateOptions {
  /** The answer was asked for with `$alt=json;enum-encoding=int`. */
  numericEnums?: boolean;
  /** Proto enums (value name → number), to check numeric enum values; see protoEnums. */
  protoEnums?: readonly Record<string, number>[];
  /** `@type` URL → [document, schema] for `google.protobuf.Any` values. */
  anyTypes?: Record<string, [DiscoveryDoc, string]>;
}

/** Fields the services always answer (output-only, set on every resource), per schema name. */
export const ALWAYS_PRESENT: Record<string, readonly string[]> = {
  GoogleCloudRunV2Job: ["name", "uid", "generation", "createTime", "updateTime", "template", "terminalCondition", "etag"],
  GoogleCloudRunV2Execution: ["name", "uid", "createTime", "job", "taskCount", "template", "conditions", "etag"],
  GoogleCloudRunV2Service: ["name", "uid", "createTime", "template", "terminalCondition", "uri"],
  GoogleCloudRunV2Condition: ["type", "state"],
  GoogleLongrunningOperation: ["name"],
  Job: ["name", "schedule", "timeZone", "state", "userUpdateTime"],
  LogEntry: ["logName", "resource", "timestamp", "insertId"],
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DURATION = /^-?\d+(\.\d{1,9})?s$/;
const INT64 = /^-?\d+$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Problems found ("path: what"); empty when `value` is a valid `schemaName` of `doc`. */
export function validateDiscovery(doc: DiscoveryDoc, schemaName: string, value: unknown, opts: ValidateOptions = {}): string[] {
  const schema = doc.schemas[schemaName];
  if (!schema) return [`schema ${schemaName} is not in ${doc.name}`];
  const problems: string[] = [];
  check(doc, { $ref: schemaName }, value, "$", opts, problems);
  return problems;
}

function check(doc: DiscoveryDoc, schema: DiscoverySchema, value: unknown, path: string, opts: ValidateOptions, out: string[]): void {
  if (schema.$ref) {
    const target = doc.schemas[schema.$ref];
    if (!target) return void out.push(`${path}: $ref ${schema.$ref} is not in ${doc.name}`);
    return checkObject(doc, schema.$ref, target, value, path, opts, out);
  }
  switch (schema.type) {
    case "any":
      return;
    case "string":
      if (typeof value === "number" && schema.enum) return checkNumericEnum(schema.enum, value, path, opts, out);
      if (typeof value !== "string") return void out.push(`${path}: expected a string${schema.format ? ` (${schema.format})` : ""}, got ${describe(value)}`);
      if (schema.enum && !schema.enum.includes(value)) return void out.push(`${path}: "${value}" is not one of ${schema.enum.join(", ")}`);
      return checkFormat(schema.format, value, path, out);
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) return void out.push(`${path}: expected an integer, got ${describe(value)}`);
      return;
    case "number":
      if (typeof value !== "number") return void out.push(`${path}: expected a number, got ${describe(value)}`);
      return;
    case "boolean":
      if (typeof value !== "boolean") return void out.push(`${path}: expected a boolean, got ${describe(value)}`);
      return;
    case "array":
      if (!Array.isArray(value)) return void out.push(`${path}: expected an array, got ${describe(value)}`);
      value.forEach((item, i) => check(doc, schema.items ?? { type: "any" }, item, `${path}[${i}]`, opts, out));
      return;
    case "object":
      return checkObject(doc, undefined, schema, value, path, opts, out);
    default:
      out.push(`${path}: the schema has no type the validator knows (${String(schema.type)})`);
  }
}

function checkObject(doc: DiscoveryDoc, name: string | undefined, schema: DiscoverySchema, value: unknown, path: string, opts: ValidateOptions, out: string[]): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return void out.push(`${path}: expected an object${name ? ` (${name})` : ""}, got ${describe(value)}`);
  const record = value as Record<string, unknown>;
  const typeUrl = record["@type"];
  if (typeof typeUrl === "string" && !schema.properties?.["@type"]) {
    // A google.protobuf.Any: its fields are those of the message it names.
    const target = opts.anyTypes?.[typeUrl];
    if (!target) return void out.push(`${path}: @type ${typeUrl} is not a type the validator knows`);
    const rest = Object.fromEntries(Object.entries(record).filter(([key]) => key !== "@type"));
    return void out.push(...validateDiscovery(target[0], target[1], rest, opts).map((p) => p.replace(/^\$/, path)));
  }
  if (schema.properties) {
    for (const [key, child] of Object.entries(record)) {
      const declared = schema.properties[key];
      if (!declared) out.push(`${path}.${key}: unknown field${name ? ` of ${name}` : ""}`);
      else check(doc, declared, child, `${path}.${key}`, opts, out);
    }
    for (const key of name ? (ALWAYS_PRESENT[name] ?? []) : []) if (!(key in record)) out.push(`${path}.${key}: missing (${name} always has it)`);
    return;
  }
  if (schema.additionalProperties) for (const [key, child] of Object.entries(record)) check(doc, schema.additionalProperties, child, `${path}.${key}`, opts, out);
}

function checkNumericEnum(values: readonly string[], n: number, path: string, opts: ValidateOptions, out: string[]): void {
  if (!opts.numericEnums) return void out.push(`${path}: an enum as the number ${n}, but the request did not ask for enum-encoding=int`);
  // The proto may be newer than the discovery document (more values): the number must name a listed value.
  const proto = opts.protoEnums?.find((e) => values.every((v) => v in e));
  if (!proto) return void out.push(`${path}: no proto enum with the values ${values.join(", ")} to read ${n} by`);
  if (!values.some((v) => proto[v] === n)) out.push(`${path}: ${n} is not a value of the enum ${values.join(", ")}`);
}

function checkFormat(format: string | undefined, value: string, path: string, out: string[]): void {
  const bad = (what: string) => out.push(`${path}: "${value.slice(0, 60)}" is not ${what}`);
  if (format === "google-datetime" && (!RFC3339.test(value) || Number.isNaN(Date.parse(value)))) bad("an RFC 3339 timestamp");
  else if (format === "google-duration" && !DURATION.test(value)) bad('a Duration like "3.5s"');
  else if ((format === "int64" || format === "uint64") && !INT64.test(value)) bad("an int64 in a string");
  else if (format === "byte" && !BASE64.test(value)) bad("base64");
}

function describe(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : `${typeof value} ${JSON.stringify(value)?.slice(0, 40) ?? ""}`;
}

/** Every `enum Name { A = 0; … }` in proto sources, as value name → number. */
export function protoEnums(protoSources: readonly string[]): Record<string, number>[] {
  const out: Record<string, number>[] = [];
  for (const source of protoSources) {
    for (const match of source.matchAll(/\benum\s+\w+\s*\{([^}]*)\}/g)) {
      const values: Record<string, number> = {};
      for (const v of (match[1] ?? "").replace(/\/\/.*$/gm, "").matchAll(/(\w+)\s*=\s*(-?\d+)\s*(\[[^\]]*\])?\s*;/g)) values[v[1] as string] = Number(v[2]);
      out.push(values);
    }
  }
  return out;
}
