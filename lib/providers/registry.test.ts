import { describe, expect, it } from "vitest";
import { CLOUDS } from "./types";
import { createProvider, isCloudSupported, SUPPORTED_CLOUDS, unsupportedReason } from "./registry";

describe("provider registry", () => {
  it("offers only clouds with an adapter", () => {
    expect(SUPPORTED_CLOUDS).toEqual(["azure"]);
    expect(CLOUDS.filter(isCloudSupported)).toEqual(["azure"]);
    expect(unsupportedReason("aws")).toMatch(/AWS accounts are not supported/);
    expect(unsupportedReason("azure")).toBeNull();
  });

  it("refuses an account of an unsupported cloud with invalid_request", () => {
    expect(() => createProvider({ id: "a", cloud: "gcp", name: "g", settings: {}, endpoints: null, credentials: null })).toThrow(
      expect.objectContaining({ kind: "invalid_request" }),
    );
  });

  it("builds an Azure provider, and explains incomplete settings", () => {
    const account = {
      id: "a",
      cloud: "azure" as const,
      name: "lab",
      settings: { tenantId: "t", subscriptionId: "s", resourceGroup: "rg" },
      endpoints: null,
      credentials: { clientId: "c", clientSecret: "x" },
    };
    expect(createProvider(account).cloud).toBe("azure");
    expect(() => createProvider({ ...account, settings: { tenantId: "t" } })).toThrow(/settings are incomplete \(subscriptionId/);
  });
});
