import { expect, test } from "@playwright/test";
import { OWNER, jobRow, signIn, signedInPage, sql } from "./support";

// The demo's simulated Azure account, end to end: catalog row with sealed credentials → the Azure
// adapter → the simulator over HTTPS, driven from the Accounts page.

test("the demo's simulated account is synced at start and its history shows on the pages", async ({ page }) => {
  await signIn(page, OWNER, "/accounts");
  const row = page.getByRole("row").filter({ hasText: "Azure lab (simulated)" });
  await expect(row.getByText("simulated", { exact: true })).toBeVisible();
  const [account] = await sql<{ credentials_cipher: Buffer; settings: unknown }>("select credentials_cipher, settings from cloud_accounts where is_demo");
  expect(account!.credentials_cipher.toString("latin1")).not.toMatch(/clientSecret/);

  await jobRow(page, "nightly-etl");
  await page.goto("/executions");
  await expect(page.getByRole("cell", { name: "no2", exact: true }).first()).toBeVisible();
  await page.getByLabel("Batch").selectOption("no2");
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
  await page.getByRole("button", { name: "Sync Azure lab (simulated) now" }).click();
  await expect(page.getByRole("status")).toContainText(/synced 2 job\(s\) and \d+ execution\(s\)/);
  const audit = await sql<{ result: string }>("select result from audit_events where action = 'account.sync'");
  expect(audit.map((a) => a.result)).toContain("ok");

  await sql("insert into invitations (id, email, role, token, expires_at) values ('inv_acc_viewer', 'looker@lab.test', 'viewer', 'looker-token-aaaaaaaaaaaaaaaaaaaa', now() + interval '1 day')");
  const viewer = await signedInPage(browser, "looker@lab.test");
  await viewer.goto("/accounts");
  await expect(viewer.getByRole("row").filter({ hasText: "Azure lab (simulated)" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: /Test connection/ })).toHaveCount(0);
  await viewer.context().close();
});
