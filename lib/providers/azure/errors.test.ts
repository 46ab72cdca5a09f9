import { describe, expect, it } from "vitest";
import { RestError, createHttpHeaders, createPipelineRequest } from "@azure/core-rest-pipeline";
import { AuthenticationError, CredentialUnavailableError } from "@azure/identity";
import { ProviderError } from "../errors";
import { parseRetryAfter } from "../http-errors";
import { toProviderError } from "./errors";

function restError(status: number, body: { code: string; message: string } | null, headers: Record<string, string> = {}) {
  const request = createPipelineRequest({ url: "https://management.azure.com/x" });
  return new RestError(body?.message ?? `HTTP ${status}`, {
    statusCode: status,
    code: body?.code,
    request,
    response: { status, headers: createHttpHeaders(headers), request, bodyAsText: body ? JSON.stringify({ error: body }) : "" },
  });
}

describe("Azure error mapping", () => {
  it("429 with Retry-After: 2 is throttled for 2 s", () => {
    const e = toProviderError(restError(429, { code: "TooManyRequests", message: "slow down" }, { "retry-after": "2" }));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e.kind).toBe("throttled");
    expect(e.retryAfterSeconds).toBe(2);
    expect(e.message).toMatch(/Try again in 2 s/);
    expect(e.providerCode).toBe("TooManyRequests");
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it.each([
    [401, "InvalidAuthenticationToken", "bad_credentials"],
    [403, "AuthorizationFailed", "permission_denied"],
    [404, "ResourceGroupNotFound", "not_found"],
    [400, "InvalidRequestContent", "invalid_request"],
    [409, "Conflict", "invalid_request"],
    [500, "InternalServerError", "unreachable"],
    [503, "ServiceUnavailable", "unreachable"],
  ] as const)("HTTP %i %s → %s", (status, code, kind) => {
    const e = toProviderError(restError(status, { code, message: "m" }));
    expect(e.kind).toBe(kind);
    expect(e.providerCode).toBe(code);
    expect(e.message).toContain(code);
  });

  it("a wrong client secret is bad_credentials naming the AADSTS code", () => {
    const e = toProviderError(
      new AuthenticationError(401, {
        error: "invalid_client",
        error_description: "AADSTS7000215: Invalid client secret provided.",
      }),
    );
    expect(e.kind).toBe("bad_credentials");
    expect(e.providerCode).toBe("AADSTS7000215");
    expect(e.message).toMatch(/client secret is wrong/);
  });

  it("no managed identity on this host is bad_credentials with what to do", () => {
    const e = toProviderError(new CredentialUnavailableError("ManagedIdentityCredential: no endpoint"));
    expect(e.kind).toBe("bad_credentials");
    expect(e.message).toMatch(/service principal/);
  });

  it("an authority host that can't be reached is unreachable, not a credentials problem", () => {
    const e = toProviderError(new CredentialUnavailableError("endpoints_resolution_error: See https://aka.ms/msal.js.errors#endpoints_resolution_error for details"));
    expect(e.kind).toBe("unreachable");
    expect(e.message).toMatch(/authority host/);
  });

  it("connection refused and untrusted TLS are unreachable", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(toProviderError(new RestError("send failed", { code: "REQUEST_SEND_ERROR", cause: refused } as never)).kind).toBe("unreachable");
    const fetchFailed = new TypeError("fetch failed", { cause: Object.assign(new Error("self-signed"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }) });
    const tls = toProviderError(fetchFailed, "Azure Log Analytics");
    expect(tls.kind).toBe("unreachable");
    expect(tls.message).toMatch(/NODE_EXTRA_CA_CERTS/);
  });

  it("passes a ProviderError through unchanged", () => {
    const original = new ProviderError("not_found", "gone");
    expect(toProviderError(original)).toBe(original);
  });

  it("rethrows what is not a cloud or network failure, instead of blaming the cloud", () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'template')");
    expect(() => toProviderError(bug)).toThrow(bug);
  });
});
