// Env values Batchdeck shows or audits, with secrets left out. Viewers read runs and the audit log,
// and an override like DB_PASSWORD=… must not reach them. Only what is stored for display or audit
// passes through here; what is sent to the cloud keeps the real value.

/** Names that look like they hold a secret: *SECRET*, *TOKEN*, *PASSWORD*, *KEY*, any case. */
const SECRET_NAME = /secret|token|password|key/i;

export const REDACTED = "[redacted]";

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The same env with the value of every secret-looking name replaced by "[redacted]". */
export function redactEnv<T extends Record<string, string> | null>(env: T): T {
  if (env === null) return env;
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, isSecretName(name) ? REDACTED : value])) as T;
}
