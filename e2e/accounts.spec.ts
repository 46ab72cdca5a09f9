import { expect, request as playwrightRequest, test, type Locator } from "@playwright/test";
import { OWNER, jobRow, signIn, signedInPage, sql } from "./support";

/**
 * Clicks "Sync now" until this click ran the sync: while the background worker syncs the same account
 * the click only says so ("a sync of … is running now"), since both take the account's sync lock.
 */
async function syncNow(scope: Locator, name: string, done: RegExp) {
  await expect(async () => {
    await scope.getByRole("button", { name: `Sync ${name} now` }).click();
    await expect(scope.getByRole("status").first()).toContainText(done, { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
}

// The demo's simulated Azure account, end to end: catalog row with sealed credentials → the Azure
// adapter → the simulator over HTTPS, driven from the Accounts page.

test("the demo's simulated account is synced at start and its history shows on the pages", async ({ page }) => {
  await signIn(page, OWNER, "/accounts");
  const row = page.getByRole("row").filter({ hasText: "Azure lab (simulated)" });
  await expect(row.getByText("simulated", { exact: true })).toBeVisible();
  const [account] = await sql<{ credentials_cipher: Buffer; settings: unknown }>("select credentials_cipher, settings from cloud_accounts where is_demo and cloud = 'azure'");
  expect(account!.credentials_cipher.toString("latin1")).not.toMatch(/clientSecret/);

  await jobRow(page, "nightly-etl");
  await page.goto("/executions");
  await expect(page.getByRole("cell", { name: "no2", exact: true }).first()).toBeVisible();
  await page.getByLabel("Batch", { exact: true }).selectOption("no2");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/batch=no2/);
  const rows = page.getByTestId("execution-row");
  expect(await rows.count()).toBeGreaterThan(0);
  for (const text of await rows.allTextContents()) expect(text).not.toContain("no1");

  await page.goto("/usage");
  const card = page.getByTestId("usage-card").filter({ hasText: "Azure lab (simulated)" });
  await expect(card).toContainText(/[\d,]+ \/ 180,000 vCPU-s/);
  await expect(card).toContainText(/[\d,]+ \/ 360,000 GiB-s/);
  await expect(card.getByRole("meter").first()).toHaveAttribute("aria-valuenow", /^[1-9]/);
});

test("an owner tests the connection and syncs; a viewer sees no such buttons", async ({ page, browser }) => {
  await signIn(page, OWNER, "/accounts");
  await page.getByRole("button", { name: "Test connection to Azure lab (simulated)" }).click();
  await expect(page.getByRole("status")).toContainText("Azure lab (simulated): connected.");
  await syncNow(page.locator("body"), "Azure lab (simulated)", /synced 2 job\(s\) and \d+ execution\(s\)/);
  const audit = await sql<{ result: string }>("select result from audit_events where action = 'account.sync'");
  expect(audit.map((a) => a.result)).toContain("ok");

  await sql("insert into invitations (id, email, role, token, expires_at) values ('inv_acc_viewer', 'looker@lab.test', 'viewer', 'looker-token-aaaaaaaaaaaaaaaaaaaa', now() + interval '1 day')");
  const viewer = await signedInPage(browser, "looker@lab.test");
  await viewer.goto("/accounts");
  await expect(viewer.getByRole("row").filter({ hasText: "Azure lab (simulated)" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: /Test connection/ })).toHaveCount(0);
  await viewer.context().close();
});

test("adding an account with a wrong secret says why, saves nothing and keeps what was typed", async ({ page }) => {
  const [demo] = await sql<{ settings: { tenantId: string; subscriptionId: string; resourceGroup: string } }>("select settings from cloud_accounts where is_demo and cloud = 'azure'");
  const sim = `https://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4610}/azure`;
  await signIn(page, OWNER, "/accounts");
  const form = page.getByRole("form", { name: "Add an Azure account" });
  await form.getByLabel("Name in Batchdeck").fill("Physics lab");
  await form.getByLabel("Tenant (directory) ID").fill(demo!.settings.tenantId);
  await form.getByLabel("Subscription ID").fill("not-a-guid");
  await form.getByLabel("Resource group of the jobs").fill(demo!.settings.resourceGroup);
  await form.getByLabel("Client (application) ID").fill("some-app");
  await form.getByLabel("Client secret").fill("wrong-secret");
  await form.getByRole("button", { name: "Test and add" }).click();
  await expect(form.getByText("The subscription ID is a GUID")).toBeVisible();
  await expect(form.getByLabel("Name in Batchdeck")).toHaveValue("Physics lab");

  await form.getByLabel("Subscription ID").fill(demo!.settings.subscriptionId);
  await form.getByLabel("Client secret").fill("wrong-secret");
  await form.getByText("Other endpoints (sovereign clouds)").click();
  await form.getByLabel("Resource Manager").fill(`${sim}/arm`);
  await form.getByLabel("Entra ID authority").fill(`${sim}/login`);
  await form.getByRole("button", { name: "Test and add" }).click();
  await expect(form.getByRole("alert")).toContainText("Could not connect, so nothing was saved");
  await expect(form.getByRole("alert")).toContainText("Microsoft Entra ID refused to sign in");
  await expect(form.getByLabel("Resource group of the jobs")).toHaveValue(demo!.settings.resourceGroup);
  await expect(form.getByLabel("Client secret")).toHaveValue("");
  expect(await sql("select 1 from cloud_accounts where name = 'Physics lab'")).toHaveLength(0);
});

test("an owner edits the simulated account: a blank secret is kept, a wrong one saves nothing", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, OWNER, "/accounts");
  const row = page.getByRole("row").filter({ hasText: "Azure lab (simulated)" });
  const [before] = await sql<{ credentials_cipher: Buffer; settings: unknown; endpoints: unknown }>("select credentials_cipher, settings, endpoints from cloud_accounts where is_demo and cloud = 'azure'");
  await page.getByText("Edit Azure lab (simulated)").click();
  const form = page.getByRole("form", { name: "Edit Azure lab (simulated)" });
  await expect(form.getByLabel("Client secret")).toHaveValue("");
  await expect(form.getByLabel("Client secret")).toHaveAttribute("placeholder", "Unchanged");
  await page.screenshot({ path: "test-results/accounts-edit-1280.png", fullPage: true });

  await form.getByRole("button", { name: "Test and save" }).click();
  await expect(form.getByRole("status")).toContainText(/^Azure lab \(simulated\) saved: Listed \d+ jobs.*Its secrets are unchanged\.$/);
  // The saved values stay in the form after the save, ready for the next edit.
  await expect(form.getByLabel("Resource group of the jobs")).toHaveValue((before!.settings as { resourceGroup: string }).resourceGroup);
  const [saved] = await sql<{ settings: unknown; endpoints: unknown }>("select settings, endpoints from cloud_accounts where is_demo and cloud = 'azure'");
  expect(saved).toEqual({ settings: before!.settings, endpoints: before!.endpoints });
  await syncNow(row, "Azure lab (simulated)", /Azure lab \(simulated\): synced \d+ job\(s\)/);

  const [kept] = await sql<{ credentials_cipher: Buffer }>("select credentials_cipher from cloud_accounts where is_demo and cloud = 'azure'");
  await form.getByLabel("Client secret").fill("wrong-secret");
  await form.getByLabel("Name in Batchdeck").fill("Renamed lab");
  await form.getByRole("button", { name: "Test and save" }).click();
  await expect(form.getByRole("alert")).toContainText("Could not connect, so nothing was saved");
  await expect(form.getByRole("alert")).toContainText("the client secret is wrong");
  await expect(form.getByLabel("Name in Batchdeck")).toHaveValue("Renamed lab");
  const [after] = await sql<{ name: string; credentials_cipher: Buffer }>("select name, credentials_cipher from cloud_accounts where is_demo and cloud = 'azure'");
  expect(after!.name).toBe("Azure lab (simulated)");
  expect(after!.credentials_cipher.equals(kept!.credentials_cipher)).toBe(true);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/accounts-edit-error-390.png", fullPage: true });
  await row.getByRole("button", { name: "Test connection to Azure lab (simulated)" }).click();
  await expect(row.getByRole("status").first()).toContainText("Azure lab (simulated): connected.");
});

test("an owner adds a second simulated account and deletes it: marked deleted, no actions, history kept", async ({ page }) => {
  const sim = await playwrightRequest.newContext({ ignoreHTTPSErrors: true });
  const created = await sim.post(`https://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4610}/_sim/azure/accounts`, { data: { resourceGroup: "chem" } });
  expect(created.status()).toBe(201);
  const account = (await created.json()) as Record<string, string> & { endpoints: Record<string, string> };
  const job = await sim.post(`https://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4610}/_sim/azure/jobs`, {
    data: { subscriptionId: account.subscriptionId, resourceGroup: "chem", name: "titration", triggerType: "Manual" },
  });
  expect(job.status()).toBe(201);
  await sim.dispose();

  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, OWNER, "/accounts");
  const form = page.getByRole("form", { name: "Add an Azure account" });
  await form.getByLabel("Name in Batchdeck").fill("Chemistry lab");
  await form.getByLabel("Tenant (directory) ID").fill(account.tenantId!);
  await form.getByLabel("Subscription ID").fill(account.subscriptionId!);
  await form.getByLabel("Resource group of the jobs").fill("chem");
  await form.getByLabel("Client (application) ID").fill(account.clientId!);
  await form.getByLabel("Client secret").fill(account.clientSecret!);
  await form.getByText("Other endpoints (sovereign clouds)").click();
  await form.getByLabel("Resource Manager").fill(account.endpoints.resourceManager!);
  await form.getByLabel("Entra ID authority").fill(account.endpoints.authorityHost!);
  await form.getByLabel("Log Analytics endpoint").fill(account.endpoints.logAnalytics!);
  await form.getByRole("button", { name: "Test and add" }).click();
  await expect(form.getByRole("status")).toContainText("Chemistry lab");

  const row = page.getByRole("row").filter({ hasText: "Chemistry lab" });
  await syncNow(row, "Chemistry lab", /Chemistry lab: synced 1 job\(s\)/);
  await row.getByRole("button", { name: "Delete Chemistry lab" }).click();
  await expect(row.getByRole("group", { name: "Confirm deleting Chemistry lab" })).toContainText("its jobs and runs stay in the history");
  await page.screenshot({ path: "test-results/accounts-delete-confirm-1280.png", fullPage: true });
  await row.getByRole("button", { name: "Yes, delete" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Chemistry lab deleted." })).toBeVisible();
  await expect(row.getByText("deleted", { exact: true })).toBeVisible();
  await expect(row.getByRole("button")).toHaveCount(0);
  await expect(page.getByText("Edit Chemistry lab")).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/accounts-deleted-390.png", fullPage: true });
  const [deleted] = await sql<{ deleted_at: Date | null; credentials_cipher: Buffer | null; jobs: string }>(
    "select a.deleted_at, a.credentials_cipher, (select count(*) from jobs j where j.account_id = a.id) as jobs from cloud_accounts a where a.name = 'Chemistry lab'",
  );
  expect(deleted!.deleted_at).toBeInstanceOf(Date);
  expect(deleted!.credentials_cipher).toBeNull();
  expect(deleted!.jobs).toBe("1");
  // Its jobs stay in the catalog (and their runs in the history) but leave the Jobs screen, which is for acting.
  await page.goto("/jobs?q=titration");
  await expect(page.getByText("No jobs match")).toBeVisible();
});
