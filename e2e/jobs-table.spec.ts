import { expect, test } from "@playwright/test";
import { OWNER, jobRow, signIn, sql } from "./support";

// The Jobs table past one page: 120 more jobs in an account of their own (beside the demo's), searched,
// sorted and paged through links whose state lives in the URL. The account is removed afterwards, so
// the specs after this one see the demo's jobs only.

const ACCOUNT = "e2e-jobs-table";
const BULK = 120;
const bulkName = (i: number) => `zz-bulk-${String(i).padStart(3, "0")}`;

test.use({ locale: "en-US", timezoneId: "UTC" });

test.beforeAll(async () => {
  await sql(`insert into cloud_accounts (id, cloud, name, settings, updated_at) values ($1::text, 'azure', $1::text, '{}', now())`, [ACCOUNT]);
  await sql(
    `insert into jobs (id, account_id, provider_id, name, updated_at)
     select $1::text || '-' || i, $1::text, n, n, now() from generate_series(0, $2::int - 1) i cross join lateral (select 'zz-bulk-' || lpad(i::text, 3, '0') as n) names`,
    [ACCOUNT, BULK],
  );
  // One schedule, daily at 03:00 UTC (Azure's 5-field cron is read in UTC).
  await sql(`insert into triggers (id, job_id, provider_id, kind, expression, updated_at) values ($1::text, $1::text || '-0', 'daily', 'schedule', '0 3 * * *', now())`, [ACCOUNT]);
});

test.afterAll(async () => {
  // A removed account's jobs leave the Jobs screen and it is no longer synced.
  await sql("update cloud_accounts set deleted_at = now() where id = $1", [ACCOUNT]);
});

const names = (page: import("@playwright/test").Page) => page.getByTestId("job-row").locator("td:first-child strong");

test("search narrows the table and survives a reload; a column sorts; page 2 shows the next 50", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, OWNER, "/jobs");
  await jobRow(page, "nightly-etl");

  // The next run of the scheduled job: the next 03:00 UTC, computed by hand.
  const now = new Date();
  let next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 3);
  if (next <= now.getTime()) next += 24 * 3_600_000;

  const search = page.getByRole("search", { name: "Search and filter jobs" });
  await search.getByLabel("Name contains").fill("BULK-11");
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]q=BULK-11(&|$)/);
  const tenth = Array.from({ length: 10 }, (_, i) => bulkName(110 + i));
  await expect(names(page)).toHaveText(tenth);
  await page.reload();
  await expect(names(page)).toHaveText(tenth);
  await expect(search.getByLabel("Name contains")).toHaveValue("BULK-11");
  await expect(page.getByTestId("jobs-count")).toHaveText("Showing 1–10 of 10");

  // A search that matches nothing says so, and "Clear filters" brings every job back.
  await search.getByLabel("Name contains").fill("no-such-job");
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("heading", { name: "No jobs match this search" })).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByRole("row").filter({ hasText: "nightly-etl" })).toHaveCount(1);

  // Only the bulk account's jobs, then Job sorted Z to A (the header link turns A to Z into Z to A).
  await search.getByLabel("Account").selectOption({ label: ACCOUNT });
  await search.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("jobs-count")).toHaveText(`Showing 1–50 of ${BULK}`);
  await expect(names(page).first()).toHaveText(bulkName(0));
  const firstRow = page.getByTestId("job-row").first();
  await expect(firstRow.locator("time")).toHaveAttribute("datetime", new Date(next).toISOString());
  await page.getByRole("columnheader", { name: "Job" }).getByRole("link").click();
  await expect(page).toHaveURL(/[?&]dir=desc(&|$)/);
  await expect(page.getByRole("columnheader", { name: "Job" })).toHaveAttribute("aria-sort", "descending");
  await expect(names(page).first()).toHaveText(bulkName(BULK - 1));

  // Page 2: the next 50 in the same order, and back.
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect(page.getByTestId("jobs-count")).toHaveText(`Showing 51–100 of ${BULK}`);
  await expect(names(page)).toHaveText(Array.from({ length: 50 }, (_, i) => bulkName(BULK - 51 - i)));
  await page.reload();
  await expect(names(page).first()).toHaveText(bulkName(BULK - 51));
  await page.getByRole("link", { name: "← Previous" }).click();
  await expect(page.getByTestId("jobs-count")).toHaveText(`Showing 1–50 of ${BULK}`);

  // Sorted by next run, soonest first: the one scheduled job leads.
  await page.getByRole("columnheader", { name: "Next run" }).getByRole("link").click();
  await expect(page).toHaveURL(/[?&]sort=next-run(&|$)/);
  await expect(names(page).first()).toHaveText(bulkName(0));

  // 100 a page, on a phone in dark mode: the last page holds the remaining 20, nothing scrolls sideways.
  await page.getByRole("link", { name: "100", exact: true }).click();
  await expect(page).toHaveURL(/[?&]size=100(&|$)/);
  await expect(page.getByTestId("jobs-count")).toHaveText(`Showing 1–100 of ${BULK}`);
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page.getByTestId("jobs-count")).toHaveText(`Showing 101–120 of ${BULK}`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath("jobs-table-390-dark.png"), fullPage: true });
});
