import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openCredentials, sealCredentials } from "./credentials";

const key = randomBytes(32).toString("base64");
const secret = { clientId: "app", clientSecret: "s3cret-value" };

describe("credentials at rest", () => {
  it("round-trips and never stores the secret in clear", () => {
    const sealed = sealCredentials(secret, key);
    expect(Buffer.from(sealed.cipher).toString("latin1")).not.toContain("s3cret-value");
    expect(openCredentials(sealed, key)).toEqual(secret);
  });

  it("uses a fresh IV each time", () => {
    expect(Buffer.from(sealCredentials(secret, key).cipher)).not.toEqual(Buffer.from(sealCredentials(secret, key).cipher));
  });

  it("refuses another key by its id, and tampering by its tag", () => {
    const sealed = sealCredentials(secret, key);
    expect(() => openCredentials(sealed, randomBytes(32).toString("base64"))).toThrow(/sealed with key/);
    const tampered = new Uint8Array(sealed.cipher);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => openCredentials({ ...sealed, cipher: tampered }, key)).toThrow();
  });
});
