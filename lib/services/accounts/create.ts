import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { keyringFromEnv } from "@/lib/catalog/keyring";
import { AppError } from "@/lib/errors";
import { sealCredentials } from "@/lib/catalog/credentials";
import { createProvider } from "@/lib/providers/registry";
import { azureEndpointUrl } from "@/lib/providers/azure/endpoints";
import { isProviderError } from "@/lib/providers/errors";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";

// Adding an account checks it first: the connection is tested with the entered settings before
// anything is saved, so a typo in a secret is an inline error, not a broken account.

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const guid = (label: string) => z.string().trim().regex(/^[0-9a-fA-F-]{36}$/, `${label} is a GUID like 00000000-0000-0000-0000-000000000000.`);

/** The fields of the add and edit forms (the edit form adds the account id). */
export const azureAccountFields = z.object({
    name: z.string().trim().min(1, "Give the account a name.").max(80, "At most 80 characters."),
    tenantId: z.string().trim().min(1, "Enter the Microsoft Entra tenant (directory) ID."),
    subscriptionId: guid("The subscription ID"),
    resourceGroup: z.string().trim().regex(/^[-\w._()]{1,90}$/, "A resource group name: letters, digits, - _ . ( ), up to 90."),
    logAnalyticsWorkspaceId: optional(guid("The Log Analytics workspace ID")),
    serviceBusNamespace: optional(z.string().regex(/^[a-z0-9-]+\.servicebus\.(windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$/, "The namespace host, e.g. lab.servicebus.windows.net.")),
    clientId: optional(z.string().min(1)),
    clientSecret: optional(z.string().min(1)),
    serviceBusKeyName: optional(z.string().min(1)),
    serviceBusKey: optional(z.string().min(1)),
    readOnly: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    resourceManager: optional(azureEndpointUrl("resourceManager")),
    authorityHost: optional(azureEndpointUrl("authorityHost")),
    logAnalytics: optional(azureEndpointUrl("logAnalytics")),
    serviceBus: optional(azureEndpointUrl("serviceBus")),
});

export const createAzureAccountInput = azureAccountFields.refine((v) => Boolean(v.clientId) === Boolean(v.clientSecret), {
    path: ["clientSecret"],
    message: "Enter both the client ID and its secret, or neither to use this host's managed identity.",
  });

export async function createAzureAccount({ audit }: ServiceContext, input: z.infer<typeof createAzureAccountInput>): Promise<ServiceOutcome<{ accountId: string }>> {
  if (await db().cloudAccount.findUnique({ where: { name: input.name }, select: { id: true } })) {
    throw new AppError("conflict", `An account named ${input.name} exists already; choose another name.`, { name: "Name taken." });
  }
  const { settings, endpoints } = settingsOf(input);
  const credentials = input.clientId
    ? {
        clientId: input.clientId,
        clientSecret: input.clientSecret!,
        ...(input.serviceBusKeyName && input.serviceBusKey ? { serviceBusKeyName: input.serviceBusKeyName, serviceBusKey: input.serviceBusKey } : {}),
      }
    : null;
  const detail = await testBeforeSaving(input.name, settings, endpoints, credentials);
  // The id is bound into the sealed credentials, so it is chosen before the row is written.
  const id = randomUUID();
  const sealed = credentials ? sealCredentials(credentials, { accountId: id, cloud: "azure" }, keyringFromEnv().current) : null;
  const audited = await db().$transaction(async (tx) => {
    await tx.cloudAccount.create({
      data: {
      id,
      cloud: "azure",
      name: input.name,
      settings,
      endpoints: endpoints ?? undefined,
      credentialsCipher: sealed?.cipher,
      credentialsKeyId: sealed?.keyId,
      readOnly: input.readOnly,
      },
    });
    return audit(tx, { targetType: "cloud_account", targetId: id, target: input.name, detail: { cloud: "azure", subscriptionId: input.subscriptionId, readOnly: input.readOnly } });
  });
  return { data: { accountId: id }, message: `${input.name} added: ${detail}. Its jobs appear after the first sync, within a minute.`, audited };
}

/** The settings and endpoint overrides an Azure account stores, from the form. */
export function settingsOf(input: z.infer<typeof azureAccountFields>) {
  const settings = {
    tenantId: input.tenantId,
    subscriptionId: input.subscriptionId,
    resourceGroup: input.resourceGroup,
    ...(input.logAnalyticsWorkspaceId ? { logAnalyticsWorkspaceId: input.logAnalyticsWorkspaceId } : {}),
    ...(input.serviceBusNamespace ? { serviceBusNamespace: input.serviceBusNamespace } : {}),
  };
  const endpointEntries = Object.entries({ resourceManager: input.resourceManager, authorityHost: input.authorityHost, logAnalytics: input.logAnalytics, serviceBus: input.serviceBus }).filter(([, v]) => v);
  const endpoints = endpointEntries.length ? (Object.fromEntries(endpointEntries) as Record<string, string>) : null;
  return { settings, endpoints };
}

/** Adding or editing, the connection is tried with what was entered before anything is saved. */
export async function testBeforeSaving(name: string, settings: object, endpoints: Record<string, string> | null, credentials: object | null): Promise<string> {
  try {
    return (await createProvider({ id: "new", cloud: "azure", name, settings, endpoints, credentials }).testConnection()).detail;
  } catch (error) {
    if (isProviderError(error)) throw new AppError("upstream", `Could not connect, so nothing was saved: ${error.message}`);
    throw error;
  }
}
