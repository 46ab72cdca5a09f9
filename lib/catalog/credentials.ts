import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Cloud credentials at rest: AES-256-GCM with the key from BATCHDECK_ENCRYPTION_KEY. Each ciphertext
// records the id of the key that sealed it, so a rotated key is detected instead of read as garbage.
// Layout: 12-byte IV | 16-byte auth tag | ciphertext.

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedCredentials {
  cipher: Uint8Array<ArrayBuffer>;
  keyId: string;
}

function keyFrom(base64Key: string): { key: Buffer; keyId: string } {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) throw new Error("BATCHDECK_ENCRYPTION_KEY must be 32 bytes in base64.");
  return { key, keyId: createHash("sha256").update(key).digest("hex").slice(0, 12) };
}

export function sealCredentials(credentials: unknown, base64Key: string): SealedCredentials {
  const { key, keyId } = keyFrom(base64Key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(credentials), "utf8"), cipher.final()]);
  const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]);
  return { cipher: new Uint8Array(sealed), keyId };
}

export function openCredentials(sealed: SealedCredentials, base64Key: string): unknown {
  const { key, keyId } = keyFrom(base64Key);
  if (sealed.keyId !== keyId) {
    throw new Error(`These credentials were sealed with key ${sealed.keyId}, but BATCHDECK_ENCRYPTION_KEY is key ${keyId}. Restore the old key or enter the credentials again.`);
  }
  const data = Buffer.from(sealed.cipher);
  const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, IV_BYTES));
  decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return JSON.parse(Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8"));
}
