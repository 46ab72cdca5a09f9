import { randomUUID } from "node:crypto";
import type { ActiveFault } from "../core/faults";
import { json, parseBodyForLog, type SimRequest, type SimResponse } from "../core/http";
import type { SimHttpService } from "../core/service";
import type { AzureState } from "./model";
import type { TokenIssuer } from "./tokens";

// Entra ID (login.microsoftonline.com) as @azure/identity's ClientSecretCredential -> MSAL Node use it:
//   GET  /{tenant}/v2.0/.well-known/openid-configuration   (authority metadata; MSAL fetches it first)
//   GET  /common/discovery/instance                        (instance discovery, if not disabled)
//   POST /{tenant}/oauth2/v2.0/token                       (client credentials grant)
// Errors use Entra's OAuth2 error body {error, error_description "AADSTSnnnn: …", error_codes, …}
// (learn.microsoft.com/entra/identity-platform/reference-error-codes), which MSAL turns into an
// AuthenticationError carrying errorResponse.error === "invalid_client" for a wrong secret.

export function entraService(state: AzureState, tokens: TokenIssuer, prefix = "/azure/login"): SimHttpService {
  return {
    name: "login",
    prefix,
    accountOf: (req) => req.path.split("/")[1] ?? null,
    faultResponse: (fault, req) => faultAnswer(fault, req),
    handle(req) {
      const segments = req.path.split("/").filter(Boolean);
      const tenant = segments[0] ?? "";
      const rest = segments.slice(1).join("/");
      if (req.method === "GET" && tenant === "common" && rest === "discovery/instance") return instanceDiscovery(req);
      if (req.method === "GET" && (rest === "v2.0/.well-known/openid-configuration" || rest === ".well-known/openid-configuration")) {
        if (!state.tenants.has(tenant)) return aadError(400, "invalid_tenant", 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
        return json(200, openIdConfiguration(req.baseUrl, tenant));
      }
      if (req.method === "POST" && rest === "oauth2/v2.0/token") return token(state, tokens, req, tenant);
      return aadError(404, "invalid_request", 90011, `The request path '${req.path}' is not an Entra ID endpoint the simulator knows.`);
    },
  };
}

function token(state: AzureState, tokens: TokenIssuer, req: SimRequest, tenantId: string): SimResponse {
  const form = parseBodyForLog(req.rawBody, "application/x-www-form-urlencoded") as Record<string, string> | null ?? {};
  for (const param of ["grant_type", "client_id", "scope"] as const) {
    if (!form[param]) return aadError(400, "invalid_request", 900144, `The request body must contain the following parameter: '${param}'.`);
  }
  if (form.grant_type !== "client_credentials") {
    return aadError(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${form.grant_type}'.`);
  }
  const tenant = state.tenants.get(tenantId);
  if (!tenant) return aadError(400, "invalid_request", 90002, `Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  const clientId = form.client_id!;
  const secret = tenant.principals.get(clientId);
  if (secret === undefined) {
    return aadError(400, "unauthorized_client", 700016, `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
  }
  if (!form.client_secret) return aadError(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  if (form.client_secret !== secret) {
    return aadError(401, "invalid_client", 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`);
  }
  const scopes = form.scope!.split(" ").filter((s) => s !== "openid" && s !== "profile" && s !== "offline_access");
  const scope = scopes[0] ?? "";
  if (scopes.length !== 1 || !scope.endsWith("/.default")) {
    return aadError(400, "invalid_scope", 1002012, `The provided value for scope ${form.scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  }
  const lifetime = 3599;
  const accessToken = tokens.issue({
    aud: scope.slice(0, -"/.default".length),
    iss: `https://sts.windows.net/${tenantId}/`,
    tid: tenantId,
    appid: clientId,
    oid: clientId,
    sub: clientId,
  }, lifetime);
  return json(200, { token_type: "Bearer", expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken });
}

function openIdConfiguration(base: string, tenant: string) {
  // The shape Entra serves at /{tenant}/v2.0/.well-known/openid-configuration. MSAL checks that the
  // issuer shares the authority's scheme, host and port, and takes token_endpoint from here.
  const t = `${base}/${tenant}`;
  return {
    token_endpoint: `${t}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${t}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${base}/oidc/userinfo`,
    authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${t}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${t}/oauth2/v2.0/logout`,
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "tid", "ver"],
    tenant_region_scope: "AS",
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
    rbac_url: "https://pas.windows.net",
  };
}

function instanceDiscovery(req: SimRequest): SimResponse {
  const host = new URL(req.baseUrl).host;
  return json(200, {
    tenant_discovery_endpoint: `${req.baseUrl}/{tenant}/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  });
}

export function aadError(status: number, error: string, code: number, description: string, headers?: Record<string, string>): SimResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  return json(status, {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  }, headers);
}

function faultAnswer(fault: ActiveFault, _req: SimRequest): SimResponse {
  if (fault.kind === "throttle") {
    const retry = String(fault.retryAfterSeconds ?? 1);
    return aadError(429, "temporarily_unavailable", 50196, "The server terminated an operation because it encountered a client request loop.", { "retry-after": retry });
  }
  return aadError(fault.status ?? 500, "temporarily_unavailable", 90033, "A transient error has occurred. Please try again.");
}
