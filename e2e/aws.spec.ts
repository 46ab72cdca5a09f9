import { expect, request as playwrightRequest, test } from "@playwright/test";
import { OWNER, jobRow, signIn, sql } from "./support";

// The AWS side end to end on the simulator: an account connected on the Accounts page (a wrong secret
// says why and saves nothing), then seed 003's demo account: batch no2 run from the Jobs page, only
// no2's lines on the Logs page, and a redeploy that says which rules and schedule it repointed.

const SIM = `https://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4610}`;

test("an owner connects an AWS account; a wrong secret says why and saves nothing", async ({ page }) => {
  const sim = await playwrightRequest.newContext({ ignoreHTTPSErrors: true });
  const created = await sim.post(`${SIM}/_sim/aws/accounts`, { data: { cluster: "physics", region: "eu-west-1" } });
  expect(created.status()).toBe(201);
  const account = (await created.json()) as { accessKeyId: string; secretAccessKey: string; endpoints: Record<string, string> };
  await sim.dispose();

  await signIn(page, OWNER, "/accounts");
  const form = page.getByRole("form", { name: "Add an AWS account" });
  await form.getByLabel("Name in Batchdeck").fill("Physics on AWS");
  await form.getByLabel("Regions").fill("Ireland");
  await form.getByLabel("Clusters").fill("physics");
  await form.getByRole("button", { name: "Test and add" }).click();
  await expect(form.getByText("Regions are codes like eu-west-1")).toBeVisible();

  await form.getByLabel("Regions").fill("eu-west-1");
  await form.getByLabel("Access key ID").fill(account.accessKeyId);
  await form.getByLabel("Secret access key").fill(`${account.secretAccessKey}x`);
  await form.getByText("Other endpoints (VPC endpoints, the simulator)").click();
  await form.getByLabel("ECS endpoint (optional)", { exact: true }).fill(account.endpoints.ecs!);
  await form.getByLabel("EventBridge endpoint (optional)", { exact: true }).fill(account.endpoints.events!);
  await form.getByLabel("EventBridge Scheduler endpoint (optional)", { exact: true }).fill(account.endpoints.scheduler!);
  await form.getByLabel("CloudWatch Logs endpoint (optional)", { exact: true }).fill(account.endpoints.logs!);
  await form.getByLabel("STS endpoint (optional)", { exact: true }).fill(account.endpoints.sts!);
  await form.getByRole("button", { name: "Test and add" }).click();
  await expect(form.getByRole("alert")).toContainText("Could not connect, so nothing was saved");
  await expect(form.getByRole("alert")).toContainText("the secret access key does not match the access key ID");
  expect(await sql("select 1 from cloud_accounts where name = 'Physics on AWS'")).toHaveLength(0);

  // Credentials are never sent back to the page, so both are typed again.
  await form.getByLabel("Access key ID").fill(account.accessKeyId);
  await form.getByLabel("Secret access key").fill(account.secretAccessKey);
  await form.getByRole("button", { name: "Test and add" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Physics on AWS added: Found cluster physics (eu-west-1)" })).toBeVisible({ timeout: 15_000 });
  const [saved] = await sql<{ cloud: string; settings: unknown; credentials_cipher: Buffer }>("select cloud, settings, credentials_cipher from cloud_accounts where name = 'Physics on AWS'");
  expect([saved!.cloud, saved!.settings]).toEqual(["aws", { regions: ["eu-west-1"], clusters: ["physics"], families: [], stateChangeLogGroup: null }]);
  expect(saved!.credentials_cipher.toString("latin1")).not.toContain(account.secretAccessKey);
});

test("batch no2 runs from the Jobs page, its logs hold only no2's lines, and a redeploy says what it repointed", async ({ page }) => {
  await signIn(page, OWNER, "/jobs");
  const row = await jobRow(page, "batch");
  await row.getByText("Run…").click();
  const run = page.getByRole("form", { name: "Run batch" });
  await run.getByLabel("Batch").fill("no2");
  await run.getByRole("button", { name: "Start batch" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Started batch (batch no2)" })).toBeVisible({ timeout: 15_000 });
  const [started] = await sql<{ batch: string; triggered_by: string; provider_id: string }>("select batch, triggered_by, provider_id from executions where request_key is not null and provider_id like 'arn:aws:ecs:%' order by created_at desc limit 1");
  expect([started!.batch, started!.triggered_by]).toEqual(["no2", "user"]);

  const [job] = await sql<{ id: string }>("select id from jobs where name = 'batch'");
  await page.goto(`/logs?job=${encodeURIComponent(job!.id)}&batch=no2`);
  await expect(page.getByRole("heading", { name: "batch · batch no2" })).toBeVisible();
  const lines = page.getByTestId("log-line");
  await expect(lines.first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("log-line").filter({ hasText: "[no2]" }).first()).toBeVisible();
  await expect(page.getByTestId("log-line").filter({ hasText: "[no1]" })).toHaveCount(0);

  await page.goto("/jobs");
  const again = await jobRow(page, "batch");
  await again.getByText("Redeploy…").click();
  const redeploy = page.getByRole("form", { name: "Redeploy batch" });
  const image = (await redeploy.getByLabel("New image").inputValue()).replace(/:[^:/]+$/, ":2.0.0");
  await redeploy.getByLabel("New image").fill(image);
  await redeploy.getByRole("button", { name: "Redeploy batch" }).click();
  const status = page.getByRole("status").filter({ hasText: "batch now runs" });
  await expect(status).toBeVisible({ timeout: 30_000 });
  await expect(status).toContainText("rule batch1-hourly: batch:2 → batch:3");
  await expect(status).toContainText("rule batch2-every-3h: batch:2 → batch:3");
  await expect(status).toContainText("schedule default/batch1-weekday-morning: batch:2 → batch:3");
  const [deployment] = await sql<{ state: string; changes: string[] }>("select d.state, d.changes from deployments d join jobs j on j.id = d.job_id where j.name = 'batch'");
  expect(deployment!.state).toBe("succeeded");
  expect(deployment!.changes).toEqual([`registered batch:3 running ${image}`, "rule batch1-hourly: batch:2 → batch:3", "rule batch2-every-3h: batch:2 → batch:3", "schedule default/batch1-weekday-morning: batch:2 → batch:3"]);
});
