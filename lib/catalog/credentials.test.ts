import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyIdOf, openCredentials, sealCredentials } from "./credentials";

const key = randomBytes(32).toString("base64");
const secret = { clientId: "app", clientSecret: "s3cret-value" };
const lab = { accountId: "acc_lab", cloud: "azure" };

/** What rows sealed before format 2 hold: IV | tag | ciphertext, no AAD. */
function sealFormat1(value: unknown, base64Key: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(base64Key, "base64"), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return { cipher: new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body])), keyId: keyIdOf(base64Key) };
}

describe("credentials at rest", () => {
  it("round-trips and never stores the secret in clear", () => {
    const sealed = sealCredentials(secret, lab, key);
    expect(Buffer.from(sealed.cipher).toString("latin1")).not.toContain("s3cret-value");
    expect(openCredentials(sealed, lab, { current: key })).toEqual({ credentials: secret, stale: false });
  });

  it("uses a fresh IV each time", () => {
    expect(Buffer.from(sealCredentials(secret, lab, key).cipher)).not.toEqual(Buffer.from(sealCredentials(secret, lab, key).cipher));
  });

  it("refuses another key by its id, naming both", () => {
    const sealed = sealCredentials(secret, lab, key);
    const other = randomBytes(32).toString("base64");
    expect(() => openCredentials(sealed, lab, { current: other })).toThrow(`sealed with key ${keyIdOf(key)}, but this server has key ${keyIdOf(other)}`);
  });

  it("refuses a tampered ciphertext, tag or IV", () => {
    const sealed = sealCredentials(secret, lab, key);
    for (const at of [3, 3 + 12, sealed.cipher.length - 1]) {
      const tampered = new Uint8Array(sealed.cipher);
      tampered[at]! ^= 1;
      expect(() => openCredentials({ ...sealed, cipher: tampered }, lab, { current: key }), `byte ${at}`).toThrow(/do not open/);
    }
  });

  it("does not open for another account or another cloud (the AAD binds them)", () => {
    const sealed = sealCredentials(secret, lab, key);
    expect(() => openCredentials(sealed, { accountId: "acc_other", cloud: "azure" }, { current: key })).toThrow(/belong to another account/);
    expect(() => openCredentials(sealed, { accountId: "acc_lab", cloud: "aws" }, { current: key })).toThrow(/belong to another account/);
  });

  it("refuses a short tag: 16 bytes are required, not a 4-byte prefix", () => {
    const sealed = Buffer.from(sealCredentials(secret, lab, key).cipher);
    // Keep the magic, IV and only 4 tag bytes, then the ciphertext: GCM without authTagLength would check just those 4.
    const short = Buffer.concat([sealed.subarray(0, 3 + 12 + 4), sealed.subarray(3 + 12 + 16)]);
    expect(() => openCredentials({ cipher: new Uint8Array(short), keyId: keyIdOf(key) }, lab, { current: key })).toThrow(/do not open/);
    expect(() => openCredentials({ cipher: new Uint8Array(sealed.subarray(0, 3 + 12 + 10)), keyId: keyIdOf(key) }, lab, { current: key })).toThrow(/do not open/);
  });

  it("still opens format 1 (before AAD) and says it is stale", () => {
    expect(openCredentials(sealFormat1(secret, key), lab, { current: key })).toEqual({ credentials: secret, stale: true });
  });

  it("opens with the previous key during a rotation and says it is stale", () => {
    const old = randomBytes(32).toString("base64");
    const sealed = sealCredentials(secret, lab, old);
    expect(openCredentials(sealed, lab, { current: key, previous: old })).toEqual({ credentials: secret, stale: true });
    expect(() => openCredentials(sealed, lab, { current: key })).toThrow(/Set the old key as BATCHDECK_ENCRYPTION_KEY_PREVIOUS/);
  });
});
