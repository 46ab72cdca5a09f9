import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { sealCredentials } from "@/lib/catalog/credentials";
import { keyringFromEnv } from "@/lib/catalog/keyring";
import { providerAccountFor } from "@/lib/catalog/provider-account";
import { CLOUD_DESCRIPTORS } from "@/lib/providers/registry";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";
import { storedSettings, testBeforeSaving } from "./create";
import { findAccount } from "./find";
import { accountFormInput, credentialsOf } from "./form-input";

// Editing an account: like adding one, the connection is tested with the result before it is saved.
// Secrets are never shown again, so a blank secret field keeps the current secret.

export const updateAccountInput = accountFormInput({
  accountId: z.string().min(1, "Missing account."),
  /** Drop the saved credentials and use the host's own identity (managed identity, instance role, …). */
  useHostIdentity: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
}, { completeCredentials: false });

export async function updateAccount({ audit }: ServiceContext, input: z.infer<typeof updateAccountInput>): Promise<ServiceOutcome<{ accountId: string }>> {
  const account = await findAccount(input.accountId);
  if (account.deletedAt) throw new AppError("not_found", `${account.name} was deleted; it can't be edited.`);
  const descriptor = CLOUD_DESCRIPTORS[input.cloud];
  if (account.cloud !== input.cloud) throw new AppError("invalid", `${account.name} is not a ${descriptor.label} account. Reload the page.`);
  const clash = await db().cloudAccount.findFirst({ where: { name: input.name, id: { not: account.id } }, select: { id: true } });
  if (clash) throw new AppError("conflict", `An account named ${input.name} exists already; choose another name.`, { name: "Name taken." });

  // What was typed, the saved values where a field was left blank.
  const current = account.credentialsCipher ? (providerAccountFor(account, keyringFromEnv()).credentials as Record<string, unknown>) : {};
  const checked = credentialsOf(descriptor, input.useHostIdentity ? {} : { ...current, ...input.secrets });
  if ("fieldErrors" in checked) throw new AppError("invalid", "Please correct the highlighted fields.", checked.fieldErrors);
  const { credentials } = checked;
  const { settings, endpoints } = storedSettings(input.cloud, input.settings, input.endpoints);
  const detail = await testBeforeSaving(input.cloud, input.name, settings, endpoints, credentials);
  const sealed = credentials ? sealCredentials(credentials, { accountId: account.id, cloud: account.cloud }, keyringFromEnv().current) : null;
  const secretNames = new Set(descriptor.form.fields.filter((f) => f.kind === "secret" || f.kind === "secret-multiline").map((f) => f.name));
  const secretsChanged = input.useHostIdentity || Object.keys(input.secrets).some((name) => secretNames.has(name));
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
      detail: { renamedFrom: account.name === input.name ? null : account.name, readOnly: input.readOnly, secretsChanged, hostIdentity: credentials === null },
    });
  });
  return { data: { accountId: account.id }, message: `${input.name} saved: ${detail}.${secretsChanged ? "" : " Its secrets are unchanged."}`, audited };
}
