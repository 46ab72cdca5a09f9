import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { sealCredentials } from "@/lib/catalog/credentials";
import { keyringFromEnv } from "@/lib/catalog/keyring";
import { providerAccountFor } from "@/lib/catalog/provider-account";
import { azureCredentialsSchema, type AzureCredentials } from "@/lib/providers/azure/settings";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { azureAccountFields, settingsOf, testBeforeSaving } from "./create";
import { findAccount } from "./find";

// Editing an account: like adding one, the connection is tested with the result before it is saved.
// Secrets are never shown again, so a blank secret field keeps the current secret.

export const updateAzureAccountInput = azureAccountFields.extend({
  accountId: z.string().min(1, "Missing account."),
  useManagedIdentity: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});

/** The credentials after the edit: what was typed, the current values where a field was left blank. */
function mergedCredentials(input: z.infer<typeof updateAzureAccountInput>, current: AzureCredentials | null): AzureCredentials | null {
  if (input.useManagedIdentity) return null;
  const clientId = input.clientId ?? current?.clientId;
  const clientSecret = input.clientSecret ?? current?.clientSecret;
  if (!clientId && !clientSecret) return null;
  if (!clientId || !clientSecret) {
    throw new AppError("invalid", "Please correct the highlighted fields.", {
      [clientId ? "clientSecret" : "clientId"]: "Enter both the client ID and its secret, or tick managed identity.",
    });
  }
  const keyName = input.serviceBusKeyName ?? current?.serviceBusKeyName;
  const key = input.serviceBusKey ?? current?.serviceBusKey;
  return azureCredentialsSchema.parse({ clientId, clientSecret, ...(keyName && key ? { serviceBusKeyName: keyName, serviceBusKey: key } : {}) });
}

export async function updateAzureAccount({ audit }: ServiceContext, input: z.infer<typeof updateAzureAccountInput>): Promise<ServiceOutcome<{ accountId: string }>> {
  const account = await findAccount(input.accountId);
  if (account.deletedAt) throw new AppError("not_found", `${account.name} was deleted; it can't be edited.`);
  if (account.cloud !== "azure") throw new AppError("invalid", `${account.name} is not an Azure account.`);
  const clash = await db().cloudAccount.findFirst({ where: { name: input.name, id: { not: account.id } }, select: { id: true } });
  if (clash) throw new AppError("conflict", `An account named ${input.name} exists already; choose another name.`, { name: "Name taken." });

  const current = account.credentialsCipher ? (providerAccountFor(account, keyringFromEnv()).credentials as AzureCredentials) : null;
  const credentials = mergedCredentials(input, current);
  const { settings, endpoints } = settingsOf(input);
  const detail = await testBeforeSaving(input.name, settings, endpoints, credentials);
  const sealed = credentials ? sealCredentials(credentials, { accountId: account.id, cloud: account.cloud }, keyringFromEnv().current) : null;
  const secretsChanged = Boolean(input.clientSecret || input.serviceBusKey || input.useManagedIdentity);
  const audited = await db().$transaction(async (tx) => {
    await tx.cloudAccount.update({
      where: { id: account.id },
      data: {
        name: input.name,
        settings,
        endpoints: endpoints ?? Prisma.DbNull,
        credentialsCipher: sealed?.cipher ?? null,
        credentialsKeyId: sealed?.keyId ?? null,
        readOnly: input.readOnly,
      },
    });
    return audit(tx, {
      targetType: "cloud_account",
      targetId: account.id,
      target: input.name,
      detail: { renamedFrom: account.name === input.name ? null : account.name, readOnly: input.readOnly, secretsChanged, managedIdentity: credentials === null },
    });
  });
  return { data: { accountId: account.id }, message: `${input.name} saved: ${detail}.${secretsChanged ? "" : " Its secrets are unchanged."}`, audited };
}
