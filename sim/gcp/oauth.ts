import { parseBodyForLog, type SimRequest, type SimResponse } from "../core/http";
import { json } from "../core/http";
import type { SimHttpService } from "../core/service";
import type { GcpCloud } from "./cloud";
import { oauthError } from "./errors";

// Google's OAuth 2.0 token endpoint for service accounts: the JWT-bearer grant (RFC 7523) with an RS256
// assertion the key signs (https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests).
// Served at /token, the path of https://oauth2.googleapis.com/token, which a key's token_uri names.

const GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

export function oauthService(cloud: GcpCloud, tokenUri: () => string): SimHttpService {
  return {
    name: "oauth2",
    prefix: "",
    accepts: (path) => path === "/token",
    accountOf: (req) => projectOfAssertion(cloud, req),
    handle: (req) => token(cloud, req, tokenUri()),
    faultResponse: (fault) => (fault.kind === "throttle" ? oauthError(429, "rate_limit_exceeded", "Rate limit exceeded.") : json(fault.status ?? 500, { error: "internal_failure", error_description: "Backend error." })),
  };
}

function form(req: SimRequest): Record<string, string> {
  const parsed = parseBodyForLog(req.rawBody, req.headers["content-type"] ?? "application/x-www-form-urlencoded");
  return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, string>) : {};
}

function token(cloud: GcpCloud, req: SimRequest, tokenUri: string): SimResponse {
  if (req.method !== "POST") return oauthError(405, "invalid_request", "Method not allowed.");
  const { grant_type: grantType, assertion } = form(req);
  if (grantType !== GRANT) return oauthError(400, "unsupported_grant_type", "Invalid grant_type: " + (grantType ?? ""));
  if (!assertion) return oauthError(400, "invalid_request", "Missing required parameter: assertion");
  const verified = cloud.keys.verifyJwt(assertion);
  // Google's answers (RFC 6749 §5.2 shape, Google's descriptions).
  switch (verified) {
    case "malformed":
      return oauthError(400, "invalid_grant", "Invalid JWT Signature.");
    case "unknown_key":
    case "bad_signature":
    case "revoked_key":
      // A deleted key fails like a wrong one: Google no longer knows the key id.
      return oauthError(400, "invalid_grant", "Invalid JWT Signature.");
    case "expired":
    case "not_yet_valid":
      return oauthError(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.");
    default:
      break;
  }
  const { claims, key } = verified;
  // The audience is Google's token URL (what google-auth-library signs) or the key's own token_uri.
  if (claims.aud !== "https://oauth2.googleapis.com/token" && claims.aud !== tokenUri) return oauthError(400, "invalid_grant", "Invalid JWT audience.");
  if (claims.iss !== key.email) return oauthError(400, "invalid_grant", "Invalid JWT: iss does not match the key's service account.");
  if (typeof claims.scope !== "string" && typeof claims.target_audience !== "string") return oauthError(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.");
  return json(200, cloud.keys.grant(key));
}

function projectOfAssertion(cloud: GcpCloud, req: SimRequest): string | null {
  const assertion = form(req).assertion;
  if (!assertion) return null;
  const verified = cloud.keys.verifyJwt(assertion);
  return typeof verified === "string" ? null : verified.key.projectId;
}
