import type { z } from "zod";
import type { CloudAccount } from "@/lib/db/generated/client";
import type { CloudProvider, ProviderAccount } from "@/lib/providers/types";
import { createProvider, descriptorOf, unsupportedReason } from "@/lib/providers/registry";
import { openCredentials, type Keyring } from "./credentials";
import { keyringFromEnv } from "./keyring";

// A catalog row → what a provider needs: settings and endpoints validated, credentials decrypted.
// A row that no longer matches its cloud's schema fails here, saying which field and how to mend it,
// not at the cloud.

export type AccountRow = Pick<CloudAccount, "id" | "cloud" | "name" | "settings" | "endpoints" | "credentialsCipher" | "credentialsKeyId">;

export function providerAccountFor(row: AccountRow, keyring: Keyring): ProviderAccount {
  const descriptor = descriptorOf(row.cloud);
  if (!descriptor) throw new Error(`${row.name}: ${unsupportedReason(row.cloud)}`);
  /** The saved value read by its cloud's schema, or an error naming the account, the fields and the fix. */
  const read = <T>(schema: z.ZodType<T>, value: unknown, what: string): T => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || what}: ${i.message}`).join("; ");
    throw new Error(`${row.name}: its saved ${what} are not what ${descriptor.label} needs (${problems}). Edit the account on the Accounts page and save it again.`);
  };
  const credentials =
    row.credentialsCipher && row.credentialsKeyId
      ? read(
          descriptor.credentials,
          openCredentials({ cipher: new Uint8Array(row.credentialsCipher), keyId: row.credentialsKeyId }, { accountId: row.id, cloud: row.cloud }, keyring).credentials,
          "credentials",
        )
      : null;
  return {
    id: row.id,
    cloud: row.cloud,
    name: row.name,
    settings: read(descriptor.settings, row.settings, "settings"),
    endpoints: row.endpoints === null ? null : read(descriptor.endpoints, row.endpoints, "endpoints"),
    credentials,
  };
}

/** The provider for a catalog account, with this installation's encryption key. */
export function providerFor(row: AccountRow): CloudProvider {
  return createProvider(providerAccountFor(row, keyringFromEnv()));
}
