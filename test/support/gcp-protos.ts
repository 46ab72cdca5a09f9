import { createRequire } from "node:module";
import { protobuf, serializer, fallback } from "google-gax";

// Decodes a Google REST (proto3 JSON) payload exactly as the clients do with `fallback: true`:
// google-gax fallbackRest decodeResponse = serializer.fromProto3JSON(type, json) then
// type.toObject(message, defaultToObjectOptions). Transforms are pinned on what this returns.

const require = createRequire(import.meta.url);
const ROOTS = {
  run: require.resolve("@google-cloud/run/build/protos/protos.json"),
  scheduler: require.resolve("@google-cloud/scheduler/build/protos/protos.json"),
  logging: require.resolve("@google-cloud/logging-api/build/protos/protos.json"),
} as const;

const roots = new Map<string, protobuf.Root>();

function root(api: keyof typeof ROOTS): protobuf.Root {
  let found = roots.get(api);
  if (!found) {
    found = protobuf.Root.fromJSON(require(ROOTS[api]) as protobuf.INamespace);
    roots.set(api, found);
  }
  return found;
}

export function decodeRest<T>(api: keyof typeof ROOTS, typeName: string, json: unknown): T {
  const type = root(api).lookupType(typeName);
  const message = serializer.fromProto3JSON(type, json as never);
  if (!message) throw new Error(`${typeName} could not be decoded from the JSON`);
  return type.toObject(message, fallback.defaultToObjectOptions) as T;
}
