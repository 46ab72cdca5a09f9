// What Batchdeck limits, and how much. Counted in Postgres (lib/rate-limit/hit.ts) so a limit holds
// across every app instance behind one URL, not per process.

export interface RateLimit {
  /** Requests allowed in one window. */
  limit: number;
  windowSeconds: number;
  /** Said to the user with the wait, e.g. "Too many sign-in attempts". */
  what: string;
}

export const RATE_LIMITS = {
  /** Sign-in attempts per email: a password-less sign-in still must not be a free oracle or an audit flood. */
  signInEmail: { limit: 10, windowSeconds: 15 * 60, what: "Too many sign-in attempts for this email" },
  /** Sign-in attempts per client address, whatever email they name. */
  signInAddress: { limit: 30, windowSeconds: 15 * 60, what: "Too many sign-in attempts from your network" },
  /** Server actions (run, stop, redeploy, invite, …) per member. */
  action: { limit: 30, windowSeconds: 60, what: "Too many actions in a short time" },
  /** Reads through the HTTP API (/api/audit) per member: generous, but a script in a loop is not free. */
  apiRead: { limit: 300, windowSeconds: 60, what: "Too many API requests in a short time" },
  /** Run-history exports per member: each streams up to the account's whole history out of Postgres. */
  export: { limit: 10, windowSeconds: 10 * 60, what: "Too many exports in a short time" },
  /** Log reads per member: each one is a call to a cloud's log API, which has its own quota. */
  logRead: { limit: 60, windowSeconds: 60, what: "Too many log reads in a short time" },
} as const satisfies Record<string, RateLimit>;

export type RateLimitName = keyof typeof RATE_LIMITS;
