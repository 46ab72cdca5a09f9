import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { hitRateLimit, type RateLimitDecision } from "@/lib/rate-limit/hit";
import { RATE_LIMITS, type RateLimitName } from "@/lib/rate-limit/limits";
import type { Admission } from "./admission";
import { currentClientAddress } from "./client-address";

/** The `error` /signin shows as "Too many sign-in attempts. Try again in N min." */
export const SIGN_IN_LIMITED = "TooManyAttempts";

type Refusal = Extract<Admission, { admitted: false }>["reason"];

/**
 * Where a refused sign-in goes, counted against the limits per client address and per email. Only refused
 * sign-ins are counted: a member Google has just vouched for is let in whatever their address, so a
 * neighbour behind the same NAT (or a client claiming that address, see client-address.ts) can't lock the
 * lab out, while the cost of refusals (an audit row each, and the answer to "is this email admitted?") is
 * bounded. Each refusal under the limits is audited; past a limit one row says so and the rest are not
 * written, so anonymous refusals cannot grow the audit log without bound.
 */
export async function refuseSignIn(email: string, reason: Refusal): Promise<string> {
  const address = currentClientAddress();
  const limited = (await overLimit("signInAddress", address)) ?? (await overLimit("signInEmail", email));
  if (limited) {
    if (limited.decision.count === RATE_LIMITS[limited.name].limit + 1) {
      await recordAudit(db(), {
        actor: { id: null, email },
        action: "auth.sign_in",
        result: "denied",
        targetType: "user",
        target: email,
        detail: { reason: "rate_limited", limit: limited.name, address },
      });
    }
    return `/signin?error=${SIGN_IN_LIMITED}&wait=${Math.ceil(limited.decision.retryAfterSeconds / 60)}`;
  }
  await recordAudit(db(), { actor: { id: null, email }, action: "auth.sign_in", result: "denied", targetType: "user", target: email, detail: { reason } });
  return `/denied?email=${encodeURIComponent(email)}&reason=${reason}`;
}

async function overLimit(name: RateLimitName, subject: string): Promise<{ name: RateLimitName; decision: RateLimitDecision } | undefined> {
  const decision = await hitRateLimit(name, subject);
  return decision.allowed ? undefined : { name, decision };
}
