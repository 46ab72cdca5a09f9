import { expect, type Browser, type Page } from "@playwright/test";
import pg from "pg";

export const OWNER = "owner@lab.test";

/** Signs in through the app's sign-in page, next-auth, and the demo OpenID Connect issuer's form. */
export async function signIn(page: Page, email: string, startAt = "/jobs") {
  await page.goto(startAt);
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

export async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page.getByTestId("signed-in-as").first()).toHaveText(email);
  return page;
}

/** Direct reads of the app's database, to prove what a request did or didn't change. */
export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the end-to-end tests with `npm run test:e2e`.");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Opens the Jobs page once the demo's background sync has put `job` in the catalog; returns its row. */
export async function jobRow(page: Page, job: string) {
  const cell = page.getByRole("cell", { name: job, exact: true });
  await expect(async () => {
    await page.goto("/jobs");
    await expect(cell).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  return page.getByRole("row").filter({ has: cell });
}
