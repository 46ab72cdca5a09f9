import { createHmac } from "node:crypto";

/** A Service Bus SAS token as the documented recipe builds it (service-bus-sas#generate-a-shared-access-signature-token). */
export function sasToken(resourceUri: string, keyName: string, key: string, expirySeconds = 3600): string {
  const sr = encodeURIComponent(resourceUri);
  const se = Math.floor(Date.now() / 1000) + expirySeconds;
  const sig = createHmac("sha256", key).update(`${sr}\n${se}`).digest("base64");
  return `SharedAccessSignature sr=${sr}&sig=${encodeURIComponent(sig)}&se=${se}&skn=${keyName}`;
}
