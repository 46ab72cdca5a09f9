import type { CloudAccount } from "@/lib/db/generated/client";
import type { CloudProvider, ProviderAccount } from "@/lib/providers/types";
import { createProvider, descriptorOf, unsupportedReason } from "@/lib/providers/registry";
import { openCredentials, type Keyring } from "./credentials";
import { keyringFromEnv } from "./keyring";

// A catalog row → what a provider needs: settings and endpoints validated, credentials decrypted.
// A row that no longer matches its cloud's schema fails here with zod's explanation, not at the cloud.

export type AccountRow = Pick<CloudAccount, "id" | "cloud" | "name" | "settings" | "endpoints" | "credentialsCipher" | "credentialsKeyId">;

export function providerAccountFor(row: AccountRow, keyring: Keyring): ProviderAccount {
  const descriptor = descriptorOf(row.cloud);
  if (!descriptor) throw new Error(`${row.name}: ${unsupportedReason(row.cloud)}`);
  const credentials =
    row.credentialsCipher && row.credentialsKeyId
      ? descriptor.credentials.parse(
          openCredentials({ cipher: new Uint8Array(row.credentialsCipher), keyId: row.credentialsKeyId }, { accountId: row.id, cloud: row.cloud }, keyring).credentials,
        )
      : null;
  return {
    id: row.id,
    cloud: row.cloud,
    name: row.name,
    settings: descriptor.settings.parse(row.settings),
    endpoints: row.endpoints === null ? null : descriptor.endpoints.parse(row.endpoints),
    credentials,
  };
}

/** The provider for a catalog account, with this installation's encryption key. */
export function providerFor(row: AccountRow): CloudProvider {
  return createProvider(providerAccountFor(row, keyringFromEnv()));
}
