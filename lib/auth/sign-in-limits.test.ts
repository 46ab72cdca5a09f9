import { beforeEach, describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "@/test/support/database";
import { RATE_LIMITS } from "@/lib/rate-limit/limits";

useDemoEnv({ OWNER_EMAILS: "owner@lab.test", ALLOWED_EMAIL_DOMAINS: "" });
await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { authOptions } = await import("./options");
const { withClientAddress } = await import("./client-address");

/** next-auth's signIn callback as the auth route runs it: inside the request's client address. */
function signIn(email: string, address: string) {
  const callback = authOptions().callbacks!.signIn!;
  return withClientAddress(address, () =>
    callback({ user: { id: email, email }, account: null, profile: { email, email_verified: true } as never }),
  );
}

const denied = (email: string) => `/denied?email=${encodeURIComponent(email)}&reason=not_invited`;
const LIMITED = /^\/signin\?error=TooManyAttempts&wait=(\d+)$/;

beforeEach(async () => {
  // Fixed 15-minute windows: don't start a test a few seconds before one ends.
  const left = RATE_LIMITS.signInEmail.windowSeconds * 1000 - (Date.now() % (RATE_LIMITS.signInEmail.windowSeconds * 1000));
  if (left < 20_000) await new Promise((r) => setTimeout(r, left + 100));
  await db().rateLimit.deleteMany();
  await db().auditEvent.deleteMany();
});

/** The sign-in audit rows about `email`, in a stable order (several can share a millisecond). */
async function auditRows(email: string) {
  const rows = await db().auditEvent.findMany({ where: { action: "auth.sign_in", target: email }, select: { result: true, detail: true } });
  const reason = (r: { detail: unknown }) => String((r.detail as { reason?: string } | null)?.reason);
  return rows.sort((a, b) => reason(a).localeCompare(reason(b)));
}

describe("sign-in rate limits", () => {
  it("per email: refusals are audited up to the limit, the next attempt is told to wait, and one row says so", async () => {
    const email = "stranger@elsewhere.org";
    for (let i = 0; i < RATE_LIMITS.signInEmail.limit; i++) expect(await signIn(email, `203.0.113.${i}`)).toBe(denied(email));
    for (let i = 0; i < 5; i++) {
      const answer = String(await signIn(email, "203.0.113.200"));
      expect(answer).toMatch(LIMITED);
      expect(Number(LIMITED.exec(answer)![1])).toBeGreaterThanOrEqual(1);
      expect(Number(LIMITED.exec(answer)![1])).toBeLessThanOrEqual(15);
    }
    expect(await auditRows(email)).toEqual([
      ...Array.from({ length: RATE_LIMITS.signInEmail.limit }, () => ({ result: "denied", detail: { reason: "not_invited" } })),
      { result: "denied", detail: { reason: "rate_limited", limit: "signInEmail", address: "203.0.113.200" } },
    ]);
  });

  it("per address: many emails from one address are cut off at the limit, without an audit row each", async () => {
    const address = "198.51.100.7";
    for (let i = 0; i < RATE_LIMITS.signInAddress.limit; i++) expect(await signIn(`s${i}@elsewhere.org`, address)).toBe(denied(`s${i}@elsewhere.org`));
    for (let i = 0; i < 5; i++) expect(String(await signIn(`late${i}@elsewhere.org`, address))).toMatch(LIMITED);
    expect(await db().auditEvent.count({ where: { action: "auth.sign_in", result: "denied" } })).toBe(RATE_LIMITS.signInAddress.limit + 1);
    // Another address is not affected.
    expect(await signIn("late0@elsewhere.org", "198.51.100.8")).toBe(denied("late0@elsewhere.org"));
  });

  it("never locks out a member: admitted sign-ins are let in and not counted, whatever the address", async () => {
    await db().user.create({ data: { email: "op@lab.test", role: "operator" } });
    const address = "192.0.2.44";
    for (let i = 0; i <= RATE_LIMITS.signInAddress.limit; i++) await signIn(`x${i}@elsewhere.org`, address);
    expect(String(await signIn("x0@elsewhere.org", address))).toMatch(LIMITED);
    for (let i = 0; i <= RATE_LIMITS.signInEmail.limit; i++) expect(await signIn("op@lab.test", address)).toBe(true);
    expect(await db().rateLimit.count({ where: { key: { startsWith: "signInEmail:op@" } } })).toBe(0);
  });
});
