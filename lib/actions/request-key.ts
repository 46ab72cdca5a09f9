import { randomBytes } from "node:crypto";

/** A fresh request key for a form rendered on the server (see lib/services/executions/schemas.ts). */
export function newRequestKey(): string {
  return randomBytes(16).toString("hex");
}
