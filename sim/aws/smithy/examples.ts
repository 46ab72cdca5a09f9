import { readdirSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { fixtureFile, readJsonFile } from "../../../test/contract/specs";
import type { AwsService, SmithyShape } from "./model";
import { AWS_SERVICES, operationModel, serviceModel, shortName } from "./model";
import { renderedToWire } from "./to-wire";

// Every example payload we have for the four AWS services, as typed records the adapter pins its transforms
// on and the simulator is compared with:
// - the `smithy.api#examples` of every operation in the Smithy models (../shared/specs/aws);
// - every file under ../shared/fixtures/aws (see its README): aws-cli examples, ECS developer-guide
//   payloads, the ECS Task State Change event, and the schema excerpts. The fixtures' `*.smithy-example-*`
//   files are extracts of the models' examples, so they are not listed twice: `smithyExtracts()` returns
//   them for a test that checks they equal the model's;
// - ours (./ours/*.json): written by us where the vendor has no example for an operation the adapter uses.
// Inputs and outputs are given as they travel on the wire; see ./to-wire.ts for how a printed example
// (aws-cli, Smithy node values) is brought back to it. `printed` keeps the vendor's rendering when it differs.

export type ExampleOrigin = "smithy" | "aws-cli" | "devguide" | "ours";

export interface AwsExample {
  /** Where it is: "ecs.json#RunTask examples[0]", "aws/ecs/RunTask.cli-example-1.json", "ours/ecs.ListTasks-stopped.json". */
  readonly source: string;
  readonly origin: ExampleOrigin;
  readonly service: AwsService;
  readonly operation: string;
  readonly title: string;
  /** The request body on the wire, or null when the example shows none (aws-cli flags only, response-only examples). */
  readonly input: unknown;
  /** The success response body on the wire, or null when the example shows none. */
  readonly output: unknown;
  /** The error the example answers with instead of an output (Smithy examples may show one). */
  readonly error?: { readonly code: string; readonly body: unknown };
  /** The vendor's own rendering, present only when it differs from the wire form above. */
  readonly printed?: { readonly input: unknown; readonly output: unknown };
  /** aws-cli examples: the command the vendor ran. */
  readonly cliCommand?: string;
  /** restJson1 examples of ours: the request line, whose path labels and query carry the HTTP-bound input members. */
  readonly http?: { readonly method: string; readonly path: string; readonly query: Readonly<Record<string, string>> };
}

export interface AwsEventExample {
  readonly source: string;
  readonly detailType: string;
  /** The whole EventBridge event; its `detail` renders the API shape with RFC 3339 string timestamps. */
  readonly event: Readonly<Record<string, unknown>>;
}

export interface SchemaExcerpt {
  readonly source: string;
  readonly service: AwsService;
  /** The excerpt's operations and shapes by absolute id, as the vendor's AST has them. */
  readonly shapes: Readonly<Record<string, SmithyShape>>;
}

const SERVICE_NAMES: Record<string, AwsService> = { ecs: "ecs", eventbridge: "eventbridge", scheduler: "scheduler", logs: "cloudwatch-logs", "cloudwatch-logs": "cloudwatch-logs" };

const envelope = z.object({
  operation: z.string(),
  service: z
    .string()
    .refine((name) => name.toLowerCase() in SERVICE_NAMES, "is not one of our four AWS services")
    .transform((name) => SERVICE_NAMES[name.toLowerCase()]!),
  source: z.string(),
  title: z.string().optional(),
  cli_command: z.string().optional(),
  input: z.unknown(),
  output: z.unknown(),
  http: z.object({ method: z.string(), path: z.string(), query: z.record(z.string(), z.string()).default({}) }).optional(),
});
const eventFile = z.object({ kind: z.string().regex(/event/i), event: z.object({ "detail-type": z.string(), detail: z.record(z.string(), z.unknown()) }).loose() });
const excerptFile = z.object({ kind: z.string().regex(/schema-excerpt/), source_model: z.string(), operations: z.record(z.string(), z.unknown()), shapes: z.record(z.string(), z.unknown()) });
const smithyExample = z.object({ title: z.string(), input: z.unknown().optional(), output: z.unknown().optional(), error: z.object({ shapeId: z.string(), content: z.unknown() }).optional() });

const OURS_DIR = fileURLToPath(new URL("./ours/", import.meta.url));

let vendorCache: AwsExample[] | undefined;

/** Every vendor example: the models' `smithy.api#examples`, then the aws-cli and developer-guide fixtures. A fresh copy each call (parsed once). */
export function vendorExamples(): AwsExample[] {
  vendorCache ??= [...modelExamples(), ...fixtureFiles().flatMap((file) => fixtureExample(file) ?? [])];
  return structuredClone(vendorCache);
}

/** Our own examples (./ours), for operations the vendor shows no payload of. */
export function ourExamples(): AwsExample[] {
  return readdirSync(OURS_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      const parsed = envelope.parse(readJsonFile(join(OURS_DIR, name)));
      const example: AwsExample = { source: `ours/${name}`, origin: "ours", service: parsed.service, operation: parsed.operation, title: parsed.title ?? name, input: parsed.input ?? null, output: parsed.output ?? null };
      return parsed.http ? { ...example, http: parsed.http } : example;
    });
}

