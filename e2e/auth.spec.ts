import { expect, test } from "@playwright/test";
import { OWNER, signIn, sql } from "./support";

test("an owner signs in through the OpenID Connect issuer and out again", async ({ page }) => {
  await signIn(page, OWNER);
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByRole("heading", { name: "Jobs", exact: true })).toBeVisible();
  await expect(page.getByTestId("signed-in-as").first()).toHaveText(OWNER);
  await expect(page.getByRole("note")).toContainText("Demo mode");
  const [user] = await sql<{ role: string }>("select role from users where email = $1", [OWNER]);
  expect(user?.role).toBe("owner");
  const [session] = await sql<{ n: string }>("select count(*) as n from sessions s join users u on u.id = s.user_id where u.email = $1", [OWNER]);
  expect(Number(session?.n)).toBeGreaterThan(0);

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/members");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fmembers/);
});

test("an uninvited email is refused with a page that says whom to ask, without naming members", async ({ page }) => {
  await signIn(page, OWNER); // makes sure there is an owner who could be named
  await page.context().clearCookies();
  await signIn(page, "stranger@elsewhere.org");
  await expect(page).toHaveURL(/\/denied/);
  await expect(page.getByRole("heading", { name: "You're not a member yet" })).toBeVisible();
  await expect(page.getByText("stranger@elsewhere.org")).toBeVisible();
  await expect(page.getByText("Ask the person who invited you")).toBeVisible();
  await expect(page.locator('a[href^="mailto:"]')).toHaveCount(0);
  const rows = await sql("select 1 from users where email = 'stranger@elsewhere.org'");
  expect(rows).toHaveLength(0);
  const audit = await sql<{ result: string }>("select result from audit_events where action = 'auth.sign_in' and target = 'stranger@elsewhere.org'");
  expect(audit.map((a) => a.result)).toContain("denied");

  await page.goto("/denied?email=curious%40elsewhere.org");
  await expect(page.getByText("Ask the person who invited you")).toBeVisible();
  await expect(page.locator('a[href^="mailto:"]')).toHaveCount(0);
});

test("the demo issuer's form rejects a malformed email inline", async ({ page }) => {
  await page.goto("/jobs");
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter a full email address");
});
