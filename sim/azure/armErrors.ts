import { randomUUID } from "node:crypto";
import type { ActiveFault } from "../core/faults";
import { json, type SimResponse } from "../core/http";

// ARM errors: {"error":{"code","message"}} (CommonDefinitions.json#/definitions/DefaultErrorResponse),
// with the codes ARM itself uses (learn.microsoft.com/azure/azure-resource-manager/troubleshooting/common-deployment-errors).

export class ArmError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

export function armErrorResponse(error: ArmError): SimResponse {
  return json(error.status, { error: { code: error.code, message: error.message } }, {
    "x-ms-request-id": randomUUID(),
    "x-ms-correlation-request-id": randomUUID(),
    ...error.headers,
  });
}

export const armErrors = {
  missingAuthorization: () => new ArmError(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.", challenge("The authentication failed because of missing 'Authorization' header.")),
  invalidToken: () => new ArmError(401, "InvalidAuthenticationToken", "The access token is invalid.", challenge("The access token is invalid.")),
  expiredToken: () => new ArmError(401, "ExpiredAuthenticationToken", "The access token expiry UTC time is earlier than current UTC time.", challenge("The access token has expired.")),
  wrongAudience: (aud: string) => new ArmError(401, "InvalidAuthenticationTokenAudience", `The access token has been obtained for wrong audience or resource '${aud}'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.`, challenge("The access token has wrong audience.")),
  wrongTenant: (tokenTenant: string, tenant: string) => new ArmError(401, "InvalidAuthenticationTokenTenant", `The access token is from the wrong issuer 'https://sts.windows.net/${tokenTenant}/'. It must match the tenant 'https://sts.windows.net/${tenant}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${tenant}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`),
  subscriptionNotFound: (id: string) => new ArmError(404, "SubscriptionNotFound", `The subscription '${id}' could not be found.`),
  resourceGroupNotFound: (name: string) => new ArmError(404, "ResourceGroupNotFound", `Resource group '${name}' could not be found.`),
  jobNotFound: (group: string, name: string) => new ArmError(404, "ResourceNotFound", `The Resource 'Microsoft.App/jobs/${name}' under resource group '${group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`),
  executionNotFound: (job: string, name: string) => new ArmError(404, "ResourceNotFound", `Job execution '${name}' of Container Apps Job '${job}' was not found.`),
  missingApiVersion: () => new ArmError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests."),
  unsupportedApiVersion: (version: string, supported: string) => new ArmError(400, "NoRegisteredProviderFound", `No registered resource provider found for location 'japaneast' and API version '${version}' for type 'jobs'. The supported api-versions are '${supported}'. The supported locations are 'japaneast, eastus, westeurope'.`),
  invalidContent: (detail: string) => new ArmError(400, "InvalidRequestContent", `The request content was invalid and could not be deserialized: '${detail}'.`),
  invalidValue: (detail: string) => new ArmError(400, "InvalidParameterValue", detail),
  notFound: (path: string) => new ArmError(404, "NotFound", `The requested resource '${path}' does not exist or is not supported by the simulator.`),
  methodNotAllowed: (method: string) => new ArmError(405, "MethodNotAllowed", `The requested HTTP method '${method}' is not supported for this resource.`),
};

function challenge(description: string): Record<string, string> {
  // ARM's 401 challenge header. No `claims` parameter, so the SDK's challenge callback does not
  // retry and the 401 reaches the caller as a RestError.
  return { "www-authenticate": `Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="${description}"` };
}

export function armFault(fault: ActiveFault): SimResponse {
  if (fault.kind === "throttle") {
    // ARM's subscription read throttling answer (learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling).
    const seconds = fault.retryAfterSeconds ?? 1;
    return armErrorResponse(new ArmError(429, "SubscriptionRequestsThrottled", `Number of requests for subscription '${fault.account}' exceeded the limit. Please try again after '${seconds}' seconds.`, { "retry-after": String(seconds) }));
  }
  const status = fault.status ?? 500;
  const code = status === 503 ? "ServiceUnavailable" : status === 504 ? "GatewayTimeout" : status === 502 ? "BadGateway" : "InternalServerError";
  return armErrorResponse(new ArmError(status, code, "The server encountered an internal error. Please retry the request."));
}
