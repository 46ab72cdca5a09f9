import { describe, expect, it } from "vitest";
import { ProviderError } from "./errors";
import { callTimeoutMs, formatSeconds, isOutcomeUnknown, mayHaveBeenDelivered, OutcomeUnknown, withTimeout } from "./timeout";

describe("per-call deadline", () => {
  it("answers unreachable at the deadline and aborts the call", async () => {
    let aborted = false;
    const started = Date.now();
    const error = await withTimeout("Azure Resource Manager", 50, (signal) => {
      signal.addEventListener("abort", () => (aborted = true));
      return new Promise(() => {}); // never answers, like a hung server
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(aborted).toBe(true);
    expect(error).toMatchObject({ kind: "unreachable", message: expect.stringMatching(/^Azure Resource Manager did not answer within 0.05 s\./) });
  });

  it("passes results and errors through", async () => {
    await expect(withTimeout("x", 1000, async () => 42)).resolves.toBe(42);
    await expect(withTimeout("x", 1000, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  });

  it("defaults to 5 s and honours account.timeoutMs", () => {
    expect(callTimeoutMs({})).toBe(5000);
    expect(callTimeoutMs({ timeoutMs: 1500 })).toBe(1500);
    expect(callTimeoutMs({ timeoutMs: -1 })).toBe(5000);
    expect(formatSeconds(5000)).toBe("5 s");
    expect(formatSeconds(1500)).toBe("1.5 s");
  });
});

describe("may a failed request have reached the cloud?", () => {
  it("yes after a deadline or a broken connection; no when it was never sent or the cloud answered", () => {
    const unreachable = (code: string) => new ProviderError("unreachable", "x", { providerCode: code });
    const verdicts = ["Timeout", "Aborted", "ECONNRESET", "NetworkError", "ECONNREFUSED", "ENOTFOUND", "DEPTH_ZERO_SELF_SIGNED_CERT", "AuthorityUnreachable", "InternalServerError"].map((code) => [code, mayHaveBeenDelivered(unreachable(code))]);
    expect(verdicts).toEqual([
      ["Timeout", true],
      ["Aborted", true],
      ["ECONNRESET", true],
      ["NetworkError", true],
      ["ECONNREFUSED", false],
      ["ENOTFOUND", false],
      ["DEPTH_ZERO_SELF_SIGNED_CERT", false],
      ["AuthorityUnreachable", false],
      ["InternalServerError", false],
    ]);
    expect(mayHaveBeenDelivered(new ProviderError("throttled", "x", { providerCode: "Timeout" }))).toBe(false);
    expect(mayHaveBeenDelivered(new Error("Timeout"))).toBe(false);
  });

  it("marks an unknown outcome so services can tell it from a failure", () => {
    const unknown = new OutcomeUnknown("Azure did not answer the start of j in time.", null);
    expect([isOutcomeUnknown(unknown), unknown.kind, unknown.providerCode]).toEqual([true, "unreachable", "OutcomeUnknown"]);
    expect(isOutcomeUnknown(new ProviderError("unreachable", "x", { providerCode: "Timeout" }))).toBe(false);
  });
});
