import type { AwsService } from "./model";
import { operationModel, serviceModel, shortName } from "./model";
import type { ValidationError } from "./shape-check";
import { isObject } from "./shape-check";

// Errors every AWS API may answer with although no model declares them: the "Common Errors" of each
// service's API Reference (e.g. https://docs.aws.amazon.com/AmazonECS/latest/APIReference/CommonErrors.html:
// signing, credentials, throttling, availability), and InvalidSignatureException, which JSON services send
// for a signature made with the wrong secret (the SDK lists it among its clock-skew codes:
// https://github.com/aws/aws-sdk-js-v3/blob/main/packages/service-error-classification/src/constants.ts).
// The simulator answers a wrong secret, an expired token or a fault with these, so they are validated too.
export const COMMON_ERRORS = [
  "AccessDeniedException",
  "ExpiredTokenException",
  "IncompleteSignature",
  "InternalFailure",
  "InvalidAction",
  "InvalidClientTokenId",
  "InvalidSignatureException",
  "MissingAuthenticationTokenException",
  "NotAuthorized",
  "OptInRequired",
  "RequestExpired",
  "ServiceUnavailable",
  "ThrottlingException",
  "UnrecognizedClientException",
  "ValidationError",
] as const;

/**
 * A common error's body: `__type` (optional) and a human message, which these errors send as `message` or
 * `Message` (the SDKs read either). Exactly one of the two, a string; nothing else.
 */
export function checkCommonErrorBody(code: string, body: unknown): ValidationError[] {
  if (!isObject(body)) return [{ path: "$", message: `expected an object, got ${Array.isArray(body) ? "an array" : typeof body}` }];
  const errors: ValidationError[] = [];
  for (const key of Object.keys(body)) if (!["__type", "message", "Message"].includes(key)) errors.push({ path: `$.${key}`, message: `unknown member: ${code} has no member "${key}"` });
  const messages = ["message", "Message"].filter((key) => key in body);
  if (messages.length !== 1) errors.push({ path: "$", message: `${code} must carry its text in exactly one of message or Message, found ${messages.length}` });
  for (const key of messages) if (typeof body[key] !== "string") errors.push({ path: `$.${key}`, message: "expected a string" });
  return errors;
}

/**
 * The HTTP status of a modelled error: its `smithy.api#httpError`, else 400 for a client error and 500 for a
 * server error (https://smithy.io/2.0/spec/http-bindings.html#httperror-trait). Undefined for an error the
 * operation does not declare.
 */
export function errorStatus(service: AwsService, operation: string, errorCode: string): number | undefined {
  const id = operationModel(service, operation).errors.find((e) => shortName(e) === errorCode);
  if (!id) return undefined;
  const traits = serviceModel(service).shape(id).traits ?? {};
  return (traits["smithy.api#httpError"] as number | undefined) ?? (traits["smithy.api#error"] === "server" ? 500 : 400);
}
