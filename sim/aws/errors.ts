import { randomUUID } from "node:crypto";
import type { ActiveFault } from "../core/faults";
import type { SimResponse } from "../core/http";

// AWS errors in each protocol's shape, with the services' own codes.
// - awsJson1_1 (ECS, EventBridge, CloudWatch Logs): status 400 (5xx for server faults), header
//   x-amzn-errortype and body {"__type", "message"}
//   (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html#operation-error-serialization).
// - restJson1 (EventBridge Scheduler): the status the error shape's @httpError names, x-amzn-errortype
//   and body {"Message"} (scheduler.json: ValidationException 400, ResourceNotFoundException 404,
//   ConflictException 409, ThrottlingException 429, InternalServerException 500).
// - awsQuery (STS): <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>
//   (https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#operation-error-serialization).

export type AwsProtocol = "awsJson1_1" | "restJson1" | "awsQuery";

export class AwsError extends Error {
  /** `status` null = the protocol's default for a client error (400). */
  constructor(readonly code: string, message: string, readonly status: number | null = null) {
    super(message);
  }
}

/** The authentication failures every AWS endpoint shares; their code and status differ per protocol. */
export type AuthFailure = "missing" | "unknownKey" | "badSignature" | "skew" | "expiredToken";

// Codes and texts as AWS answers them (awsJson/restJson services: UnrecognizedClientException,
// InvalidSignatureException, ExpiredTokenException, MissingAuthenticationTokenException; STS:
// InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken, MissingAuthenticationToken — listed in
// https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html). awsJson answers them with 400,
// restJson (API Gateway-fronted) and STS with 403.
export function authError(failure: AuthFailure, protocol: AwsProtocol, detail = ""): AwsError {
  const query = protocol === "awsQuery";
  const status = protocol === "awsJson1_1" ? 400 : 403;
  switch (failure) {
    case "missing":
      return new AwsError(query ? "MissingAuthenticationToken" : "MissingAuthenticationTokenException", query ? "Request is missing Authentication Token" : "Missing Authentication Token", status);
    case "unknownKey":
      return new AwsError(query ? "InvalidClientTokenId" : "UnrecognizedClientException", "The security token included in the request is invalid.", status);
    case "badSignature":
      return new AwsError(query ? "SignatureDoesNotMatch" : "InvalidSignatureException", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.", status);
    case "skew":
      return new AwsError(query ? "SignatureDoesNotMatch" : "InvalidSignatureException", detail, status);
    case "expiredToken":
      return new AwsError(query ? "ExpiredToken" : "ExpiredTokenException", "The security token included in the request is expired", status);
  }
}

/** IAM's wording for a refused action (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html). */
export function accessDenied(protocol: AwsProtocol, principalArn: string, action: string, resource: string): AwsError {
  const message = `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
  if (protocol === "awsQuery") return new AwsError("AccessDenied", message, 403);
  return new AwsError("AccessDeniedException", message, protocol === "restJson1" ? 403 : 400);
}

export function errorResponse(error: AwsError, protocol: AwsProtocol): SimResponse {
  const requestId = randomUUID();
  if (protocol === "awsQuery") {
    const status = error.status ?? 400;
    const body = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <Error>\n    <Type>${status >= 500 ? "Receiver" : "Sender"}</Type>\n    <Code>${error.code}</Code>\n    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
    return { status, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId }, body };
  }
  const headers = { "x-amzn-errortype": error.code, "x-amzn-requestid": requestId };
  if (protocol === "restJson1") {
    return { status: error.status ?? 400, headers: { ...headers, "content-type": "application/json" }, body: { Message: error.message } };
  }
  return { status: error.status ?? 400, headers: { ...headers, "content-type": "application/x-amz-json-1.1" }, body: { __type: error.code, message: error.message } };
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** Each service's throttling and server-error codes (its Smithy model; STS: CommonErrors page). */
export interface FaultCodes {
  throttle: string;
  /** Throttling status: 400 on awsJson/awsQuery, the shape's @httpError (429) on restJson. */
  throttleStatus: number;
  server: string;
}

export function faultError(fault: ActiveFault, codes: FaultCodes): AwsError {
  // AWS sends no Retry-After; SDKs back off on the code (ThrottlingException is in the SDK's
  // THROTTLING_ERROR_CODES, @smithy/service-error-classification).
  if (fault.kind === "throttle") return new AwsError(codes.throttle, "Rate exceeded", codes.throttleStatus);
  const status = fault.status ?? 500;
  if (status === 503) return new AwsError("ServiceUnavailable", "Service Unavailable", 503);
  return new AwsError(codes.server, "An internal error occurred. Please try again later.", status);
}
