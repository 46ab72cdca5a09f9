import { describe, expect, it } from "vitest";
import { ctxOf, memberActor } from "@/test/support/service-context";
import { useSimulatedCatalog } from "./simulated-catalog";
import type { Actor } from "../../../lib/services/context";

// Adding an Azure account: the connection is tested with what was entered before anything is saved.

const catalog = await useSimulatedCatalog();
const { db } = await import("@/lib/db/client");
const { createAccount, createAccountInput } = await import("@/lib/services/accounts/create");
const { providerAccountFor } = await import("@/lib/catalog/provider-account");

const admin: Actor = await memberActor("admin@lab.test", "admin");

function form(overrides: Record<string, string> = {}) {
  const a = catalog.sim.azure.demoAccount;
  const e = catalog.sim.azure.endpoints;
  return createAccountInput.parse({
    cloud: "azure",
    name: "second lab",
    tenantId: a.tenantId,
    subscriptionId: a.subscriptionId,
    resourceGroup: a.resourceGroup,
    logAnalyticsWorkspaceId: a.logAnalyticsWorkspaceId,
    serviceBusNamespace: "",
    clientId: a.clientId,
    clientSecret: a.clientSecret,
    serviceBusKeyName: "",
    serviceBusKey: "",
    resourceManager: e.resourceManager,
    authorityHost: e.authorityHost,
    logAnalytics: e.logAnalytics,
    serviceBus: "",
    ...overrides,
  });
}

describe("adding an Azure account", () => {
  it("refuses wrong credentials with Azure's reason and saves nothing", async () => {
    const error = await createAccount(ctxOf(admin), form({ clientSecret: "wrong" })).catch((e: Error & { code?: string }) => e);
    expect(error).toMatchObject({ code: "cloud_credentials" });
    expect((error as Error).message).toMatch(/^Could not connect, so nothing was saved: .*AADSTS7000215/);
    expect(await db().cloudAccount.count({ where: { name: "second lab" } })).toBe(0);
  });

  it("tests, then saves the settings, the endpoints and the sealed secret", async () => {
    const outcome = await createAccount(ctxOf(admin), form());
    expect(outcome.message).toMatch(/^second lab added: Listed 2 jobs in resource group/);
    const row = await db().cloudAccount.findUniqueOrThrow({ where: { id: outcome.data.accountId } });
    expect(Buffer.from(row.credentialsCipher!).toString("latin1")).not.toContain(catalog.sim.azure.demoAccount.clientSecret);
    const opened = providerAccountFor(row, { current: process.env.BATCHDECK_ENCRYPTION_KEY! });
    expect(opened.credentials).toEqual({ clientId: catalog.sim.azure.demoAccount.clientId, clientSecret: catalog.sim.azure.demoAccount.clientSecret });
    expect(opened.settings).not.toHaveProperty("serviceBusNamespace");
    await expect(createAccount(ctxOf(admin), form())).rejects.toMatchObject({ code: "conflict" });
  });

  it("explains malformed input per field", () => {
    const result = createAccountInput.safeParse({ cloud: "azure", name: "", tenantId: "t", subscriptionId: "nope", resourceGroup: "rg", clientId: "only-the-id", clientSecret: "" });
    const fields = Object.fromEntries(result.error!.issues.map((i: { path: PropertyKey[]; message: string }) => [i.path[0], i.message]));
    expect(fields.name).toBe("Give the account a name.");
    expect(fields.subscriptionId).toContain("GUID");
    expect(fields.clientSecret).toContain("both the client ID and its secret");
  });
});
