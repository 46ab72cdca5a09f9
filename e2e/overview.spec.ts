import { expect, request as playwrightRequest, test } from "@playwright/test";
import { OWNER, signIn, sql } from "./support";

// The page a lab opens first: the last 24 hours across accounts, failures first, and a banner for an
// account whose cloud is in trouble while the others keep working.

const SIM = `https://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4610}/_sim`;

test("the overview counts the last day's runs, lists its failures with their logs, and says which account is in trouble", async ({ page }) => {
  await signIn(page, OWNER, "/");
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");

  // The counts are the catalog's, once the demo's first sync has landed.
  await expect(async () => {
    await page.goto("/");
    const [row] = await sql<{ failed: number }>(
      "select count(*)::int as failed from executions where status = 'failed' and started_at >= now() - interval '24 hours'",
    );
    expect(row!.failed).toBeGreaterThan(0);
    await expect(page.getByTestId("stat-failed").locator("dd")).toHaveText(String(row!.failed), { timeout: 1000 });
  }).toPass({ timeout: 60_000 });

  const failures = page.getByRole("table", { name: "Failed runs" }).getByTestId("overview-run");
  expect(await failures.count()).toBeGreaterThan(0);
  for (const text of await failures.allTextContents()) expect(text).toContain("failed");
  await failures.first().getByRole("link", { name: "Logs" }).click();
  await expect(page).toHaveURL(/\/logs\?execution=/);

  // A throttled cloud: its account gets a banner on the overview; nothing else is blocked.
  const [demo] = await sql<{ subscription: string }>("select settings->>'subscriptionId' as subscription from cloud_accounts where is_demo and cloud = 'azure'");
  const sim = await playwrightRequest.newContext({ ignoreHTTPSErrors: true });
  try {
    expect((await sim.post(`${SIM}/faults`, { data: { account: demo!.subscription, kind: "throttle", retryAfterSeconds: 1 } })).status()).toBe(201);
    await page.goto("/accounts");
    await page.getByRole("button", { name: "Sync Azure lab (simulated) now" }).click();
    const banner = page.getByTestId("account-health").filter({ hasText: "Azure lab (simulated)" });
    await expect(async () => {
      await page.goto("/");
      await expect(banner).toContainText("The cloud is throttling Batchdeck", { timeout: 1000 });
    }).toPass({ timeout: 60_000 });
    await expect(page.getByRole("table", { name: "Accounts" })).toContainText("The cloud is throttling Batchdeck");
    // ... and on its jobs, which still list from the catalog.
    await page.goto("/jobs");
    await expect(banner).toContainText("The cloud is throttling Batchdeck");
    await expect(page.getByRole("row").filter({ hasText: "nightly-etl" })).toContainText("The cloud is throttling Batchdeck");
  } finally {
    await sim.delete(`${SIM}/faults?account=${demo!.subscription}`);
    await sim.dispose();
  }
  // Once the cloud answers again, the next sync clears the banner.
  await expect(async () => {
    await page.goto("/accounts");
    await page.getByRole("button", { name: "Sync Azure lab (simulated) now" }).click();
    await page.goto("/");
    await expect(page.getByTestId("account-health")).toHaveCount(0, { timeout: 3000 });
  }).toPass({ timeout: 60_000 });
});
