import type { z } from "zod";
import type { CloudAccount } from "@/lib/db/generated/client";
import type { Cloud, CloudProvider, ProviderAccount } from "@/lib/providers/types";
import { createProvider } from "@/lib/providers/registry";
import { azureCredentialsSchema, azureEndpointsSchema, azureSettingsSchema } from "@/lib/providers/azure/settings";
import { openCredentials, type Keyring } from "./credentials";
import { keyringFromEnv } from "./keyring";

// A catalog row → what a provider needs: settings and endpoints validated, credentials decrypted.
// A row that no longer matches its cloud's schema fails here with zod's explanation, not at the cloud.

interface AccountSchemas {
  settings: z.ZodType;
  endpoints: z.ZodType;
  credentials: z.ZodType;
}

const SCHEMAS: Partial<Record<Cloud, AccountSchemas>> & { azure: AccountSchemas } = {
  azure: { settings: azureSettingsSchema, endpoints: azureEndpointsSchema, credentials: azureCredentialsSchema },
};

function accountSchemas(cloud: Cloud): AccountSchemas | null {
  return SCHEMAS[cloud] ?? null;
}

export type AccountRow = Pick<CloudAccount, "id" | "cloud" | "name" | "settings" | "endpoints" | "credentialsCipher" | "credentialsKeyId">;

export function providerAccountFor(row: AccountRow, keyring: Keyring): ProviderAccount {
  const schemas = accountSchemas(row.cloud);
  if (!schemas) throw new Error(`${row.name}: ${row.cloud} accounts are not supported by this version of Batchdeck.`);
  const credentials =
    row.credentialsCipher && row.credentialsKeyId
      ? schemas.credentials.parse(
          openCredentials({ cipher: new Uint8Array(row.credentialsCipher), keyId: row.credentialsKeyId }, { accountId: row.id, cloud: row.cloud }, keyring).credentials,
        )
      : null;
  return {
    id: row.id,
    cloud: row.cloud,
    name: row.name,
    settings: schemas.settings.parse(row.settings),
    endpoints: row.endpoints === null ? null : schemas.endpoints.parse(row.endpoints),
    credentials,
  };
}

/** The provider for a catalog account, with this installation's encryption key. */
export function providerFor(row: AccountRow): CloudProvider {
  return createProvider(providerAccountFor(row, keyringFromEnv()));
}
