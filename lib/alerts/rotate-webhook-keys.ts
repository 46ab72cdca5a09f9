import { db } from "@/lib/db/client";
import { keyIdOf, openCredentials, sealCredentials, type Keyring } from "@/lib/catalog/credentials";

// npm run keys:rotate also re-seals alert channels' webhook URLs (sealed with the same key as cloud
// credentials, channel-target.ts), so unsetting the previous key afterwards breaks no channel.
// A URL that opens with neither key is reported, not dropped: the channel must be added again.

export interface WebhookRotationReport {
  resealed: string[];
  alreadyCurrent: number;
  unopenable: { name: string; reason: string }[];
}

export async function rotateWebhookKeys(keyring: Keyring): Promise<WebhookRotationReport> {
  const rows = await db().alertChannel.findMany({ where: { urlCipher: { not: null } }, select: { id: true, name: true, urlCipher: true, urlKeyId: true }, orderBy: { name: "asc" } });
  const report: WebhookRotationReport = { resealed: [], alreadyCurrent: 0, unopenable: [] };
  for (const row of rows) {
    if (row.urlKeyId === keyIdOf(keyring.current)) {
      report.alreadyCurrent++;
      continue;
    }
    const owner = { purpose: "alert-webhook", id: row.id } as const;
    try {
      const opened = openCredentials({ cipher: new Uint8Array(row.urlCipher!), keyId: row.urlKeyId! }, owner, keyring);
      const sealed = sealCredentials(opened.credentials, owner, keyring.current);
      // Only if the row still holds what was opened (a channel is never edited, but may be deleted).
      const { count } = await db().alertChannel.updateMany({ where: { id: row.id, urlKeyId: row.urlKeyId }, data: { urlCipher: sealed.cipher, urlKeyId: sealed.keyId } });
      if (count === 1) report.resealed.push(row.name);
    } catch (error) {
      report.unopenable.push({ name: row.name, reason: (error as Error).message });
    }
  }
  return report;
}
