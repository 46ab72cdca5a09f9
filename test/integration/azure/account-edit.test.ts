import { describe, expect, it } from "vitest";
import { ctxOf, memberActor } from "@/test/support/service-context";
import { useSimulatedCatalog } from "./simulated-catalog";
import type { Actor } from "../../../lib/services/context";

// Editing and deleting an account on a real database and the simulator.

const catalog = await useSimulatedCatalog();
const { db } = await import("@/lib/db/client");
const { updateAccount, updateAccountInput } = await import("@/lib/services/accounts/update");
const { deleteAccount } = await import("@/lib/services/accounts/delete");
const { syncNow } = await import("@/lib/services/accounts/sync-now");
const { providerAccountFor } = await import("@/lib/catalog/provider-account");

const admin: Actor = await memberActor("admin@lab.test", "admin");

function form(overrides: Record<string, string> = {}) {
  const a = catalog.sim.azure.demoAccount;
  const e = catalog.sim.azure.endpoints;
  return updateAccountInput.parse({
    cloud: "azure",
    accountId: catalog.accountId,
    name: "lab renamed",
    tenantId: a.tenantId,
    subscriptionId: a.subscriptionId,
    resourceGroup: a.resourceGroup,
    logAnalyticsWorkspaceId: a.logAnalyticsWorkspaceId,
    clientId: "",
    clientSecret: "",
    serviceBusKeyName: "",
    serviceBusKey: "",
    resourceManager: e.resourceManager,
    authorityHost: e.authorityHost,
    logAnalytics: e.logAnalytics,
    serviceBus: e.serviceBus,
    readOnly: "on",
    ...overrides,
  });
}

async function credentials() {
  const row = await db().cloudAccount.findUniqueOrThrow({ where: { id: catalog.accountId } });
  return { row, credentials: row.credentialsCipher ? providerAccountFor(row, { current: process.env.BATCHDECK_ENCRYPTION_KEY! }).credentials : null };
}

describe("editing an account", () => {
  it("keeps the saved secret when the field is blank, and tests the connection first", async () => {
    const before = await credentials();
    const outcome = await updateAccount(ctxOf(admin), form());
    expect(outcome.message).toMatch(/^lab renamed saved: Listed \d+ jobs.*Its secrets are unchanged\.$/);
    const after = await credentials();
    expect(after.row.name).toBe("lab renamed");
    expect(after.row.readOnly).toBe(true);
    expect(after.credentials).toEqual(before.credentials);
  });

  it("refuses a wrong new secret with the cloud's reason and changes nothing", async () => {
    const before = await credentials();
    const error = await updateAccount(ctxOf(admin), form({ name: "other", clientSecret: "wrong" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "cloud_credentials" });
    expect((error as Error).message).toMatch(/^Could not connect, so nothing was saved: .*AADSTS7000215/);
    expect(await credentials()).toEqual(before);
  });
});

describe("deleting an account", () => {
  it("marks it, keeps its history, drops its secrets and refuses sync and edits", async () => {
    await syncNow(ctxOf(admin), { accountId: catalog.accountId });
    const jobs = await db().job.count({ where: { accountId: catalog.accountId } });
    expect(jobs).toBeGreaterThan(0);
    const outcome = await deleteAccount(ctxOf(admin), { accountId: catalog.accountId });
    expect(outcome.message).toBe("lab renamed deleted. Its jobs and runs stay in the history; it is no longer synced.");
    const row = await db().cloudAccount.findUniqueOrThrow({ where: { id: catalog.accountId } });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row.credentialsCipher).toBeNull();
    expect(await db().job.count({ where: { accountId: catalog.accountId } })).toBe(jobs);
    await expect(syncNow(ctxOf(admin), { accountId: catalog.accountId })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateAccount(ctxOf(admin), form())).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteAccount(ctxOf(admin), { accountId: catalog.accountId })).rejects.toMatchObject({ code: "not_found" });
  });
});
