import { generateKeyPairSync } from "node:crypto";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { OWNER, jobRow, signIn, sql } from "./support";

// Google Cloud end to end: a project connected on the Accounts page with a service-account key against the
// simulator, and the demo's seed-002 project (job lab-batch, batches no1 and no2) run, read and redeployed.

const SIM = `https://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4610}`;

test("connecting a Google project: a wrong key says why and saves nothing; the project's own key connects", async ({ page }) => {
  const sim = await playwrightRequest.newContext({ ignoreHTTPSErrors: true });
  const created = await sim.post(`${SIM}/_sim/gcp/projects`, { data: { projectId: "physics-lab-e2e", regions: ["asia-northeast1"] } });
  expect(created.status()).toBe(201);
  const { serviceAccountKey } = (await created.json()) as { serviceAccountKey: string };
  await sim.dispose();
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const forged = JSON.stringify({ ...JSON.parse(serviceAccountKey), private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString() });

  await signIn(page, OWNER, "/accounts");
  const form = page.getByRole("form", { name: "Add a Google Cloud account" });
  await form.getByLabel("Name in Batchdeck").fill("Physics lab (Google)");
  await form.getByLabel("Project ID").fill("physics-lab-e2e");
  await form.getByLabel("Regions of the jobs").fill("asia-northeast1");
  await form.getByLabel("Service-account key (JSON)").fill(forged);
  await form.getByText("Other endpoints (private or regional)").click();
  await form.getByLabel("Cloud Run endpoint").fill(SIM);
  await form.getByLabel("Cloud Scheduler endpoint").fill(SIM);
  await form.getByLabel("Cloud Logging endpoint").fill(SIM);
  await form.getByRole("button", { name: "Test and add" }).click();
  await expect(form.getByRole("alert")).toContainText("Could not connect, so nothing was saved");
  await expect(form.getByRole("alert")).toContainText("Google refused the service-account key");
  await expect(form.getByLabel("Project ID")).toHaveValue("physics-lab-e2e");
  await expect(form.getByLabel("Service-account key (JSON)")).toHaveValue("");
  expect(await sql("select 1 from cloud_accounts where name = 'Physics lab (Google)'")).toHaveLength(0);

  await form.getByLabel("Service-account key (JSON)").fill(serviceAccountKey);
  await form.getByRole("button", { name: "Test and add" }).click();
  await expect(form.getByRole("status")).toContainText("Physics lab (Google) added: Listed 0 Cloud Run jobs in project physics-lab-e2e (asia-northeast1).");
  const [saved] = await sql<{ settings: unknown; credentials_cipher: Buffer }>("select settings, credentials_cipher from cloud_accounts where name = 'Physics lab (Google)'");
  expect(saved!.settings).toEqual({ projectId: "physics-lab-e2e", regions: ["asia-northeast1"] });
  expect(saved!.credentials_cipher.toString("latin1")).not.toContain("PRIVATE KEY");
});

test("the demo's Cloud Run job: run batch no2, read only no2's lines, redeploy to a new image", async ({ page }) => {
  await signIn(page, OWNER, "/jobs");
  const row = await jobRow(page, "lab-batch");
  await row.getByText("Run…").click();
  const form = page.getByRole("form", { name: "Run lab-batch" });
  await form.getByLabel("Batch").fill("no2");
  await form.getByRole("button", { name: "Start lab-batch" }).click();
  await expect(form.getByRole("status")).toContainText(/Started lab-batch \(batch no2\): projects\/batchdeck-lab\/locations\/asia-northeast1\/jobs\/lab-batch\/executions\/lab-batch-[a-z0-9]+/, { timeout: 30_000 });

  const [job] = await sql<{ id: string }>("select id from jobs where name = 'lab-batch'");
  await page.goto("/logs");
  await page.getByLabel("Job").selectOption(job!.id);
  await page.getByLabel("Batch").selectOption("no2");
  await page.getByRole("button", { name: "Show logs" }).click();
  await expect(page.getByRole("heading", { name: "lab-batch · batch no2" })).toBeVisible();
  const lines = page.getByTestId("log-line");
  await expect(lines.first()).toBeVisible();
  const no2Runs = new Set((await sql<{ provider_id: string }>("select provider_id from executions where job_id = $1 and batch = 'no2'", [job!.id])).map((r) => r.provider_id));
  for (const line of await lines.all()) {
    const execution = (await line.locator("td").nth(1).textContent())!;
    expect(no2Runs.has(execution), `${execution} is not a no2 run`).toBe(true);
  }

  const again = await jobRow(page, "lab-batch");
  await again.getByText("Redeploy…").click();
  const redeploy = page.getByRole("form", { name: "Redeploy lab-batch" });
  await redeploy.getByLabel("New image").fill("asia-northeast1-docker.pkg.dev/batchdeck-lab/lab/lab-batch:2.4.0");
  await redeploy.getByRole("button", { name: "Redeploy lab-batch" }).click();
  await expect(page.getByRole("status").filter({ hasText: "lab-batch now runs" })).toBeVisible({ timeout: 60_000 });
  const [deployment] = await sql<{ state: string; to_image: string }>("select d.state, d.to_image from deployments d join jobs j on j.id = d.job_id where j.name = 'lab-batch'");
  expect(deployment).toEqual({ state: "succeeded", to_image: "asia-northeast1-docker.pkg.dev/batchdeck-lab/lab/lab-batch:2.4.0" });
});

test("the Usage page counts the demo's Cloud Run service requests this month against the 2 million free ones", async ({ page }) => {
  await signIn(page, OWNER, "/usage");
  const monthToDate = async () => {
    const [row] = await sql<{ requests: number; days: number }>(
      `select coalesce(sum(s.requests), 0)::int as requests, count(*)::int as days from usage_samples s join cloud_accounts a on a.id = s.account_id
       where a.name = 'Google Cloud lab (simulated)' and s.day >= date_trunc('month', now() at time zone 'UTC')::date`,
    );
    return row!;
  };
  // The demo's start-up sync counts the service's requests in the background.
  await expect(async () => expect((await monthToDate()).days).toBeGreaterThan(0)).toPass({ timeout: 60_000 });
  const { requests } = await monthToDate();
  expect(requests).toBeGreaterThan(0); // about 480 a day in the demo
  await page.goto("/usage");
  const card = page.getByTestId("usage-card").filter({ hasText: "Google Cloud lab (simulated)" });
  const meter = card.getByRole("meter", { name: "Requests used of the free grant" });
  await expect(meter).toHaveAttribute("aria-valuenow", String(requests));
  await expect(card.locator(".meter").filter({ hasText: "Requests" }).locator(".mono")).toHaveText(
    `${new Intl.NumberFormat("en").format(requests)} / 2,000,000 requests (${Math.round((requests / 2_000_000) * 100)}%)`,
  );
});
