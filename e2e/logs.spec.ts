import { expect, test } from "@playwright/test";
import { OWNER, signIn, sql } from "./support";

// Logs of the demo's simulated Azure account, read through the adapter's Log Analytics query.

test("the logs of one batch hold only that batch's runs, and one execution's logs only its own", async ({ page }) => {
  await signIn(page, OWNER, "/logs");
  await expect(page.getByRole("heading", { name: "Choose what to read" })).toBeVisible();
  let job: { id: string } | undefined;
  await expect(async () => {
    [job] = await sql<{ id: string }>("select id from jobs where name = 'nightly-etl'");
    expect(job).toBeDefined();
  }).toPass({ timeout: 30_000 }); // the demo's start-up sync runs in the background

  await page.goto("/logs");
  await page.getByLabel("Job").selectOption(job!.id);
  await page.getByLabel("Batch").selectOption("no2");
  await page.getByRole("button", { name: "Show logs" }).click();
  await expect(page.getByRole("heading", { name: "nightly-etl · batch no2" })).toBeVisible();
  const lines = page.getByTestId("log-line");
  await expect(lines.first()).toBeVisible();
  const no2Runs = new Set((await sql<{ provider_id: string }>("select provider_id from executions where job_id = $1 and batch = 'no2'", [job!.id])).map((r) => r.provider_id));
  for (const row of await lines.all()) {
    const execution = (await row.locator("td").nth(1).textContent())!;
    expect(no2Runs.has(execution), `${execution} is not a no2 run`).toBe(true);
    await expect(row).not.toContainText("[no1]");
  }

  await page.getByLabel("Containing").fill("done in");
  await page.getByRole("button", { name: "Show logs" }).click();
  for (const text of await page.getByTestId("log-line").allTextContents()) expect(text).toContain("done in");

  const [run] = await sql<{ id: string; provider_id: string }>("select id, provider_id from executions where job_id = $1 and status = 'succeeded' order by started_at desc limit 1", [job!.id]);
  await page.goto(`/executions?job=${job!.id}`);
  await page.getByRole("link", { name: run!.provider_id }).click();
  await expect(page).toHaveURL(`/executions/${run!.id}`);
  await expect(page.getByRole("heading", { name: `nightly-etl · ${run!.provider_id}` })).toBeVisible();
  await expect(page.getByTestId("log-line").first()).toContainText("Starting nightly-etl");

  // The Logs page still reads one execution, and links to its page.
  await page.goto(`/logs?execution=${run!.id}`);
  await expect(page.getByRole("heading", { name: `nightly-etl · ${run!.provider_id}` })).toBeVisible();
  await page.getByRole("link", { name: /Open the execution/ }).click();
  await expect(page).toHaveURL(`/executions/${run!.id}`);
});
