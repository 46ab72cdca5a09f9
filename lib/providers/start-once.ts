import { isOutcomeUnknown, type OutcomeUnknown } from "./timeout";
import type { StartedExecution } from "./types";

// Starting a run exactly once per request key, the same way on every cloud: look for a run carrying
// the key, start one if there is none, and when the start's outcome is unknown (a deadline, a reset
// connection after the request may have arrived) look once more before leaving it in doubt for the
// sync to settle (lib/services/executions/in-doubt.ts).

export interface StartOnce {
  /** The provider id of a run already carrying the request key, or null. */
  find(): Promise<string | null>;
  /** Starts the run; resolves to its provider id. */
  start(): Promise<string>;
  /** The error as an unknown outcome when the request may have reached the cloud, else null (default: OutcomeUnknown as it is). */
  inDoubt?(error: unknown): OutcomeUnknown | null;
}

export async function startOnce({ find, start, inDoubt = (error) => (isOutcomeUnknown(error) ? error : null) }: StartOnce): Promise<StartedExecution> {
  const existing = await find();
  if (existing) return { providerId: existing, alreadyStarted: true };
  try {
    return { providerId: await start(), alreadyStarted: false };
  } catch (error) {
    const unknown = inDoubt(error);
    if (!unknown) throw error;
    // One look before leaving it in doubt: if the cloud already lists the run, the outcome is known.
    const found = await find().catch(() => null);
    if (found) return { providerId: found, alreadyStarted: true };
    throw unknown;
  }
}
