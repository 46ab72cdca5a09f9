import { describe, expect, it } from "vitest";
import { ProviderError } from "./errors";
import { startOnce } from "./start-once";
import { OutcomeUnknown } from "./timeout";

const lookups = (...answers: (string | null)[]) => {
  const calls: number[] = [];
  return { calls, find: async () => (calls.push(1), answers.shift() ?? null) };
};

describe("startOnce", () => {
  it("returns the run already carrying the key without starting another", async () => {
    const { find } = lookups("run-1");
    let started = 0;
    expect(await startOnce({ find, start: async () => (started++, "run-2") })).toEqual({ providerId: "run-1", alreadyStarted: true });
    expect(started).toBe(0);
  });

  it("starts one when none carries the key", async () => {
    expect(await startOnce({ find: lookups(null).find, start: async () => "run-2" })).toEqual({ providerId: "run-2", alreadyStarted: false });
  });

  it("looks once more when the outcome is unknown, and leaves it in doubt when the cloud lists nothing", async () => {
    const doubt = new OutcomeUnknown("no answer in time", new Error("timeout"));
    expect(await startOnce({ find: lookups(null, "run-3").find, start: () => Promise.reject(doubt) })).toEqual({ providerId: "run-3", alreadyStarted: true });
    await expect(startOnce({ find: lookups(null, null).find, start: () => Promise.reject(doubt) })).rejects.toBe(doubt);
  });

  it("turns a cloud's delivered-maybe error into an unknown outcome when told how, and rethrows other failures at once", async () => {
    const reset = new ProviderError("unreachable", "reset");
    const inDoubt = (error: unknown) => (error === reset ? new OutcomeUnknown("may have started", reset) : null);
    await expect(startOnce({ find: lookups(null, null).find, start: () => Promise.reject(reset), inDoubt })).rejects.toBeInstanceOf(OutcomeUnknown);
    const refused = new ProviderError("permission_denied", "no");
    const { find, calls } = lookups(null);
    await expect(startOnce({ find, start: () => Promise.reject(refused), inDoubt })).rejects.toBe(refused);
    expect(calls).toHaveLength(1);
  });
});
