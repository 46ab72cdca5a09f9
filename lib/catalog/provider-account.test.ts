import { describe, expect, it } from "vitest";
import { providerAccountFor } from "./provider-account";

describe("providerAccountFor", () => {
  it("says which saved field no longer fits the cloud and how to mend it, not zod's raw issue list", () => {
    const row = { id: "a1", cloud: "azure" as const, name: "lab", settings: { resourceGroup: 7 }, endpoints: null, credentialsCipher: null, credentialsKeyId: null };
    let message = "";
    try {
      providerAccountFor(row, { current: { id: "k", key: Buffer.alloc(32) }, previous: null } as never);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      "lab: its saved settings are not what Azure Container Apps needs (tenantId: Invalid input: expected string, received undefined; " +
        "subscriptionId: Invalid input: expected string, received undefined; resourceGroup: Invalid input: expected string, received number). " +
        "Edit the account on the Accounts page and save it again.",
    );
  });
});
