import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { jobRow, signedInPage, sql } from "./support";

// The execution page against the demo's simulated Azure account: a running run's lines tail in without a
// reload, the stream filter, search and download, re-run with the same parameters, and stopping several
// runs together from /executions. The simulator runs on wall time; the test moves its clock forward to
// make a run write its next lines and end.

const OPERATOR = "exec-operator@lab.test";
const VIEWER = "exec-viewer@lab.test";
const SIM = `https://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4610}/_sim`;

async function advanceSimClock(page: Page, seconds: number) {
  const response = await page.request.post(`${SIM}/clock`, { data: { advanceSeconds: seconds }, ignoreHTTPSErrors: true });
  expect(response.ok()).toBe(true);
}

/** Starts nightly-etl from the Jobs page's Run form; returns the run's catalog id and name. */
async function startRun(page: Page, env: string): Promise<{ id: string; name: string }> {
  const row = await jobRow(page, "nightly-etl");
  await row.getByText("Run…").click();
  const form = page.getByRole("form", { name: "Run nightly-etl" });
  await form.getByLabel("Batch").fill("no2");
  await form.getByLabel("Extra env (NAME=value per line)").fill(env);
  await form.getByRole("button", { name: "Start nightly-etl" }).click();
  await expect(form.getByRole("status")).toContainText(/Started nightly-etl \(batch no2\): nightly-etl-[a-z0-9]{7}/);
  const name = /nightly-etl-[a-z0-9]{7}/.exec((await form.getByRole("status").textContent())!)![0];
  const [run] = await sql<{ id: string }>("select id from executions where provider_id = $1", [name]);
  return { id: run!.id, name };
}

