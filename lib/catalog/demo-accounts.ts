import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db, type PrismaClient } from "@/lib/db/client";
import { descriptorOf, unsupportedReason } from "@/lib/providers/registry";
import { CLOUDS } from "@/lib/providers/types";
import { sealCredentials } from "./credentials";

// Demo mode puts the simulator's accounts in the catalog, badged as simulated. Created once; later
// starts only refresh the endpoints and secrets, which change with the simulator's port and seed.

/** Plain data from the simulator (sim/core/cloud.ts SimCatalogAccount), checked here like a form's. */
export interface DemoAccount {
  name: string;
  cloud: string;
  settings: unknown;
  endpoints: unknown;
  credentials: unknown;
}

export async function seedDemoAccounts(accounts: DemoAccount[], encryptionKey: string, client: PrismaClient = db()): Promise<void> {
  for (const account of accounts) {
    // Checked against the cloud's own schemas, as an account added on the form is.
    const known = z.enum(CLOUDS).safeParse(account.cloud);
    const descriptor = known.success ? descriptorOf(known.data) : null;
    if (!known.success || !descriptor) {
      throw new Error(`The simulator's account ${account.name} is of a cloud this build cannot add: ${known.success ? unsupportedReason(known.data) : account.cloud}`);
    }
    const cloud = known.data;
    const settings = descriptor.settings.parse(account.settings) as object;
    const endpoints = descriptor.endpoints.parse(account.endpoints) as object;
    const credentials = descriptor.credentials.parse(account.credentials);
    // The id is bound into the sealed credentials, so it is known before the row is written.
    const existing = await client.cloudAccount.findUnique({ where: { name: account.name }, select: { id: true } });
    const id = existing?.id ?? randomUUID();
    const sealed = sealCredentials(credentials, { accountId: id, cloud }, encryptionKey);
    const fields = { settings, endpoints, credentialsCipher: sealed.cipher, credentialsKeyId: sealed.keyId };
    await client.cloudAccount.upsert({
      where: { name: account.name },
      create: { id, name: account.name, cloud, isDemo: true, ...fields },
      update: fields,
    });
  }
}
