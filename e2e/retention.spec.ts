import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { OWNER, signedInPage, signIn, sql } from "./support";

// Per-account retention end to end: an owner sees what a retention removes, downloads exactly those
// runs, confirms, and the sync worker's purge (it picks the account up within half a sync interval)
// removes them from the Executions page. Exports are for admins and owners only.

const ACCOUNT = "Azure lab (simulated)";
const DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;

/** The purge's cut (lib/retention/cut.ts): the UTC midnight at or before now − DAYS. */
const cutOf = (now: number) => new Date(Math.floor((now - DAYS * DAY_MS) / DAY_MS) * DAY_MS);

test("an owner sets a retention on the demo account, downloads the runs it removes, confirms, and the purge removes them", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, OWNER, "/accounts");
  // The demo seeds three weeks of history; wait until the first sync has stored it.
  let found: { id: string } | undefined;
  await expect(async () => {
    [found] = await sql<{ id: string }>("select a.id from cloud_accounts a where a.name = $1 and exists (select 1 from executions e where e.account_id = a.id and e.started_at < now() - interval '10 days')", [ACCOUNT]);
    expect(found).toBeDefined();
  }).toPass({ timeout: 60_000 });
  const account = found!;
  const cut = cutOf(Date.now());
  const doomed = async () =>
    (await sql<{ provider_id: string }>(
      "select provider_id from executions where account_id = $1 and status not in ('running', 'queued') and ((started_at < $2 and coalesce(ended_at, started_at) < $2) or (started_at is null and coalesce(ended_at, created_at) < $2))",
      [account.id, cut],
    )).map((r) => r.provider_id);
  const expected = await doomed();
  expect(expected.length).toBeGreaterThan(10);

  // The runs before the cut show on the Executions page (a cursor at the cut lists runs started before it).
  const beforeCut = `/executions?before=${cut.toISOString()}_zzzzzzzzzz`;
  await page.goto(beforeCut);
  const listed = async () => (await page.getByTestId("execution-row").locator("td.mono").allTextContents()).map((t) => t.trim());
  expect((await listed()).filter((id) => expected.includes(id)).length).toBeGreaterThan(0);

  await page.goto("/accounts");
  await page.getByText(`Run history of ${ACCOUNT}`).click();
  const form = page.getByRole("form", { name: `Run history of ${ACCOUNT}` });
  await expect(form.getByRole("button", { name: "Save retention" })).toBeEnabled();
  await form.getByLabel("Keep runs for (days)").fill(String(DAYS));
  await expect(form.getByRole("button", { name: "Save retention" })).toBeDisabled();
  await form.getByRole("button", { name: "Check what it removes" }).click();
  const preview = form.getByTestId("retention-preview");
  await expect(preview).toContainText(`Keeping ${DAYS} days removes ${expected.length.toLocaleString("en-US")} runs, from `);
  await expect(preview).toContainText(`(every run that ended before ${cut.toISOString().slice(0, 16).replace("T", " ")} UTC)`);

  const [download] = await Promise.all([page.waitForEvent("download"), preview.getByRole("link", { name: "CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^batchdeck-azure-lab-simulated-executions-\d{4}-\d\d-\d\d\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.split("\r\n");
  expect(lines.at(-1)).toBe("");
  expect(lines[0]).toBe("execution_id,account,job,batch,status,started_at,ended_at,duration_seconds,exit_code,image,vcpu,memory_mib,triggered_by,triggered_by_member,request_key,overrides,cost_usd");
  const exported = lines.slice(1, -1).map((line) => line.split(",")[0]!);
  expect(exported.sort()).toEqual([...expected].sort());

  // Saving needs the explicit confirmation.
  await form.getByRole("button", { name: "Save retention" }).click();
  await expect(form.getByRole("checkbox", { name: `Remove these ${expected.length.toLocaleString("en-US")} runs for good` })).toBeVisible();
  await form.getByRole("checkbox", { name: /Remove these/ }).check();
  await form.getByRole("button", { name: "Save retention" }).click();
  await expect(form.getByRole("status").last()).toContainText(`${ACCOUNT} keeps ${DAYS} days of runs. The ${expected.length.toLocaleString("en-US")} older runs are removed in the background shortly`);

  // The worker's purge: every doomed run gone, audited once with the count.
  await expect(async () => expect(await doomed()).toEqual([])).toPass({ timeout: 90_000 });
  const events = await sql<{ detail: { deleted: number } }>("select detail from audit_events where action = 'account.purge' and target_id = $1", [account.id]);
  expect(events.map((e) => e.detail.deleted)).toContain(expected.length);
  const saved = await sql<{ action: string; actor_email: string; result: string }>("select action, actor_email, result from audit_events where action in ('account.set_retention', 'executions.export') order by at");
  expect(saved).toEqual([
    { action: "executions.export", actor_email: OWNER, result: "ok" },
    { action: "account.set_retention", actor_email: OWNER, result: "ok" },
  ]);
  await page.goto(beforeCut);
  expect((await listed()).filter((id) => expected.includes(id))).toEqual([]);
  // Keep everything again, so later specs see an account without a retention.
  await sql("update cloud_accounts set retention_days = null where id = $1", [account.id]);
});

test("a viewer cannot export nor set a retention; an admin exports but does not set one", async ({ browser }) => {
  const [account] = await sql<{ id: string }>("select id from cloud_accounts where name = $1", [ACCOUNT]);
  const url = `/api/executions/export?account=${account!.id}&format=csv&olderThanDays=30`;
  await sql("insert into invitations (id, email, role, token, expires_at) values ('inv_ret_viewer', 'ret-viewer@lab.test', 'viewer', 'ret-viewer-token-aaaaaaaaaaaaaa', now() + interval '1 day'), ('inv_ret_admin', 'ret-admin@lab.test', 'admin', 'ret-admin-token-aaaaaaaaaaaaaaa', now() + interval '1 day')");
  const viewer = await signedInPage(browser, "ret-viewer@lab.test");
  const refused = await viewer.request.get(url);
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toEqual({ error: "forbidden", message: "Forbidden: your role (viewer) does not allow this." });
  await viewer.goto("/accounts");
  await expect(viewer.getByText(/Run history of/)).toHaveCount(0);
  await viewer.context().close();

  const admin = await signedInPage(browser, "ret-admin@lab.test");
  const allowed = await admin.request.get(url);
  expect(allowed.status()).toBe(200);
  expect(allowed.headers()["content-type"]).toBe("text/csv; charset=utf-8; header=present");
  expect((await allowed.text()).split("\r\n")[0]).toMatch(/^execution_id,account,job,/);
  expect((await admin.request.get(`/api/accounts/retention-preview?account=${account!.id}&days=30`)).status()).toBe(403);
  await admin.goto("/accounts");
  await expect(admin.getByText(/Run history of/)).toHaveCount(0);
  await admin.context().close();
});
