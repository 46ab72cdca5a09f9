import type { z } from "zod";
import { ProviderError } from "./errors";

// An account's stored settings, endpoints or credentials, read with its cloud's schema at the moment a
// provider is built: a row that no longer fits (edited by hand, written by an older version) fails
// with what is missing and how to fix it, as `invalid_request`, before any call to the cloud.

export function parseAccountPart<T>(cloudLabel: string, what: "settings" | "endpoints" | "credentials", schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`).join("; ");
  throw new ProviderError("invalid_request", `This ${cloudLabel} account's ${what} are incomplete (${detail}). Edit the account and fill them in.`, {
    providerCode: "InvalidAccountSettings",
  });
}
