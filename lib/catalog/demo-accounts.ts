import { randomUUID } from "node:crypto";
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
    // The id is bound into the sealed credentials, so it is known before the row is written.
    const existing = await db().cloudAccount.findUnique({ where: { name: account.name }, select: { id: true } });
    const id = existing?.id ?? randomUUID();
    const sealed = sealCredentials(account.credentials, { accountId: id, cloud: account.cloud }, encryptionKey);
    const fields = { settings: account.settings, endpoints: account.endpoints, credentialsCipher: sealed.cipher, credentialsKeyId: sealed.keyId };
    await db().cloudAccount.upsert({
      where: { name: account.name },
      create: { id, name: account.name, cloud: account.cloud, isDemo: true, ...fields },
      update: fields,
    });
  }
}
