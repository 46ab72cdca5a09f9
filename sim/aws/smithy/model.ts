import { readJsonFile, specFile } from "../../../test/contract/specs";

// The vendor's Smithy JSON AST models of the four AWS services Batchdeck talks to, indexed for the strict
// wire validator (./validate.ts) and the examples loader (./examples.ts). The files are not in the repo:
// they live where test/contract/specs.ts says (BATCHDECK_SPECS_DIR or ../shared/specs), and a missing one
// throws its MissingSpecError naming how to fetch it. JSON AST format: https://smithy.io/2.0/spec/json-ast.html

export const AWS_SERVICES = ["ecs", "eventbridge", "scheduler", "cloudwatch-logs"] as const;
export type AwsService = (typeof AWS_SERVICES)[number];

export type Protocol = "awsJson1_1" | "restJson1";

export type Traits = Readonly<Record<string, unknown>>;

export interface MemberRef {
  readonly target: string;
  readonly traits?: Traits;
}

/** One shape of the AST as the vendor wrote it (only the keys this package reads are typed). */
export interface SmithyShape {
  readonly type: string;
  readonly traits?: Traits;
  readonly members?: Readonly<Record<string, MemberRef>>;
  readonly member?: MemberRef;
  readonly key?: MemberRef;
  readonly value?: MemberRef;
  readonly input?: { readonly target: string };
  readonly output?: { readonly target: string };
  readonly errors?: readonly { readonly target: string }[];
  readonly operations?: readonly { readonly target: string }[];
  readonly resources?: readonly { readonly target: string }[];
  readonly version?: string;
}

export interface HttpTrait {
  readonly method: string;
  readonly uri: string;
  readonly code: number;
}

export interface OperationModel {
  /** Short name, e.g. "RunTask". */
  readonly name: string;
  /** Absolute shape id, e.g. "com.amazonaws.ecs#RunTask". */
  readonly id: string;
  /** Input/output structure ids; "smithy.api#Unit" when the operation takes or returns nothing. */
  readonly input: string;
  readonly output: string;
  /** Error structure ids the operation declares, plus the service's common errors. */
  readonly errors: readonly string[];
  readonly traits: Traits;
  /** restJson1 only: the operation's `smithy.api#http` binding. */
  readonly http?: HttpTrait;
}

export interface ServiceModel {
  readonly name: AwsService;
  /** Absolute id of the service shape, e.g. "com.amazonaws.ecs#AmazonEC2ContainerServiceV20141113". */
  readonly id: string;
  readonly version: string;
  readonly protocol: Protocol;
  /**
   * awsJson1_1 only: the X-Amz-Target prefix, which is the service shape's name; the header is
   * `<prefix>.<Operation>` (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html).
   */
  readonly targetPrefix?: string;
  /** The Content-Type of request and response bodies for this protocol. */
  readonly contentType: string;
  readonly operations: ReadonlyMap<string, OperationModel>;
  /** Every shape of the model by absolute id, prelude shapes (smithy.api#String, …) included. */
  shape(id: string): SmithyShape;
  hasShape(id: string): boolean;
}

const MODEL_FILES: Record<AwsService, string> = {
  ecs: "aws/ecs.json",
  eventbridge: "aws/eventbridge.json",
  scheduler: "aws/scheduler.json",
  "cloudwatch-logs": "aws/cloudwatch-logs.json",
};

// The prelude shapes a member may target without the model defining them
// (https://smithy.io/2.0/spec/model.html#prelude).
const PRELUDE: Record<string, SmithyShape> = Object.fromEntries(
  [
    ["String", "string"], ["Blob", "blob"], ["BigInteger", "bigInteger"], ["BigDecimal", "bigDecimal"],
    ["Timestamp", "timestamp"], ["Document", "document"], ["Boolean", "boolean"], ["PrimitiveBoolean", "boolean"],
    ["Byte", "byte"], ["PrimitiveByte", "byte"], ["Short", "short"], ["PrimitiveShort", "short"],
    ["Integer", "integer"], ["PrimitiveInteger", "integer"], ["Long", "long"], ["PrimitiveLong", "long"],
    ["Float", "float"], ["PrimitiveFloat", "float"], ["Double", "double"], ["PrimitiveDouble", "double"],
    ["Unit", "structure"],
  ].map(([name, type]) => [`smithy.api#${name}`, { type: type!, members: type === "structure" ? {} : undefined } as SmithyShape]),
);

