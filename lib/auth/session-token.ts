import { createHash } from "node:crypto";

/**
 * What the sessions table keeps instead of the cookie's token: its SHA-256 in hex, so a read of the
 * database (a backup, a replica, an SQL injection elsewhere) yields no usable session. The hardening
 * migration hashed existing rows with `encode(sha256(convert_to(token, 'UTF8')), 'hex')`: the same digest.
 */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
