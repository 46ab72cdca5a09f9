import { expect, test } from "@playwright/test";
import { jobRow, signedInPage, sql } from "./support";

const OPERATOR = "operator@lab.test";

test("an operator starts a run of one batch from the Jobs page, sees it with their name, and stops it", async ({ browser }) => {
  await sql("insert into invitations (id, email, role, token, expires_at) values ('inv_operator', $1, 'operator', 'operator-token-aaaaaaaaaaaaaaaaaa', now() + interval '1 day')", [OPERATOR]);
  const page = await signedInPage(browser, OPERATOR);
  const row = await jobRow(page, "nightly-etl");
  await row.getByText("Run…").click();
  const form = page.getByRole("form", { name: "Run nightly-etl" });
  await form.getByLabel("Extra env (NAME=value per line)").fill("MODE=full\nnot a line");
  await form.getByRole("button", { name: "Start nightly-etl" }).click();
  await expect(form.getByText("Line 2: write NAME=value")).toBeVisible();

  await form.getByLabel("Batch").fill("no2");
  await form.getByLabel("Extra env (NAME=value per line)").fill("SIM_DURATION_SECONDS=3600");
  await form.getByRole("button", { name: "Start nightly-etl" }).click();
  await expect(form.getByRole("status")).toContainText(/Started nightly-etl \(batch no2\): nightly-etl-[a-z0-9]{7}/);
  const execution = /nightly-etl-[a-z0-9]{7}/.exec((await form.getByRole("status").textContent())!)![0];
  const [recorded] = await sql<{ batch: string; email: string }>("select e.batch, u.email from executions e join users u on u.id = e.actor_id where e.provider_id = $1", [execution]);
  expect(recorded).toEqual({ batch: "no2", email: OPERATOR });

  await page.goto("/executions");
  const runRow = page.getByTestId("execution-row").filter({ hasText: execution });
  await expect(runRow).toContainText(OPERATOR);
  page.once("dialog", (d) => void d.accept());
  await runRow.getByRole("button", { name: `Stop ${execution}` }).click();
  await expect(page.getByTestId("execution-row").filter({ hasText: execution })).toContainText("stopped");
  // Re-run from its row: the answer shows in that row, with a link to the new run.
  await runRow.getByRole("button", { name: `Re-run ${execution} with the same parameters` }).click();
  await expect(runRow.getByRole("status")).toContainText("Started nightly-etl (batch no2)"); // the stop's success shows only as the row's status
  await runRow.getByRole("link", { name: "Open the new run →" }).click();
  await expect(page.getByRole("heading", { name: /^nightly-etl · nightly-etl-[a-z0-9]{7}$/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: `nightly-etl · ${execution}` })).toHaveCount(0);
  const audit = await sql<{ action: string; result: string }>("select action, result from audit_events where actor_email = $1 and action like 'execution.%' order by at", [OPERATOR]);
  expect(audit).toEqual([
    { action: "execution.start", result: "ok" },
    { action: "execution.stop", result: "ok" },
    { action: "execution.start", result: "ok" },
  ]);
  await page.context().close();
});

test("a viewer has no Run or Stop buttons", async ({ browser }) => {
  await sql("insert into invitations (id, email, role, token, expires_at) values ('inv_runs_viewer', 'watcher@lab.test', 'viewer', 'watcher-token-aaaaaaaaaaaaaaaaaaa', now() + interval '1 day')");
  const page = await signedInPage(browser, "watcher@lab.test");
  await page.goto("/jobs");
  await expect(page.getByRole("heading", { name: "Jobs", exact: true })).toBeVisible();
  await expect(page.getByText("Run…")).toHaveCount(0);
  await page.goto("/executions");
  await expect(page.getByRole("button", { name: /^Stop / })).toHaveCount(0);
  await page.context().close();
});
