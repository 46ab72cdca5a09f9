import { spawnSync } from "node:child_process";
import { expect, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import type { DemoAccount } from "../lib/catalog/demo-accounts";

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

function e2eDatabaseUrl(): string {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the end-to-end tests with `npm run test:e2e`.");
  return url;
}

/** One statement on the database at `url`, over a connection of its own. */
export async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Direct reads of the app's database, to prove what a request did or didn't change. */
export function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  return query<T>(e2eDatabaseUrl(), text, values);
}

/**
 * A database of its own on the end-to-end server, for a spec that starts its own app servers and workers
 * (so the app playwright.config.ts starts never sees its accounts): created afresh, migrated once before
 * any server starts (as docs/deploy.md says), and given `accounts` as the demo seeds them. Seeded through
 * a Prisma client of its own: the process-wide one stays bound to the first database it opened, and
 * specs in one Playwright worker share the process.
 */
export async function ownDatabase(name: string, accounts: DemoAccount[], encryptionKey: string): Promise<string> {
  await dropOwnDatabase(name);
  await query(e2eDatabaseUrl(), `create database ${name}`);
  const url = new URL(e2eDatabaseUrl());
  url.pathname = `/${name}`;
  const migrate = spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts", "deploy"], { env: { ...process.env, DATABASE_URL: url.href }, encoding: "utf8" });
  expect(migrate.status, migrate.stderr).toBe(0);
  // The simulator's endpoints are accepted in demo mode only.
  process.env.BATCHDECK_DEMO = "1";
  // Imported here, not above, so the specs that never call this don't load every cloud's SDK.
  const [{ seedDemoAccounts }, { prismaFor }] = await Promise.all([import("../lib/catalog/demo-accounts"), import("../lib/db/client")]);
  const client = prismaFor(url.href, 1);
  try {
    await seedDemoAccounts(accounts, encryptionKey, client);
  } finally {
    await client.$disconnect();
  }
  return url.href;
}

export async function dropOwnDatabase(name: string): Promise<void> {
  await query(e2eDatabaseUrl(), `drop database if exists ${name} with (force)`);
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
