import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "@/test/support/database";
import { ctxOf, memberActor } from "@/test/support/service-context";

// Rotating BATCHDECK_ENCRYPTION_KEY re-seals webhook URLs too, so they still open once the old key is gone.

const oldKey = randomBytes(32).toString("base64");
const newKey = randomBytes(32).toString("base64");
useDemoEnv({ BATCHDECK_ENCRYPTION_KEY: oldKey });
await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { createChannel } = await import("@/lib/services/alerts/create");
const { createChannelInput } = await import("@/lib/services/alerts/schemas");
const { openCredentials, keyIdOf } = await import("@/lib/catalog/credentials");
const { rotateWebhookKeys } = await import("./rotate-webhook-keys");

describe("webhook key rotation", () => {
  it("re-seals with the new key while the old one opens, then has nothing left to do", async () => {
    const owner = await memberActor("owner@lab.test", "owner");
    const { channelId } = (await createChannel(ctxOf(owner), createChannelInput.parse({ name: "ops", kind: "webhook", format: "slack", secretUrl: "https://140.82.112.3/services/T0/B0/abcd", scope: "all" }))).data;
    expect(await rotateWebhookKeys({ current: newKey, previous: oldKey })).toEqual({ resealed: ["ops"], alreadyCurrent: 0, unopenable: [] });
    const row = await db().alertChannel.findUniqueOrThrow({ where: { id: channelId } });
    expect(row.urlKeyId).toBe(keyIdOf(newKey));
    expect(openCredentials({ cipher: new Uint8Array(row.urlCipher!), keyId: row.urlKeyId! }, { purpose: "alert-webhook", id: channelId }, { current: newKey }).credentials).toEqual({ url: "https://140.82.112.3/services/T0/B0/abcd" });
    expect(await rotateWebhookKeys({ current: newKey })).toEqual({ resealed: [], alreadyCurrent: 1, unopenable: [] });
  });
});
