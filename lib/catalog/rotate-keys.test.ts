import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";
import { keyIdOf, openCredentials, sealCredentials } from "./credentials";

// Rotation on a real database: old key → new key, format 1 → format 2, idempotent, all-or-nothing.

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { rotateCredentialKeys, RotationRefused } = await import("./rotate-keys");

const oldKey = randomBytes(32).toString("base64");
const newKey = randomBytes(32).toString("base64");
const secret = (n: number) => ({ clientId: `app-${n}`, clientSecret: `secret-${n}` });

async function account(name: string, seal: ((id: string) => { cipher: Uint8Array<ArrayBuffer>; keyId: string }) | null) {
  const id = `acc_${name}`;
  const sealed = seal?.(id);
  await db().cloudAccount.create({ data: { id, cloud: "azure", name, settings: {}, credentialsCipher: sealed?.cipher, credentialsKeyId: sealed?.keyId } });
  return id;
}

async function opened(id: string, current: string) {
  const row = await db().cloudAccount.findUniqueOrThrow({ where: { id } });
  expect(row.credentialsKeyId).toBe(keyIdOf(current));
  return openCredentials({ cipher: new Uint8Array(row.credentialsCipher!), keyId: row.credentialsKeyId! }, { accountId: id, cloud: row.cloud }, { current });
}

describe("npm run keys:rotate", () => {
  it("re-seals with the new key while the old one opens, then has nothing left to do", async () => {
    const a = await account("a", (id) => sealCredentials(secret(1), { accountId: id, cloud: "azure" }, oldKey));
    const b = await account("b", (id) => sealCredentials(secret(2), { accountId: id, cloud: "azure" }, newKey));
    await account("mi", null);

    const first = await rotateCredentialKeys({ current: newKey, previous: oldKey });
    expect(first).toEqual({ resealed: ["a"], alreadyCurrent: 1, withoutCredentials: 1 });
    expect(await opened(a, newKey)).toEqual({ credentials: secret(1), stale: false });
    expect(await opened(b, newKey)).toEqual({ credentials: secret(2), stale: false });

    expect(await rotateCredentialKeys({ current: newKey, previous: oldKey })).toEqual({ resealed: [], alreadyCurrent: 2, withoutCredentials: 1 });
    expect(await rotateCredentialKeys({ current: newKey })).toEqual({ resealed: [], alreadyCurrent: 2, withoutCredentials: 1 });
  });

  it("refuses, changing nothing, when neither key opens a row", async () => {
    const stranger = randomBytes(32).toString("base64");
    const c = await account("c", (id) => sealCredentials(secret(3), { accountId: id, cloud: "azure" }, stranger));
    const d = await account("d", (id) => sealCredentials(secret(4), { accountId: id, cloud: "azure" }, oldKey));
    const before = await db().cloudAccount.findMany({ where: { id: { in: [c, d] } }, orderBy: { id: "asc" } });
    const error = await rotateCredentialKeys({ current: newKey, previous: oldKey }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RotationRefused);
    expect((error as Error).message).toMatch(/^Nothing was re-sealed: 1 account\(s\) do not open/);
    expect((error as Error).message).toContain(`c: These credentials were sealed with key ${keyIdOf(stranger)}`);
    expect(await db().cloudAccount.findMany({ where: { id: { in: [c, d] } }, orderBy: { id: "asc" } })).toEqual(before);
  });
});
