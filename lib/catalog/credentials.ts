import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// Cloud credentials at rest: AES-256-GCM with the key from BATCHDECK_ENCRYPTION_KEY.
// Format 2 (current): "BD" 0x02 | 12-byte IV | 16-byte tag | ciphertext, with the account's id and
// cloud as additional authenticated data, so a ciphertext copied onto another account does not open.
// Format 1 (before AAD): IV | tag | ciphertext, no AAD. Still opened, and re-sealed as format 2 by
// `npm run keys:rotate`. Each row records the id of the key that sealed it (credentialsKeyId), so a
// changed key is named in the error instead of read as garbage, and rotation knows which key to use.

const MAGIC = Buffer.from([0x42, 0x44, 0x02]);
const IV_BYTES = 12;
/** GCM tags can be cut short (down to 4 bytes) if the decipher is not told their length; ours are 16. */
const TAG_BYTES = 16;

export interface SealedCredentials {
  cipher: Uint8Array<ArrayBuffer>;
  keyId: string;
}

/** Whose credentials these are: bound into the ciphertext as additional authenticated data. */
export interface CredentialOwner {
  accountId: string;
  cloud: string;
}

/**
 * A sealed secret that is not an account's credentials (an alert channel's webhook URL): its own purpose in
 * the additional authenticated data, so neither kind of ciphertext opens as the other.
 */
export interface SecretOwner {
  purpose: "alert-webhook";
  id: string;
}

/** The key that seals, and during a rotation the one before it, which still opens. Both base64. */
export interface Keyring {
  current: string;
  previous?: string | null;
}

export interface OpenedCredentials {
  credentials: unknown;
  /** True when the row should be re-sealed: format 1, or sealed with the previous key. */
  stale: boolean;
}

function keyFrom(base64Key: string, variable: string): { key: Buffer; keyId: string } {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) throw new Error(`${variable} must be 32 bytes in base64.`);
  return { key, keyId: keyIdOf(key) };
}

/** A short, stable name for a key (not the key): the first 12 hex digits of its SHA-256. */
export function keyIdOf(key: Buffer | string): string {
  return createHash("sha256")
    .update(typeof key === "string" ? Buffer.from(key, "base64") : key)
    .digest("hex")
    .slice(0, 12);
}

function aad(owner: CredentialOwner | SecretOwner): Buffer {
  if ("purpose" in owner) return Buffer.from(`batchdeck/${owner.purpose}/v2/${owner.id}`, "utf8");
  return Buffer.from(`batchdeck/credentials/v2/${owner.cloud}/${owner.accountId}`, "utf8");
}

export function sealCredentials(credentials: unknown, owner: CredentialOwner | SecretOwner, base64Key: string): SealedCredentials {
  const { key, keyId } = keyFrom(base64Key, "BATCHDECK_ENCRYPTION_KEY");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(owner));
  const body = Buffer.concat([cipher.update(JSON.stringify(credentials), "utf8"), cipher.final()]);
  return { cipher: new Uint8Array(Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body])), keyId };
}

function decrypt(key: Buffer, data: Buffer, associated: Buffer | null): unknown {
  const iv = data.subarray(0, IV_BYTES);
  const tag = data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  if (tag.length !== TAG_BYTES) throw new Error("truncated");
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  if (associated) decipher.setAAD(associated);
  decipher.setAuthTag(tag);
  return JSON.parse(Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8"));
}

export function openCredentials(sealed: SealedCredentials, owner: CredentialOwner | SecretOwner, keyring: Keyring): OpenedCredentials {
  const current = keyFrom(keyring.current, "BATCHDECK_ENCRYPTION_KEY");
  const previous = keyring.previous ? keyFrom(keyring.previous, "BATCHDECK_ENCRYPTION_KEY_PREVIOUS") : null;
  const key = sealed.keyId === current.keyId ? current.key : sealed.keyId === previous?.keyId ? previous.key : null;
  if (!key) {
    const known = previous ? `key ${current.keyId} (BATCHDECK_ENCRYPTION_KEY) or ${previous.keyId} (BATCHDECK_ENCRYPTION_KEY_PREVIOUS)` : `key ${current.keyId} (BATCHDECK_ENCRYPTION_KEY)`;
    throw new Error(`These credentials were sealed with key ${sealed.keyId}, but this server has ${known}. Set the old key as BATCHDECK_ENCRYPTION_KEY_PREVIOUS, or enter the credentials again.`);
  }
  const data = Buffer.from(sealed.cipher);
  const stale = sealed.keyId !== current.keyId;
  if (data.subarray(0, MAGIC.length).equals(MAGIC)) {
    try {
      return { credentials: decrypt(key, data.subarray(MAGIC.length), aad(owner)), stale };
    } catch {
      // A format-1 IV that happens to start with the magic bytes (1 in 16 million) is tried as such below.
    }
  }
  try {
    return { credentials: decrypt(key, data, null), stale: true };
  } catch {
    throw new Error("These credentials do not open: they were changed, or belong to another account. Enter the credentials again.");
  }
}
