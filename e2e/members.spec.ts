import { expect, test, type Page } from "@playwright/test";
import { OWNER, signIn, signedInPage, sql } from "./support";

const MEMBER = "member@lab.test";

async function invite(page: Page, email: string, role = "viewer") {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Create invitation" }).click();
}

test.describe.configure({ mode: "serial" });

test("owner invites a viewer; bad input is refused inline; the member joins through the link", async ({ page, browser }) => {
  await signIn(page, OWNER, "/members");
  await expect(page.getByRole("heading", { name: "Members", exact: true })).toBeVisible();

  await invite(page, "not an email");
  await expect(page.getByText("That is not a valid email address")).toBeVisible();

  // A role that isn't one: the server refuses what the select would never offer.
  await page.getByLabel("Role", { exact: true }).evaluate((select: HTMLSelectElement) => {
    select.add(new Option("Superuser", "superuser"));
    select.value = "superuser";
  });
  await page.getByLabel("Email").fill("x@lab.test");
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(page.getByText("Choose one of: owner, admin, operator, viewer.")).toBeVisible();
  expect(await sql("select 1 from invitations where email in ('x@lab.test', 'not an email')")).toHaveLength(0);

  await invite(page, MEMBER);
  const link = (await page.getByTestId("new-invitation-link").textContent())!;
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId("invitation-row").filter({ hasText: MEMBER })).toBeVisible();

  await invite(page, MEMBER);
  await expect(page.getByRole("form", { name: "Invite a member" }).getByRole("alert")).toContainText("already has a pending invitation");
  await expect(page.getByLabel("Email")).toHaveValue(MEMBER); // nothing typed is lost
  expect(await sql("select 1 from invitations where email = $1", [MEMBER])).toHaveLength(1);

  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto(link);
  await expect(memberPage.getByRole("heading", { name: "You're invited" })).toBeVisible();
  await memberPage.getByRole("button", { name: `Sign in as ${MEMBER}` }).click();
  await memberPage.getByLabel("Email").fill(MEMBER);
  await memberPage.getByRole("button", { name: "Continue" }).click();
  await expect(memberPage.getByTestId("signed-in-as").first()).toHaveText(MEMBER);
  await memberPage.goto("/members");
  await expect(memberPage.getByText("You can see who is here")).toBeVisible();
  await expect(memberPage.getByRole("button", { name: "Create invitation" })).toHaveCount(0);
  await expect(memberPage.getByRole("button", { name: /Remove/ })).toHaveCount(0);
  const [accepted] = await sql<{ accepted_at: Date | null }>("select accepted_at from invitations where email = $1", [MEMBER]);
  expect(accepted?.accepted_at).not.toBeNull();
  await memberContext.close();
});

test("a viewer posting an admin server action directly is forbidden, changes nothing, and is audited", async ({ page, browser }) => {
  // Capture a real invite request (its action id and encoding) from the owner's browser.
  await signIn(page, OWNER, "/members");
  const captured = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await invite(page, "captured@lab.test");
  const request = await captured;
  const headers = await request.allHeaders();
  const body = request.postDataBuffer()!;
  const invitationsBefore = await sql("select id from invitations");

  const viewer = await signedInPage(browser, MEMBER);
  const forged = await viewer.request.post("/members", {
    headers: { "next-action": headers["next-action"]!, "content-type": headers["content-type"]!, accept: "text/x-component", origin: new URL(viewer.url()).origin },
    data: body.toString("latin1").replaceAll("captured@lab.test", "forged@lab.test"),
  });
  expect(forged.status()).toBe(200); // server actions answer with the action's result
  expect(await forged.text()).toContain("Forbidden: your role (viewer) does not allow this.");
  expect(await sql("select id from invitations")).toEqual(invitationsBefore);
  expect(await sql("select 1 from invitations where email = 'forged@lab.test'")).toHaveLength(0);
  const denied = await sql<{ actor_email: string }>("select actor_email from audit_events where action = 'member.invite' and result = 'denied'");
  expect(denied.map((d) => d.actor_email)).toContain(MEMBER);
  await viewer.context().close();
});

test("removing a member ends their live session on their next request", async ({ page, browser }) => {
  const viewer = await signedInPage(browser, MEMBER);
  await signIn(page, OWNER, "/members");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Remove ${MEMBER}` }).click();
  await expect(page.getByRole("status")).toContainText(`${MEMBER} was removed`);
  await viewer.goto("/jobs");
  await expect(viewer).toHaveURL(/\/signin/);
  expect(await sql("select 1 from users where email = $1", [MEMBER])).toHaveLength(0);
  await viewer.context().close();
});

test("the last owner cannot be demoted", async ({ page }) => {
  await signIn(page, OWNER, "/members");
  const row = page.getByTestId("member-row").filter({ hasText: OWNER });
  await row.getByLabel(`Role for ${OWNER}`).selectOption("admin");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("alert")).toContainText("is the last owner and cannot be demoted");
  const [owner] = await sql<{ role: string }>("select role from users where email = $1", [OWNER]);
  expect(owner?.role).toBe("owner");
  await page.goto("/audit?result=denied");
  await expect(page.getByTestId("audit-row").filter({ hasText: "member.change_role" }).first()).toBeVisible();
});

test("an expired invitation link explains itself and does not let its holder in", async ({ page }) => {
  await sql(
    "insert into invitations (id, email, role, token, expires_at, created_at) values ('inv_expired', 'late@lab.test', 'viewer', $1, now() - interval '1 day', now() - interval '8 days')",
    ["expired-token-aaaaaaaaaaaaaaaaaaaa"],
  );
  await page.goto("/invite/expired-token-aaaaaaaaaaaaaaaaaaaa");
  await expect(page.getByRole("heading", { name: "Invitation expired" })).toBeVisible();
  await signIn(page, "late@lab.test");
  await expect(page).toHaveURL(/\/denied/);
});
