import { dirname, resolve } from "node:path";
import { readJsonFile } from "./specs";

// A strict validator of responses against an OpenAPI 2.0 (Swagger) definition, for proving that the
// simulator answers exactly what the official Azure definitions describe. Handles $ref across files
// (relative to the file holding the ref), allOf, required, type, enum (x-ms-enum values included,
// enforced even when modelAsString — the simulator must only emit documented values), formats
// (date-time, int32, int64, uuid, uri, arm-id, byte, duration), x-nullable, additionalProperties and
// readOnly (allowed in responses). Not handled (unused by these definitions): discriminator, pattern.

type Schema = Record<string, unknown>;
export interface ValidationIssue {
  path: string;
  message: string;
}

interface Located {
  schema: Schema;
  file: string;
}

export interface Operation {
  operationId: string;
  method: string;
  /** Path template as in the definition, e.g. /subscriptions/{subscriptionId}/… */
  path: string;
  responses: Record<string, { schema?: Schema; headers?: Record<string, unknown> }>;
}

const HTTP_METHODS = ["get", "put", "post", "patch", "delete", "head", "options"];

export class OpenApiDocument {
  readonly doc: Schema;

  constructor(readonly file: string) {
    this.doc = readJsonFile(file) as Schema;
    if (this.doc.swagger !== "2.0") throw new Error(`${file} is not an OpenAPI 2.0 document`);
  }

  get basePath(): string {
    return typeof this.doc.basePath === "string" && this.doc.basePath !== "/" ? this.doc.basePath : "";
  }

  operations(): Operation[] {
    const out: Operation[] = [];
    for (const [path, item] of Object.entries(this.doc.paths as Record<string, Schema>)) {
      for (const method of HTTP_METHODS) {
        const op = item[method] as Schema | undefined;
        if (op) out.push({ operationId: String(op.operationId), method: method.toUpperCase(), path, responses: op.responses as Operation["responses"] });
      }
    }
    return out;
  }

  operation(operationId: string): Operation {
    const op = this.operations().find((o) => o.operationId === operationId);
    if (!op) throw new Error(`operation ${operationId} is not in ${this.file}`);
    return op;
  }

  /** The operation a concrete request path (basePath included) and method belong to, if any. */
  match(method: string, concretePath: string, caseInsensitive = true): Operation | null {
    const path = concretePath.startsWith(this.basePath) ? concretePath.slice(this.basePath.length) : concretePath;
    const segments = path.split("/");
    for (const op of this.operations()) {
      if (op.method !== method.toUpperCase()) continue;
      const template = op.path.split("/");
      if (template.length !== segments.length) continue;
      const same = template.every((t, i) => {
        if (/^\{[^}]+\}$/.test(t)) return segments[i] !== "";
        return caseInsensitive ? t.toLowerCase() === segments[i]!.toLowerCase() : t === segments[i];
      });
      if (same) return op;
    }
    return null;
  }

  /** Checks one response of an operation: the status must be declared (or `default` for errors). */
  validateResponse(operationId: string, status: number, body: unknown, headers: Record<string, string> = {}): ValidationIssue[] {
    const op = this.operation(operationId);
    const declared = op.responses[String(status)];
    const response = declared ?? (status >= 400 ? op.responses.default : undefined);
    if (!response) return [{ path: "$", message: `status ${status} is not a declared response of ${operationId}` }];
    const issues: ValidationIssue[] = [];
    for (const name of Object.keys(response.headers ?? {})) {
      if (!Object.keys(headers).some((h) => h.toLowerCase() === name.toLowerCase())) issues.push({ path: `header ${name}`, message: "declared response header is missing" });
    }
    if (!response.schema) {
      if (body !== undefined && body !== null && body !== "") issues.push({ path: "$", message: `${operationId} ${status} declares no body, got ${JSON.stringify(body).slice(0, 80)}` });
      return issues;
    }
    return [...issues, ...this.validate(response.schema, body)];
  }

  /** Validates `value` against a schema object that lives in this document. */
  validate(schema: Schema, value: unknown): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    validateAt({ schema, file: this.file }, value, "$", issues);
    return issues;
  }

  /** Validates against "#/definitions/Name" of this document. */
  validateDefinition(name: string, value: unknown): ValidationIssue[] {
    return this.validate({ $ref: `#/definitions/${name}` }, value);
  }
}

function resolveRef(ref: string, file: string): Located {
  const [filePart, pointer = ""] = ref.split("#");
  const target = filePart ? resolve(dirname(file), filePart) : file;
  let node: unknown = readJsonFile(target);
  for (const raw of pointer.split("/").filter(Boolean)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = (node as Record<string, unknown> | undefined)?.[key];
    if (node === undefined) throw new Error(`$ref ${ref} (from ${file}) does not resolve`);
  }
  return { schema: node as Schema, file: target };
}

