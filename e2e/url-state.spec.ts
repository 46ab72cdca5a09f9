import { expect, test } from "@playwright/test";
import { OWNER, signedInPage, sql } from "./support";

// Loading states that keep real 404s, and filters that live in the URL (issue #11 item 7). The detail
// routes decide "not found" in their layout.tsx, above their loading.tsx: the raw HTML of a known job
// carries the loading skeleton (the page streamed in behind it), and an unknown one still answers 404.

/** nightly-etl and its newest run, once the demo's first sync has put them in the catalog. */
async function etl(): Promise<{ id: string; run: string }> {
  let found: { id: string; run: string | null } | undefined;
  await expect
    .poll(async () => {
      [found] = await sql<{ id: string; run: string | null }>(
        "select j.id, (select e.id from executions e where e.job_id = j.id order by e.started_at desc nulls first, e.id desc limit 1) as run from jobs j where j.name = 'nightly-etl'",
      );
      return Boolean(found?.run);
    }, { timeout: 60_000 })
    .toBe(true);
  return { id: found!.id, run: found!.run! };
}

test("the job and execution pages stream a loading skeleton, and an unknown id still answers 404", async ({ browser }) => {
  const page = await signedInPage(browser, OWNER);
  const { id, run } = await etl();
  for (const [path, loading] of [[`/jobs/${id}`, "Loading job…"], [`/executions/${run}`, "Loading execution…"]] as const) {
    const known = await page.request.get(path);
    expect(known.status()).toBe(200);
    const html = await known.text();
    expect(html).toContain(loading);
    expect(html).toContain('class="skeleton"');
  }
  for (const path of ["/jobs/no-such-job", "/executions/cnosuchexecution000000000", `/jobs/${"x".repeat(65)}`]) {
    const missing = await page.goto(path);
    expect(missing?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  await page.context().close();
});

test("filters chosen on the executions page and the job page survive a reload", async ({ browser }) => {
  const page = await signedInPage(browser, OWNER);
  const { id } = await etl();

  await page.goto("/executions");
  const filters = page.getByRole("form", { name: "Filter executions" });
  await filters.getByLabel("Job").selectOption(id);
  await filters.getByLabel("Status").selectOption("succeeded");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`/executions\\?.*job=${id}&.*status=succeeded`));
  await page.reload();
  await expect(filters.getByLabel("Job")).toHaveValue(id);
  await expect(filters.getByLabel("Status")).toHaveValue("succeeded");
  const rows = page.getByTestId("execution-row");
  await expect(rows.first()).toBeVisible();
  // An owner's rows start with the selection box: execution, job, batch, then status.
  expect(new Set(await rows.locator("td:nth-child(3)").allInnerTexts()).size).toBe(1);
  expect(new Set(await rows.locator("td:nth-child(5)").allInnerTexts())).toEqual(new Set(["succeeded"]));

  await page.goto(`/jobs/${id}`);
  const history = page.getByRole("form", { name: "Filter the history" });
  await history.getByLabel("Batch").selectOption("no1");
  await history.getByLabel("Started").selectOption("30d");
  await history.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${id}\\?batch=no1&.*range=30d`));
  await page.reload();
  await expect(history.getByLabel("Batch")).toHaveValue("no1");
  await expect(history.getByLabel("Started")).toHaveValue("30d");
  const historyRows = page.getByTestId("history-row");
  await expect(historyRows.first()).toBeVisible();
  expect(new Set(await historyRows.locator("td:nth-child(2)").allInnerTexts())).toEqual(new Set(["no1"]));
  await page.context().close();
});
