import { db } from "@/lib/db/client";
import type { AzureCredentials, AzureEndpoints, AzureSettings } from "@/lib/providers/azure/settings";
import { sealCredentials } from "./credentials";

// Demo mode puts the simulator's accounts in the catalog, badged as simulated. Created once; later
// starts only refresh the endpoints and secrets, which change with the simulator's port and seed.

export interface DemoAccount {
  name: string;
  cloud: "azure";
  settings: AzureSettings;
  endpoints: AzureEndpoints;
  credentials: AzureCredentials;
}

export async function seedDemoAccounts(accounts: DemoAccount[], encryptionKey: string): Promise<void> {
  for (const account of accounts) {
    const sealed = sealCredentials(account.credentials, encryptionKey);
    const fields = { settings: account.settings, endpoints: account.endpoints, credentialsCipher: sealed.cipher, credentialsKeyId: sealed.keyId };
    await db().cloudAccount.upsert({
      where: { name: account.name },
      create: { name: account.name, cloud: account.cloud, isDemo: true, ...fields },
      update: fields,
    });
  }
}
