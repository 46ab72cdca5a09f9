import type { EnvVars } from "./types";
import { REQUEST_KEY_ENV } from "./types";

// Which batch a run belongs to is read from an env var (seed 003 uses `batch=no1`, our docs `BATCH`).
// A job may name its own variable; otherwise these two spellings are recognised, in this order.
export const DEFAULT_BATCH_ENV_NAMES = ["BATCH", "batch"] as const;

export function batchFromEnv(env: EnvVars, batchEnvName?: string | null): string | null {
  const names = batchEnvName ? [batchEnvName] : DEFAULT_BATCH_ENV_NAMES;
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== "") return value;
  }
  return null;
}

export function requestKeyFromEnv(env: EnvVars): string | null {
  const value = env[REQUEST_KEY_ENV];
  return value ? value : null;
}

/** The entries of `run` that differ from the job's own env; null when the run changed nothing. */
export function envOverrides(jobEnv: EnvVars, run: EnvVars): EnvVars | null {
  const changed: EnvVars = {};
  for (const [name, value] of Object.entries(run)) {
    if (jobEnv[name] !== value) changed[name] = value;
  }
  return Object.keys(changed).length > 0 ? changed : null;
}
