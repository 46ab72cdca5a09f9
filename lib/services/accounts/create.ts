import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { db } from "@/lib/db/client";
import { keyringFromEnv } from "@/lib/catalog/keyring";
import { AppError, toAppError } from "@/lib/errors";
import { sealCredentials } from "@/lib/catalog/credentials";
import { CLOUD_DESCRIPTORS, createProvider, type SupportedCloud } from "@/lib/providers/registry";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { accountFormInput, credentialsOf } from "./form-input";

// Adding an account of any cloud checks it first: the connection is tested with the entered settings
// before anything is saved, so a typo in a secret is an inline error, not a broken account.

export const createAccountInput = accountFormInput({}, { completeCredentials: true });

export async function createAccount({ audit }: ServiceContext, input: z.infer<typeof createAccountInput>): Promise<ServiceOutcome<{ accountId: string }>> {
  if (await db().cloudAccount.findUnique({ where: { name: input.name }, select: { id: true } })) {
    throw new AppError("conflict", `An account named ${input.name} exists already; choose another name.`, { name: "Name taken." });
  }
  const descriptor = CLOUD_DESCRIPTORS[input.cloud];
  const checked = credentialsOf(descriptor, input.secrets);
  if ("fieldErrors" in checked) throw new AppError("invalid", "Please correct the highlighted fields.", checked.fieldErrors);
  const { settings, endpoints } = storedSettings(input.cloud, input.settings, input.endpoints);
  const detail = await testBeforeSaving(input.cloud, input.name, settings, endpoints, checked.credentials);
  // The id is bound into the sealed credentials, so it is chosen before the row is written.
  const id = randomUUID();
  const sealed = checked.credentials ? sealCredentials(checked.credentials, { accountId: id, cloud: input.cloud }, keyringFromEnv().current) : null;
  const audited = await db().$transaction(async (tx) => {
    await tx.cloudAccount.create({
      data: {
        id,
        cloud: input.cloud,
        name: input.name,
        settings,
        endpoints: endpoints ?? undefined,
        credentialsCipher: sealed?.cipher,
        credentialsKeyId: sealed?.keyId,
        readOnly: input.readOnly,
      },
    });
    const shown = Object.fromEntries(descriptor.auditedSettings.map((k) => [k, settings[k] ?? null]));
    return audit(tx, { targetType: "cloud_account", targetId: id, target: input.name, detail: { cloud: input.cloud, ...shown, readOnly: input.readOnly } });
  });
  return { data: { accountId: id }, message: `${input.name} added: ${detail}. Its jobs appear after the first sync, within a minute.`, audited };
}

/** The settings and endpoint overrides as stored: through the cloud's own schemas, as every read does. */
export function storedSettings(cloud: SupportedCloud, settings: Record<string, string>, endpoints: Record<string, string> | null) {
  const descriptor = CLOUD_DESCRIPTORS[cloud];
  return {
    settings: descriptor.settings.parse(settings) as Record<string, string>,
    endpoints: endpoints === null ? null : (descriptor.endpoints.parse(endpoints) as Record<string, string>),
  };
}

/** Adding or editing, the connection is tried with what was entered before anything is saved. */
export async function testBeforeSaving(cloud: SupportedCloud, name: string, settings: object, endpoints: object | null, credentials: unknown): Promise<string> {
  try {
    return (await createProvider({ id: "new", cloud, name, settings, endpoints, credentials }).testConnection()).detail;
  } catch (error) {
    throw toAppError(error, "Could not connect, so nothing was saved");
  }
}