async function screenshots(page: Page, name: string) {
  for (const [width, height] of [[1280, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `test-results/screenshots/${name}-${width}-${scheme}.png`, fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("an operator tails a running execution, filters, searches and downloads its lines, re-runs it, and stops two runs together", async ({ browser }) => {
  test.setTimeout(330_000);
  await sql("insert into invitations (id, email, role, token, expires_at) values ('inv_exec_operator', $1, 'operator', 'exec-operator-token-aaaaaaaaaaaaaa', now() + interval '1 day')", [OPERATOR]);
  const page = await signedInPage(browser, OPERATOR);
  const run = await startRun(page, "SIM_DURATION_SECONDS=600\nSIM_EXIT_CODE=1\nMODE=full");

  await page.goto(`/executions/${run.id}`);
  await expect(page.getByRole("heading", { name: `nightly-etl · ${run.name}` })).toBeVisible();
  await expect(page.getByText(OPERATOR).first()).toBeVisible();
  await expect(page.getByRole("row", { name: /MODE full/ })).toBeVisible();
  await expect(page.getByTestId("tail-state")).toContainText("Live");
  await expect(page.getByTestId("log-line").first()).toContainText("Starting nightly-etl", { timeout: 15_000 });
  await screenshots(page, "execution-page-running");

  // New lines arrive without a reload: the marker set on this document survives.
  await page.evaluate(() => ((window as unknown as { tailMarker: number }).tailMarker = 1));
  await expect(page.getByTestId("log-line").filter({ hasText: "processed" })).toHaveCount(0);
  await advanceSimClock(page, 200);
  await expect(page.getByTestId("log-line").filter({ hasText: "processed" }).first()).toBeVisible({ timeout: 5_000 });
  await advanceSimClock(page, 500);
  await expect(page.getByTestId("log-line").filter({ hasText: "exiting with code 1" })).toBeVisible({ timeout: 5_000 });
  expect(await page.evaluate(() => (window as unknown as { tailMarker?: number }).tailMarker)).toBe(1);

  // stderr only
  await page.getByLabel("Stream").selectOption("stderr");
  await expect(page.getByTestId("log-line").filter({ hasText: "exiting with code 1" })).toBeVisible();
  for (const stream of await page.getByTestId("log-line").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-stream")))) expect(stream).toBe("stderr");
  await page.getByLabel("Stream").selectOption("");

  // Search runs on the cloud's side
  await page.getByLabel("Search the lines").fill("processed");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("log-line").filter({ hasText: "Starting" })).toHaveCount(0);
  for (const text of await page.getByTestId("log-line").allTextContents()) expect(text).toContain("processed");

  // Download the whole run as a text file
  await page.getByLabel("Search the lines").fill("");
  await page.getByRole("button", { name: "Search" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download .log" }).click()]);
  expect(download.suggestedFilename()).toBe(`nightly-etl-${run.name}.log`);
  const text = readFileSync((await download.path())!, "utf8");
  expect(text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z stdout Starting nightly-etl/);
  expect(text).toContain("stderr exiting with code 1");

  // The tail stops once the sync has seen the run end.
  await expect(page.getByTestId("tail-state")).toContainText("The run has ended", { timeout: 150_000 });

  // Re-run with the same batch and overrides
  await page.reload();
  await page.getByRole("button", { name: `Re-run ${run.name} with the same parameters` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Started nightly-etl (batch no2)" })).toBeVisible();
  await page.getByRole("link", { name: "Open the new run →" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/executions/${run.id}$`));
  const rerunId = page.url().split("/").pop()!;
  const rerunName = (await sql<{ provider_id: string }>("select provider_id from executions where id = $1", [rerunId]))[0]!.provider_id;
  expect(rerunName).not.toBe(run.name);
  await expect(page.getByRole("heading", { name: `nightly-etl · ${rerunName}` })).toBeVisible();
  const [before, after] = await Promise.all([run.id, rerunId].map(async (id) => (await sql<{ overrides: Record<string, string>; batch: string }>("select overrides, batch from executions where id = $1", [id]))[0]!));
  const { BATCHDECK_REQUEST: _old, ...oldOverrides } = before!.overrides;
  const { BATCHDECK_REQUEST: _new, ...newOverrides } = after!.overrides;
  expect({ batch: after!.batch, overrides: newOverrides }).toEqual({ batch: "no2", overrides: oldOverrides });

  // Stop two running runs together; a third keeps running.
  const second = await startRun(page, "SIM_DURATION_SECONDS=3600");
  const third = await startRun(page, "SIM_DURATION_SECONDS=3600");
  await page.goto("/executions");
  await page.getByLabel(`Select ${second.name}`).check();
  await page.getByLabel(`Select ${rerunName}`).check();
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Stop selected" }).click();
  await expect(page.getByTestId("stop-result")).toHaveCount(2);
  for (const outcome of await page.getByTestId("stop-result").evaluateAll((items) => items.map((i) => i.getAttribute("data-outcome")))) expect(outcome).toBe("stopped");
  const statuses = await sql<{ id: string; status: string }>("select id, status from executions where id = any($1)", [[second.id, rerunId, third.id]]);
  expect(Object.fromEntries(statuses.map((s) => [s.id, s.status === "stopped" ? "stopped" : "not stopped"]))).toEqual({ [second.id]: "stopped", [rerunId]: "stopped", [third.id]: "not stopped" });
  await screenshots(page, "executions-bulk-stop");
  await page.context().close();

  // A viewer reads the same pages without any control to act.
  await sql("insert into invitations (id, email, role, token, expires_at) values ('inv_exec_viewer', $1, 'viewer', 'exec-viewer-token-aaaaaaaaaaaaaaaa', now() + interval '1 day')", [VIEWER]);
  const viewer = await signedInPage(browser, VIEWER);
  await viewer.goto(`/executions/${third.id}`);
  await expect(viewer.getByRole("heading", { name: `nightly-etl · ${third.name}` })).toBeVisible();
  await expect(viewer.getByTestId("log-line").first()).toBeVisible({ timeout: 15_000 });
  await expect(viewer.getByRole("button", { name: /^Re-run/ })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Stop/ })).toHaveCount(0);
  await viewer.goto("/executions");
  await expect(viewer.getByTestId("execution-row").first()).toBeVisible();
  await expect(viewer.getByRole("checkbox")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Re-run|^Stop/ })).toHaveCount(0);
  await viewer.context().close();
});

test("an unknown execution is a plain not-found page", async ({ browser }) => {
  const page = await signedInPage(browser, "owner@lab.test");
  const response = await page.goto("/executions/cnosuchexecution000000000");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  const api = await page.request.get("/api/executions/cnosuchexecution000000000/logs");
  expect(api.status()).toBe(404);
  expect(await api.json()).toEqual({ error: "not_found", message: "That execution is not in the catalog (it may belong to a removed account)." });
  await page.context().close();
});
