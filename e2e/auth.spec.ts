import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { OWNER, signIn, sql } from "./support";

/** Signs in from the sign-in page with `callbackUrl` as given, through next-auth and the demo issuer. */
async function signInVia(page: Page, callbackUrl: string, email = OWNER) {
  await page.goto(`/signin?callbackUrl=${callbackUrl}`);
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

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
  // The cookie holds the token; the database only its SHA-256.
  const cookie = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
  expect(cookie?.value).toMatch(/^[0-9a-f-]{32,64}$/);
  expect(await sql("select 1 from sessions where session_token = $1", [cookie!.value])).toHaveLength(0);
  const digest = createHash("sha256").update(cookie!.value).digest("hex");
  expect(await sql("select 1 from sessions where session_token = $1", [digest])).toHaveLength(1);

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/signin/);
  expect(await sql("select 1 from sessions where session_token = $1", [digest])).toHaveLength(0);
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

test("a callbackUrl that leaves the site ends on the app's own origin; a path with a query is kept", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  // A fresh context per case: clearing cookies races the session refetch of the page before, which sets it again.
  async function freshPage() {
    const context = await browser.newContext();
    // Were the app to send the browser off-site, this answers instead of a DNS failure, and the test sees it.
    await context.route((url) => url.hostname === "evil.example", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" }));
    return context.newPage();
  }
  const offSite = ["/%5Cevil.example", "/%09/evil.example", "%2F%5Cevil.example%2Fjobs", "https://evil.example/"];
  // Signed in, the sign-in page redirects to the callback itself.
  const signedIn = await freshPage();
  await signInVia(signedIn, "%2Fjobs");
  await expect(signedIn.getByTestId("signed-in-as").first()).toHaveText(OWNER);
  for (const callbackUrl of offSite) {
    await signedIn.goto(`/signin?callbackUrl=${callbackUrl}`);
    expect(new URL(signedIn.url()).origin, callbackUrl).toBe(origin);
    await expect(signedIn.getByTestId("signed-in-as").first()).toHaveText(OWNER);
  }
  await signedIn.context().close();
  // Signed out, the callback travels through next-auth and the issuer and comes back.
  for (const callbackUrl of offSite) {
    const page = await freshPage();
    await signInVia(page, callbackUrl);
    await expect(page.getByTestId("signed-in-as").first()).toHaveText(OWNER);
    expect(new URL(page.url()).origin, callbackUrl).toBe(origin);
    await page.context().close();
  }
  const page = await freshPage();
  await signInVia(page, encodeURIComponent("/audit?result=denied"));
  await expect(page).toHaveURL(`${origin}/audit?result=denied`);
  await expect(page.getByRole("heading", { name: "Audit", exact: true })).toBeVisible();
  await page.context().close();
});

test("refused sign-ins past the limit end on a page that says to wait, and stop adding audit rows", async ({ browser }) => {
  // One client address for this test alone, as a proxy would report it, so the suite's other sign-ins
  // from loopback don't share its count.
  test.setTimeout(240_000);
  // Limits count in fixed 15-minute windows (lib/rate-limit): don't start within two minutes of a window's end.
  const left = 900_000 - (Date.now() % 900_000);
  if (left < 120_000) await new Promise((resolve) => setTimeout(resolve, left + 1000));
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.77" } });
  const page = await context.newPage();
  const email = "flooder@elsewhere.org";
  for (let i = 0; i < 10; i++) {
    await signInVia(page, "%2Fjobs", email);
    await expect(page).toHaveURL(/\/denied/);
  }
  await signInVia(page, "%2Fjobs", email);
  await expect(page).toHaveURL(/\/signin\?error=TooManyAttempts/);
  await expect(page.getByText(/^Too many sign-in attempts\. Try again in (1[0-5]|[1-9]) min\.$/)).toBeVisible();
  await signInVia(page, "%2Fjobs", email);
  await expect(page.getByText("Too many sign-in attempts.")).toBeVisible();
  const audit = await sql<{ reason: string; address: string | null }>(
    "select detail->>'reason' as reason, detail->>'address' as address from audit_events where action = 'auth.sign_in' and target = $1 order by reason",
    [email],
  );
  expect(audit).toEqual([...Array.from({ length: 10 }, () => ({ reason: "not_invited", address: null })), { reason: "rate_limited", address: "203.0.113.77" }]);
  await context.close();
});
