import type { AwsService, Traits } from "./model";
import { serviceModel } from "./model";
import { isObject } from "./shape-check";
import { isHttpBound } from "./validate";

// Vendor examples are not always printed as they travel. aws-cli v2 prints timestamps as ISO 8601 strings
// with the caller's offset ("2021-12-20T12:13:37.875000-05:00"; its `cli_timestamp_format` defaults to
// iso8601: https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html#cli-config-cli_timestamp_format),
// and Smithy example node values may write a timestamp as a date-time string
// (https://smithy.io/2.0/spec/model.html#trait-node-values). On the wire of both JSON protocols a body
// timestamp is a number of epoch seconds. `renderedToWire` turns such strings back into that number, guided by
// the shape, and changes nothing else, so whatever else is wrong in an example still shows when it is validated.

/** A copy of `value` with every date string at a timestamp position of `shapeId` turned into epoch seconds. */
export function renderedToWire(service: AwsService, shapeId: string, value: unknown): unknown {
  const model = serviceModel(service);
  const convert = (id: string, item: unknown, memberTraits?: Traits): unknown => {
    const shape = model.shape(id);
    switch (shape.type) {
      case "timestamp": {
        if (typeof item !== "string" || "smithy.api#timestampFormat" in { ...shape.traits, ...memberTraits }) return item;
        const millis = Date.parse(item);
        return Number.isNaN(millis) ? item : millis / 1000;
      }
      case "structure":
      case "union": {
        if (!isObject(item)) return item;
        const members = shape.members ?? {};
        return Object.fromEntries(Object.entries(item).map(([key, v]) => [key, members[key] && !isHttpBound(members[key]) ? convert(members[key].target, v, members[key].traits) : v]));
      }
      case "list":
      case "set":
        return Array.isArray(item) ? item.map((v) => convert(shape.member!.target, v, shape.member!.traits)) : item;
      case "map":
        return isObject(item) ? Object.fromEntries(Object.entries(item).map(([key, v]) => [key, convert(shape.value!.target, v, shape.value!.traits)])) : item;
      default:
        return item;
    }
  };
  return convert(shapeId, value);
}
