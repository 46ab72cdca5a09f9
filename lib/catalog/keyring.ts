import { serverEnv } from "@/lib/env";
import type { Keyring } from "./credentials";

/** This installation's keys: BATCHDECK_ENCRYPTION_KEY seals; BATCHDECK_ENCRYPTION_KEY_PREVIOUS, when set, still opens. */
export function keyringFromEnv(): Keyring {
  const env = serverEnv();
  if (!env.BATCHDECK_ENCRYPTION_KEY) throw new Error("BATCHDECK_ENCRYPTION_KEY is not set: set 32 random bytes in base64 (`openssl rand -base64 32`).");
  return { current: env.BATCHDECK_ENCRYPTION_KEY, previous: env.BATCHDECK_ENCRYPTION_KEY_PREVIOUS ?? null };
}
