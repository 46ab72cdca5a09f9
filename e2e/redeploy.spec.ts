import { expect, test } from "@playwright/test";
import { OWNER, jobRow, signIn, sql } from "./support";

test("an owner redeploys a job to a new tag; latest is refused with the reason", async ({ page }) => {
  await signIn(page, OWNER, "/jobs");
  const row = await jobRow(page, "report-worker");
  await row.getByText("Redeploy…").click();
  const form = page.getByRole("form", { name: "Redeploy report-worker" });
  await form.getByLabel("New image").fill("batchdeckdemo.azurecr.io/report-worker:latest");
  await form.getByRole("button", { name: "Redeploy report-worker" }).click();
  await expect(form.getByText("Use an immutable tag instead of latest")).toBeVisible();

  await form.getByLabel("New image").fill("batchdeckdemo.azurecr.io/report-worker:1.5.0");
  await form.getByRole("button", { name: "Redeploy report-worker" }).click();
  await expect(page.getByRole("status").filter({ hasText: "report-worker now runs" })).toBeVisible({ timeout: 30_000 });
  const [deployment] = await sql<{ state: string; to_image: string }>("select d.state, d.to_image from deployments d join jobs j on j.id = d.job_id where j.name = 'report-worker'");
  expect(deployment).toEqual({ state: "succeeded", to_image: "batchdeckdemo.azurecr.io/report-worker:1.5.0" });
  // The Jobs table shows the image's short name, the full reference on hover.
  await expect(row.getByTitle("batchdeckdemo.azurecr.io/report-worker:1.5.0")).toHaveText("report-worker:1.5.0");
});
