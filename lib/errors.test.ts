import { describe, expect, it } from "vitest";
import { AppError, HTTP_STATUS, toAppError } from "./errors";
import { ProviderError, type ProviderErrorKind } from "./providers/errors";

function mapped(kind: ProviderErrorKind, retryAfterSeconds: number | null = null) {
  const error = toAppError(new ProviderError(kind, "What the cloud said. What to fix.", { retryAfterSeconds }), "Lab did not start nightly") as AppError;
  return { code: error.code, status: HTTP_STATUS[error.code], message: error.message, retryAfterSeconds: error.retryAfterSeconds };
}

describe("toAppError", () => {
  it("gives each provider error kind its own status, keeping the provider's message after the lead", () => {
    const message = "Lab did not start nightly: What the cloud said. What to fix.";
    expect(mapped("bad_credentials")).toEqual({ code: "cloud_credentials", status: 401, message, retryAfterSeconds: undefined });
    expect(mapped("permission_denied")).toEqual({ code: "cloud_permission", status: 403, message, retryAfterSeconds: undefined });
    expect(mapped("not_found")).toEqual({ code: "not_found", status: 404, message, retryAfterSeconds: undefined });
    expect(mapped("unreachable")).toEqual({ code: "unreachable", status: 503, message, retryAfterSeconds: undefined });
    expect(mapped("invalid_request")).toEqual({ code: "upstream", status: 502, message, retryAfterSeconds: undefined });
  });

  it("maps throttling to 429 with the cloud's wait, or a minute when it named none", () => {
    expect(mapped("throttled", 17)).toEqual({ code: "throttled", status: 429, message: "Lab did not start nightly: What the cloud said. What to fix.", retryAfterSeconds: 17 });
    expect(mapped("throttled").retryAfterSeconds).toBe(60);
  });

  it("leaves anything that is not a cloud failure as it is", () => {
    const bug = new TypeError("x is undefined");
    const own = new AppError("conflict", "Taken.");
    expect(toAppError(bug)).toBe(bug);
    expect(toAppError(own)).toBe(own);
    expect((toAppError(new ProviderError("not_found", "Gone.")) as AppError).message).toBe("Gone.");
  });
});