/** Follows $ref chains to the schema itself. */
function deref(located: Located): Located {
  let current = located;
  for (let i = 0; typeof current.schema.$ref === "string"; i++) {
    if (i > 50) throw new Error(`$ref cycle at ${String(current.schema.$ref)}`);
    current = resolveRef(current.schema.$ref as string, current.file);
  }
  return current;
}

function validateAt(located: Located, value: unknown, path: string, issues: ValidationIssue[]): void {
  const { schema, file } = deref(located);
  if (value === null) {
    if (schema["x-nullable"] !== true) issues.push({ path, message: "null is not allowed (no x-nullable)" });
    return;
  }
  for (const part of (schema.allOf as Schema[] | undefined) ?? []) validateAt({ schema: part, file }, value, path, issues);

  const type = schema.type as string | undefined ?? (schema.properties || schema.additionalProperties ? "object" : undefined);
  if (type && !hasType(value, type)) {
    issues.push({ path, message: `expected ${type}, got ${describe(value)}` });
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    issues.push({ path, message: `${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}` });
  }
  if (typeof schema.format === "string") checkFormat(schema.format, value, path, issues);
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && value.length < schema.minLength) issues.push({ path, message: `shorter than ${schema.minLength}` });
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength) issues.push({ path, message: `longer than ${schema.maxLength}` });
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) issues.push({ path, message: `fewer than ${schema.minItems} items` });
    if (schema.items) value.forEach((item, i) => validateAt({ schema: schema.items as Schema, file }, item, `${path}[${i}]`, issues));
  }
  if (type === "object" || (typeof value === "object" && !Array.isArray(value) && (schema.properties || schema.required))) {
    validateObject({ schema, file }, value as Record<string, unknown>, path, issues);
  }
}

function validateObject(located: Located, value: Record<string, unknown>, path: string, issues: ValidationIssue[]): void {
  const { schema, file } = located;
  for (const name of (schema.required as string[] | undefined) ?? []) {
    if (value[name] === undefined) issues.push({ path: `${path}.${name}`, message: "required property is missing" });
  }
  const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
  for (const [name, propSchema] of Object.entries(properties)) {
    if (value[name] !== undefined) validateAt({ schema: propSchema, file }, value[name], `${path}.${name}`, issues);
  }
  const additional = schema.additionalProperties;
  if (additional === undefined || additional === true) return;
  const known = knownProperties(located);
  for (const [name, item] of Object.entries(value)) {
    if (known.has(name)) continue;
    if (additional === false) issues.push({ path: `${path}.${name}`, message: "additional property is not allowed" });
    else validateAt({ schema: additional as Schema, file }, item, `${path}.${name}`, issues);
  }
}

/** Property names declared by a schema and everything it inherits through allOf. */
function knownProperties(located: Located): Set<string> {
  const { schema, file } = deref(located);
  const names = new Set(Object.keys((schema.properties as Schema | undefined) ?? {}));
  for (const part of (schema.allOf as Schema[] | undefined) ?? []) for (const n of knownProperties({ schema: part, file })) names.add(n);
  return names;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "object": return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array": return Array.isArray(value);
    case "string": return typeof value === "string";
    case "boolean": return typeof value === "boolean";
    case "integer": return typeof value === "number" && Number.isInteger(value);
    case "number": return typeof value === "number" && Number.isFinite(value);
    case "file": return true;
    default: return false;
  }
}

// RFC 3339 date-time, as OpenAPI 2.0's "date-time" format requires: a zone (Z or ±hh:mm) is mandatory.
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

function checkFormat(format: string, value: unknown, path: string, issues: ValidationIssue[]): void {
  const bad = (why: string) => issues.push({ path, message: `${JSON.stringify(value)} is not a valid ${format}${why ? `: ${why}` : ""}` });
  if (typeof value === "string") {
    if (format === "date-time" && (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))) bad("RFC 3339 needs a date, a time and a zone");
    if (format === "uuid" && !UUID.test(value)) bad("");
    if (format === "arm-id" && !value.startsWith("/")) bad("an ARM id starts with /");
    if (format === "duration" && !DURATION.test(value)) bad("ISO 8601 duration");
    if (format === "byte" && !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) bad("base64");
    if (format === "uri") {
      try {
        new URL(value);
      } catch {
        bad("");
      }
    }
  } else if (typeof value === "number") {
    if (format === "int32" && (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31)) bad("");
    if (format === "int64" && !Number.isSafeInteger(value)) bad("");
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "array";
  return value === null ? "null" : typeof value;
}

export function formatIssues(issues: ValidationIssue[]): string {
  return issues.map((i) => `  ${i.path}: ${i.message}`).join("\n");
}
