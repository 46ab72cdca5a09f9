import { errorStatus } from "./common-errors";
import type { AwsService } from "./model";
import { operationModel } from "./model";
import { isObject } from "./shape-check";
import type { ValidateOptions, ValidationError } from "./validate";
import { errorName, validateError, validateOutput } from "./validate";

// One call to check a whole answer as the simulator's request log holds it: the status, the error name and
// the body. A success must carry the operation's status (restJson1: its `smithy.api#http` code; awsJson1_1:
// 200) and a valid output; an error must name itself as the protocol says and carry a valid error body, with
// the status its model gives it.

export interface AwsResponse {
  readonly status: number;
  /** The parsed JSON body; undefined when the answer had none. */
  readonly body: unknown;
  /** The `X-Amzn-ErrorType` header, when sent. */
  readonly errorType?: string;
}

/** Every problem of the answer to one call of `operation`; `[]` when it is one AWS could have sent. */
export function validateResponse(service: AwsService, operation: string, response: AwsResponse, options: ValidateOptions = {}): ValidationError[] {
  const op = operationModel(service, operation);
  if (response.status >= 200 && response.status < 300) {
    const expected = op.http?.code ?? 200;
    const statusErrors = response.status === expected ? [] : [{ path: "status", message: `${operation} answers ${expected} on success, not ${response.status}` }];
    return [...statusErrors, ...validateOutput(service, operation, response.body, options)];
  }
  const code = errorCode(response);
  if (!code) return [{ path: "$", message: "an error answer must name its error in the X-Amzn-ErrorType header or the body's __type" }];
  const problems = validateError(service, operation, code, response.body, options);
  const status = errorStatus(service, operation, code);
  // Common errors are not modelled, so their status is not checked (the API references give it per service).
  if (status !== undefined && status !== response.status) problems.unshift({ path: "status", message: `${code} is answered with ${status}, not ${response.status}` });
  return problems;
}

/**
 * The error's name: the X-Amzn-ErrorType header first, then the body's `__type`, where both protocols tell
 * clients to look (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html#operation-error-serialization).
 * restJson1 clients also accept a body `code`; a strict check does not, so an answer naming itself only there fails.
 */
function errorCode(response: AwsResponse): string | undefined {
  if (response.errorType) return errorName(response.errorType);
  return isObject(response.body) && typeof response.body.__type === "string" ? errorName(response.body.__type) : undefined;
}
