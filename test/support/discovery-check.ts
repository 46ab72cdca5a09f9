import { readJsonFile, specFile } from "../contract/specs";

// A strict check of a JSON payload against one schema of a Google Discovery document
// (../shared/specs/google/discovery): every field must be declared, of its declared type and format
// (int64 as a decimal string, google-datetime as RFC 3339, google-duration as "<n>s", byte as base64),
// and an enum value must be one the document lists. Returns the problems, each with its JSON path.

interface Property {
  type?: string;
  format?: string;
  $ref?: string;
  enum?: string[];
  items?: Property;
  properties?: Record<string, Property>;
  additionalProperties?: Property;
}

export interface DiscoveryDocument {
  schemas: Record<string, Property & { properties?: Record<string, Property> }>;
}

export function loadDiscovery(file: "run.v2.json" | "cloudscheduler.v1.json" | "logging.v2.json"): DiscoveryDocument {
  return readJsonFile(specFile(`google/discovery/${file}`)) as DiscoveryDocument;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function checkAgainst(doc: DiscoveryDocument, schemaName: string, value: unknown): string[] {
  const problems: string[] = [];
  const visit = (prop: Property, v: unknown, at: string) => {
    if (prop.$ref) {
      const schema = doc.schemas[prop.$ref];
      if (!schema) return problems.push(`${at}: unknown schema ${prop.$ref}`);
      return visit(schema, v, at);
    }
    switch (prop.type) {
      case "object": {
        if (typeof v !== "object" || v === null || Array.isArray(v)) return problems.push(`${at}: expected an object`);
        for (const [key, inner] of Object.entries(v)) {
          const declared = prop.properties?.[key] ?? prop.additionalProperties;
          // A free-form object (no declared properties, e.g. Operation.metadata) takes any field.
          if (!declared) {
            if (prop.properties) problems.push(`${at}.${key}: not in the schema`);
            continue;
          }
          visit(declared, inner, `${at}.${key}`);
        }
        return;
      }
      case "array":
        if (!Array.isArray(v)) return problems.push(`${at}: expected an array`);
        return v.forEach((item, i) => visit(prop.items ?? {}, item, `${at}[${i}]`));
      case "string": {
        if (typeof v !== "string") return problems.push(`${at}: expected a string`);
        if (prop.enum && !prop.enum.includes(v)) return problems.push(`${at}: ${v} is not one of ${prop.enum.join(", ")}`);
        if ((prop.format === "int64" || prop.format === "uint64") && !/^-?\d+$/.test(v)) return problems.push(`${at}: expected an int64 string`);
        if (prop.format === "google-datetime" && (!RFC3339.test(v) || Number.isNaN(Date.parse(v)))) return problems.push(`${at}: ${v} is not an RFC 3339 time`);
        if (prop.format === "google-duration" && !/^-?\d+(\.\d{1,9})?s$/.test(v)) return problems.push(`${at}: ${v} is not a duration`);
        if (prop.format === "byte" && !/^[A-Za-z0-9+/_-]*={0,2}$/.test(v)) return problems.push(`${at}: not base64`);
        return;
      }
      case "integer":
        if (!Number.isInteger(v)) problems.push(`${at}: expected an integer`);
        return;
      case "number":
        if (typeof v !== "number") problems.push(`${at}: expected a number`);
        return;
      case "boolean":
        if (typeof v !== "boolean") problems.push(`${at}: expected a boolean`);
        return;
      case "any":
      case undefined:
        return;
      default:
        problems.push(`${at}: unknown type ${prop.type}`);
    }
  };
  visit({ $ref: schemaName }, value, schemaName);
  return problems;
}
