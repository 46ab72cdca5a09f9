import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";

await useTestDatabase();
const { hitRateLimit, enforceRateLimit, waitInWords } = await import("./hit");
const { RATE_LIMITS } = await import("./limits");

describe("rate limits in Postgres", () => {
  it("allows the limit in one window, refuses the next with the seconds left, and starts again in the next window", async () => {
    const { limit, windowSeconds } = RATE_LIMITS.action;
    const start = new Date(Math.ceil(Date.now() / (windowSeconds * 1000)) * windowSeconds * 1000);
    const at = new Date(start.getTime() + 15_000);
    for (let i = 1; i <= limit; i++) expect(await hitRateLimit("action", "member-1", at)).toEqual({ allowed: true, retryAfterSeconds: 0, count: i });
    expect(await hitRateLimit("action", "member-1", at)).toEqual({ allowed: false, retryAfterSeconds: windowSeconds - 15, count: limit + 1 });
    expect((await hitRateLimit("action", "member-2", at)).allowed).toBe(true);
    const next = new Date(start.getTime() + windowSeconds * 1000);
    expect(await hitRateLimit("action", "member-1", next)).toEqual({ allowed: true, retryAfterSeconds: 0, count: 1 });
  });

  it("counts concurrent requests exactly once each", async () => {
    const at = new Date();
    const decisions = await Promise.all(Array.from({ length: 40 }, () => hitRateLimit("logRead", "busy-member", at)));
    expect(decisions.map((d) => d.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it("refuses with a 429 error that says when to come back", async () => {
    const at = new Date(Math.floor(Date.now() / 900_000) * 900_000);
    for (let i = 0; i < RATE_LIMITS.signInEmail.limit; i++) await enforceRateLimit("signInEmail", "Ada@Lab.test", at);
    await expect(enforceRateLimit("signInEmail", "ada@lab.test", at)).rejects.toMatchObject({
      code: "rate_limited",
      retryAfterSeconds: 900,
      message: "Too many sign-in attempts for this email. Try again in 15 min.",
    });
  });
});

describe("waitInWords", () => {
  it("says seconds under a minute and whole minutes, rounded up, from one minute on", () => {
    expect([1, 59, 60, 61, 900].map(waitInWords)).toEqual(["1 s", "59 s", "1 min", "2 min", "15 min"]);
  });
});
