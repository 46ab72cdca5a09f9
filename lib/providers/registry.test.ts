import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CLOUDS, type Cloud } from "./types";
import type { AccountFieldGroup } from "./descriptor";
import { CLOUD_DESCRIPTORS, createProvider, descriptorOf, isCloudSupported, SUPPORTED_CLOUDS, unsupportedReason } from "./registry";

describe("provider registry", () => {
  it("offers only clouds with an adapter", () => {
    expect(SUPPORTED_CLOUDS).toEqual(["azure", "aws", "gcp"]);
    expect(CLOUDS.filter(isCloudSupported)).toEqual(["azure", "aws", "gcp"]);
    expect(unsupportedReason("azure")).toBeNull();
    expect(unsupportedReason("aws")).toBeNull();
    expect(unsupportedReason("gcp")).toBeNull();
  });

  it("refuses an account of a cloud this build does not know (a row written by a newer Batchdeck) with invalid_request", () => {
    const cloud = "oracle" as Cloud;
    expect(unsupportedReason(cloud)).toBe("oracle accounts are not supported by this version of Batchdeck.");
    expect(() => createProvider({ id: "a", cloud, name: "g", settings: {}, endpoints: null, credentials: null })).toThrow(
      expect.objectContaining({ kind: "invalid_request", message: "oracle accounts are not supported by this version of Batchdeck." }),
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

describe("cloud descriptors", () => {
  it("are keyed by their own cloud, and each form field is stored under a key its group's schema knows", () => {
    for (const cloud of SUPPORTED_CLOUDS) {
      const descriptor = CLOUD_DESCRIPTORS[cloud];
      expect(descriptor.cloud).toBe(cloud);
      const keysOf = (schema: z.ZodType) => Object.keys((schema as z.ZodObject).shape).sort();
      const fieldsOf = (group: AccountFieldGroup) => descriptor.form.fields.filter((f) => f.group === group).map((f) => f.name).sort();
      expect(fieldsOf("settings"), cloud).toEqual(keysOf(descriptor.settings));
      expect(fieldsOf("endpoints"), cloud).toEqual(keysOf(descriptor.endpoints));
      expect(fieldsOf("credentials"), cloud).toEqual(keysOf(descriptor.credentials));
      expect(Object.keys(descriptor.endpointRules).sort(), cloud).toEqual(fieldsOf("endpoints"));
      expect(keysOf(descriptor.formValues), cloud).toEqual(descriptor.form.fields.map((f) => f.name).sort());
    }
  });

  it("are found by cloud, and a cloud without one has none", () => {
    expect(descriptorOf("azure")).toBe(CLOUD_DESCRIPTORS.azure);
    expect(descriptorOf("aws")).toBe(CLOUD_DESCRIPTORS.aws);
    expect(descriptorOf("gcp")).toBe(CLOUD_DESCRIPTORS.gcp);
    expect(descriptorOf("oracle" as Cloud)).toBeNull();
  });
});
