import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/database";

await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { batchdeckAdapter } = await import("./adapter");

const adapter = batchdeckAdapter({ ownerEmails: [], allowedDomains: [] });

describe("database sessions", () => {
  it("keep only the SHA-256 of the cookie's token, the digest the migration used, and still find, renew and end the session", async () => {
    const user = await db().user.create({ data: { email: "ada@lab.test", role: "operator" } });
    const token = randomBytes(32).toString("hex");
    const expires = new Date(Date.now() + 3600e3);

    expect(await adapter.createSession!({ sessionToken: token, userId: user.id, expires })).toEqual({ sessionToken: token, userId: user.id, expires });
    const stored = await db().session.findMany({ select: { sessionToken: true } });
    const [row] = await db().$queryRaw<{ digest: string }[]>`select encode(sha256(convert_to(${token}, 'UTF8')), 'hex') as digest`;
    const digest = row!.digest;
    expect(stored).toEqual([{ sessionToken: digest }]);
    expect(await db().session.count({ where: { sessionToken: token } })).toBe(0);

    const found = await adapter.getSessionAndUser!(token);
    expect(found?.session).toEqual({ sessionToken: token, userId: user.id, expires });
    expect(found?.user).toMatchObject({ id: user.id, email: "ada@lab.test", role: "operator" });
    // The digest is not a token: presenting what the database holds finds nothing.
    expect(await adapter.getSessionAndUser!(digest)).toBeNull();

    const later = new Date(Date.now() + 7200e3);
    expect(await adapter.updateSession!({ sessionToken: token, expires: later })).toEqual({ sessionToken: token, userId: user.id, expires: later });
    expect((await db().session.findUniqueOrThrow({ where: { sessionToken: digest } })).expires).toEqual(later);
    expect(await adapter.updateSession!({ sessionToken: digest, expires: later })).toBeNull();

    await adapter.deleteSession!(token);
    expect(await db().session.count()).toBe(0);
    expect(await adapter.getSessionAndUser!(token)).toBeNull();
  });
});