/** The vendor's and ours for one operation, e.g. to pin a transform on all of them. */
export function examplesFor(service: AwsService, operation: string): AwsExample[] {
  return [...vendorExamples(), ...ourExamples()].filter((e) => e.service === service && e.operation === operation);
}

/** The EventBridge events in the fixtures (the ECS Task State Change event). */
export function eventExamples(): AwsEventExample[] {
  return fixtureFiles().flatMap((file) => {
    const parsed = eventFile.safeParse(readJsonFile(fixtureFile(file)));
    return parsed.success ? [{ source: file, detailType: parsed.data.event["detail-type"], event: parsed.data.event }] : [];
  });
}

/** The fixtures' schema excerpts (operations and shapes cut from the models). */
export function schemaExcerpts(): SchemaExcerpt[] {
  return fixtureFiles().flatMap((file) => {
    const parsed = excerptFile.safeParse(readJsonFile(fixtureFile(file)));
    if (!parsed.success) return [];
    const service = SERVICE_NAMES[parsed.data.source_model.replace(/\.json$/, "")];
    if (!service) throw new Error(`${file} names a model (${parsed.data.source_model}) that is not one of ${AWS_SERVICES.join(", ")}`);
    return [{ source: file, service, shapes: { ...parsed.data.operations, ...parsed.data.shapes } as Record<string, SmithyShape> }];
  });
}

/** The fixtures' `*.smithy-example-*` extracts with the model example each claims to be (by operation and title). */
export function smithyExtracts(): { source: string; extract: AwsExample; model: AwsExample | undefined }[] {
  const fromModel = modelExamples();
  return fixtureFiles()
    .filter((file) => /\.smithy-example-\d+\.json$/.test(file))
    .map((file) => {
      const extract = fixtureExample(file, true)!;
      return { source: file, extract, model: fromModel.find((e) => e.service === extract.service && e.operation === extract.operation && e.title === extract.title) };
    });
}

function modelExamples(): AwsExample[] {
  return AWS_SERVICES.flatMap((service) =>
    [...serviceModel(service).operations.values()].flatMap((operation) => {
      const examples = z.array(smithyExample).parse(operation.traits["smithy.api#examples"] ?? []);
      return examples.map((example, i) =>
        wireExample({
          source: `${service}.json#${operation.name} examples[${i}]`,
          origin: "smithy",
          service,
          operation: operation.name,
          title: example.title,
          input: example.input ?? null,
          output: example.error ? null : (example.output ?? null),
          error: example.error ? { code: shortName(example.error.shapeId), body: example.error.content } : undefined,
        }),
      );
    }),
  );
}

/** An example fixture as a record; undefined for events, schema excerpts and (unless asked) Smithy extracts. */
function fixtureExample(file: string, includeSmithyExtracts = false): AwsExample | undefined {
  const raw = readJsonFile(fixtureFile(file));
  if (eventFile.safeParse(raw).success || excerptFile.safeParse(raw).success) return undefined;
  const parsed = envelope.parse(raw);
  const origin: ExampleOrigin = parsed.source === "smithy.api#examples" ? "smithy" : parsed.source.startsWith("aws-cli") ? "aws-cli" : "devguide";
  if (origin === "smithy" && !includeSmithyExtracts) return undefined;
  const record = { source: file, origin, service: parsed.service, operation: parsed.operation, title: parsed.title ?? parsed.source, input: parsed.input ?? null, output: parsed.output ?? null };
  return wireExample(parsed.cli_command ? { ...record, cliCommand: parsed.cli_command } : record);
}

/** Brings a printed example to the wire (the developer guide's JSON already is) and keeps the print when it differs. */
function wireExample(example: AwsExample): AwsExample {
  if (example.origin === "devguide" || example.origin === "ours") return example;
  const op = operationModel(example.service, example.operation);
  const input = example.input === null ? null : renderedToWire(example.service, op.input, example.input);
  const output = example.output === null ? null : renderedToWire(example.service, op.output, example.output);
  const same = JSON.stringify([input, output]) === JSON.stringify([example.input, example.output]);
  return same ? example : { ...example, input, output, printed: { input: example.input, output: example.output } };
}

/** Every fixture under aws/, as a path relative to the fixtures folder ("aws/ecs/RunTask.cli-example-1.json"). */
function fixtureFiles(): string[] {
  const root = fixtureFile("aws");
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((name) => basename(name).endsWith(".json"))
    .map((name) => relative(fixtureFile("."), join(root, name)))
    .sort();
}
