import { db } from "@/lib/db/client";
import { keyIdOf, openCredentials, sealCredentials, type Keyring } from "./credentials";

// Key rotation: every account's credentials re-sealed with the current key (and format 2, bound to
// the account). All rows are opened first; if any does not open with either key, nothing is written.

export interface RotationReport {
  resealed: string[];
  alreadyCurrent: number;
  withoutCredentials: number;
}

export class RotationRefused extends Error {
  constructor(readonly failures: { name: string; reason: string }[]) {
    super(
      `Nothing was re-sealed: ${failures.length} account(s) do not open with BATCHDECK_ENCRYPTION_KEY or BATCHDECK_ENCRYPTION_KEY_PREVIOUS:\n` +
        failures.map((f) => `  - ${f.name}: ${f.reason}`).join("\n") +
        "\nSet the key they were sealed with as BATCHDECK_ENCRYPTION_KEY_PREVIOUS, or enter their credentials again (Accounts → Edit), then run this again.",
    );
    this.name = "RotationRefused";
  }
}

export async function rotateCredentialKeys(keyring: Keyring): Promise<RotationReport> {
  const rows = await db().cloudAccount.findMany({ select: { id: true, name: true, cloud: true, credentialsCipher: true, credentialsKeyId: true }, orderBy: { name: "asc" } });
  const currentKeyId = keyIdOf(keyring.current);
  const report: RotationReport = { resealed: [], alreadyCurrent: 0, withoutCredentials: 0 };
  const updates: { id: string; name: string; oldKeyId: string; cipher: Uint8Array<ArrayBuffer>; keyId: string }[] = [];
  const failures: { name: string; reason: string }[] = [];
  for (const row of rows) {
    if (!row.credentialsCipher || !row.credentialsKeyId) {
      report.withoutCredentials++;
      continue;
    }
    const owner = { accountId: row.id, cloud: row.cloud };
    try {
      const opened = openCredentials({ cipher: new Uint8Array(row.credentialsCipher), keyId: row.credentialsKeyId }, owner, keyring);
      if (!opened.stale && row.credentialsKeyId === currentKeyId) {
        report.alreadyCurrent++;
        continue;
      }
      const sealed = sealCredentials(opened.credentials, owner, keyring.current);
      updates.push({ id: row.id, name: row.name, oldKeyId: row.credentialsKeyId, ...sealed });
    } catch (error) {
      failures.push({ name: row.name, reason: (error as Error).message });
    }
  }
  if (failures.length) throw new RotationRefused(failures);
  await db().$transaction(async (tx) => {
    for (const u of updates) {
      // Only if nobody re-entered the credentials meanwhile (an edit seals with the current key).
      const { count } = await tx.cloudAccount.updateMany({ where: { id: u.id, credentialsKeyId: u.oldKeyId }, data: { credentialsCipher: u.cipher, credentialsKeyId: u.keyId } });
      if (count === 1) report.resealed.push(u.name);
    }
  });
  return report;
}