export const UNIT = "smithy.api#Unit";

const cache = new Map<AwsService, ServiceModel>();

/** The indexed model of one service, parsed once per process. */
export function serviceModel(service: AwsService): ServiceModel {
  const cached = cache.get(service);
  if (cached) return cached;
  const ast = readJsonFile(specFile(MODEL_FILES[service])) as { shapes: Record<string, SmithyShape> };
  const model = indexModel(service, ast.shapes);
  cache.set(service, model);
  return model;
}

function indexModel(name: AwsService, shapes: Record<string, SmithyShape>): ServiceModel {
  const services = Object.entries(shapes).filter(([, s]) => s.type === "service");
  if (services.length !== 1) throw new Error(`${MODEL_FILES[name]} should define exactly one service shape, found ${services.length}`);
  const [id, service] = services[0]!;
  const traits = service.traits ?? {};
  const protocol: Protocol = "aws.protocols#awsJson1_1" in traits ? "awsJson1_1" : "aws.protocols#restJson1" in traits ? "restJson1" : unsupported(id);
  const shape = (shapeId: string): SmithyShape => {
    const found = shapes[shapeId] ?? PRELUDE[shapeId];
    if (!found) throw new Error(`Shape ${shapeId} is not in ${MODEL_FILES[name]}`);
    return found;
  };
  const commonErrors = (service.errors ?? []).map((e) => e.target);
  const operations = new Map<string, OperationModel>();
  for (const opId of operationIds(service, shape)) {
    const op = shape(opId);
    const opTraits = op.traits ?? {};
    operations.set(shortName(opId), {
      name: shortName(opId),
      id: opId,
      input: op.input?.target ?? UNIT,
      output: op.output?.target ?? UNIT,
      errors: [...(op.errors ?? []).map((e) => e.target), ...commonErrors],
      traits: opTraits,
      http: protocol === "restJson1" ? (opTraits["smithy.api#http"] as HttpTrait | undefined) : undefined,
    });
  }
  return {
    name,
    id,
    version: service.version ?? "",
    protocol,
    targetPrefix: protocol === "awsJson1_1" ? shortName(id) : undefined,
    contentType: protocol === "awsJson1_1" ? "application/x-amz-json-1.1" : "application/json",
    operations,
    shape,
    hasShape: (shapeId) => shapeId in shapes || shapeId in PRELUDE,
  };
}

/** The service's operations and those of its resources, recursively (Scheduler binds most to resources). */
function operationIds(service: SmithyShape, shape: (id: string) => SmithyShape): Set<string> {
  const found = new Set<string>();
  const lifecycle = ["create", "put", "read", "update", "delete", "list"] as const;
  const visit = (container: SmithyShape & Partial<Record<(typeof lifecycle)[number], { target: string }>> & { collectionOperations?: { target: string }[] }) => {
    for (const op of [...(container.operations ?? []), ...(container.collectionOperations ?? [])]) found.add(op.target);
    for (const key of lifecycle) if (container[key]) found.add(container[key].target);
    for (const resource of container.resources ?? []) visit(shape(resource.target));
  };
  visit(service);
  return found;
}

function unsupported(id: string): never {
  throw new Error(`${id} uses neither awsJson1_1 nor restJson1; this validator speaks only those two protocols`);
}

/** "com.amazonaws.ecs#RunTask" → "RunTask". */
export function shortName(shapeId: string): string {
  return shapeId.slice(shapeId.indexOf("#") + 1);
}

/** The operation by short name, or a clear error naming the service. */
export function operationModel(service: AwsService, operation: string): OperationModel {
  const found = serviceModel(service).operations.get(operation);
  if (!found) throw new Error(`${service} has no operation ${operation}`);
  return found;
}

/** Which service and operation an awsJson1_1 `X-Amz-Target` header names, if any of ours. */
export function operationForTarget(target: string): { service: AwsService; operation: OperationModel } | undefined {
  const dot = target.lastIndexOf(".");
  for (const service of AWS_SERVICES) {
    const model = serviceModel(service);
    if (model.targetPrefix !== undefined && model.targetPrefix === target.slice(0, dot)) {
      const operation = model.operations.get(target.slice(dot + 1));
      return operation ? { service, operation } : undefined;
    }
  }
  return undefined;
}
