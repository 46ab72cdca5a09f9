import { expect, test, type Page } from "@playwright/test";
import { OWNER, jobRow, signIn, signedInPage, sql } from "./support";

// The job page on the demo (simulated Azure): nightly-etl runs on "0 */6 * * *", a 5-field cron line read
// in UTC, with three weeks of runs of batches no1 and no2. The member reads it in Tokyo time.

test.use({ locale: "en-US", timezoneId: "Asia/Tokyo" });

const SIX_HOURS = 6 * 3_600_000;
const OLD_IMAGE = "batchdeckdemo.azurecr.io/nightly-etl:2.0.1";
const NEW_IMAGE = "batchdeckdemo.azurecr.io/nightly-etl:2.0.2";

/** The next five multiples of six hours after `now`, UTC: the demo schedule, computed by hand. */
function nextSixHourly(now: number): string[] {
  const first = Math.floor(now / SIX_HOURS) + 1;
  return Array.from({ length: 5 }, (_, i) => new Date((first + i) * SIX_HOURS).toISOString());
}

async function etlId(): Promise<string> {
  const [job] = await sql<{ id: string }>("select id from jobs where name = 'nightly-etl'");
  return job!.id;
}

async function screenshots(page: Page, name: string, outputPath: (file: string) => string) {
  for (const [width, height] of [[1280, 900], [390, 844]] as const) {
    for (const scheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: outputPath(`${name}-${width}-${scheme}.png`), fullPage: true });
      await page.screenshot({ path: outputPath(`${name}-${width}-${scheme}-first-screen.png`) });
      // Nothing wider than the screen: wide tables scroll inside their cards.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("an owner opens a job from the jobs list: its schedule's next runs in their zone, the chart, the history by batch, and a rollback", async ({ page }, testInfo) => {
  // Two redeploys, each waiting for the simulated cloud to apply it, and eight screenshots.
  test.setTimeout(240_000);
  await signIn(page, OWNER, "/jobs");
  const row = await jobRow(page, "nightly-etl");
  await row.getByRole("link", { name: "nightly-etl" }).click();
  const id = await etlId();
  await expect(page).toHaveURL(new RegExp(`/jobs/${id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "nightly-etl" })).toBeVisible();

  // The trigger in words, and its next five runs: the exact instants, shown in the browser's zone (Tokyo).
  const trigger = page.getByTestId("trigger").filter({ hasText: "0 */6 * * *" });
  await expect(trigger.getByText("Every 6 hours at minute 0, from 00:00, every day (UTC)")).toBeVisible();
  const expected = nextSixHourly(Date.now());
  const times = trigger.getByRole("list", { name: "Next runs of 0 */6 * * *" }).locator("time");
  await expect(times).toHaveCount(5);
  expect(await times.evaluateAll((els) => els.map((el) => new Date(el.getAttribute("datetime")!).toISOString()))).toEqual(expected);
  const tokyo = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" });
  await expect(times).toHaveText(expected.map((iso) => tokyo.format(new Date(iso))));

  // The chart: one dot per ended run among the latest 200, coloured by outcome.
  const [{ ended }] = (await sql<{ ended: number }>(
    "select count(*) filter (where ended_at is not null)::int as ended from (select ended_at from executions where job_id = $1 and started_at is not null order by started_at desc, id desc limit 200) r",
    [id],
  )) as [{ ended: number }];
  expect(ended).toBeGreaterThan(10);
  const chart = page.getByTestId("duration-chart");
  await expect(chart).toHaveAttribute("data-runs", String(ended));
  await expect(chart.locator("svg .recharts-scatter-symbol")).toHaveCount(ended);
  await expect(chart.locator("svg path.run-dot-failed").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: `Duration of the last ${ended} runs` })).toBeVisible();

  // The history, filtered by batch through the URL; each run links to its own page.
  const filters = page.getByRole("form", { name: "Filter the history" });
  await filters.getByLabel("Batch").selectOption("no2");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]batch=no2/);
  const rows = page.getByTestId("history-row");
  await expect(rows.first()).toBeVisible();
  expect(new Set(await rows.locator("td:nth-child(2)").allInnerTexts())).toEqual(new Set(["no2"]));
  const [newest] = await sql<{ id: string; provider_id: string }>(
    "select id, provider_id from executions where job_id = $1 and batch = 'no2' order by started_at desc nulls first, id desc limit 1",
    [id],
  );
  await expect(rows.first().getByRole("link", { name: newest!.provider_id })).toHaveAttribute("href", `/executions/${newest!.id}`);
  await page.goto(`/jobs/${id}?batch=no1&status=exploded&range=forever&before=nonsense`);
  await expect(page.getByTestId("history-row").first()).toBeVisible();
  expect(new Set(await page.getByTestId("history-row").locator("td:nth-child(2)").allInnerTexts())).toEqual(new Set(["no1"]));
  await expect(page.getByRole("form", { name: "Filter the history" }).getByLabel("Status")).toHaveValue("");

  // Redeploy a new image, then roll back to the previous one in one click: both are deployments.
  await page.getByText("Redeploy…").click();
  const redeploy = page.getByRole("form", { name: "Redeploy nightly-etl" });
  await redeploy.getByLabel("New image").fill(NEW_IMAGE);
  await redeploy.getByRole("button", { name: "Redeploy nightly-etl" }).click();
  await expect(page.getByTestId("job-image")).toHaveText(NEW_IMAGE, { timeout: 60_000 });
  await page.getByRole("button", { name: `Roll nightly-etl back to ${OLD_IMAGE}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `nightly-etl now runs ${OLD_IMAGE}` })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("job-image")).toHaveText(OLD_IMAGE);
  const deployments = page.getByTestId("deployment");
  await expect(deployments).toHaveCount(2);
  await expect(deployments.first()).toContainText(`${NEW_IMAGE} → ${OLD_IMAGE}`);
  await expect(deployments.first()).toContainText(OWNER);
  await expect(deployments.first()).toContainText("succeeded");
  expect(await sql("select from_image, to_image, state from deployments where job_id = $1 order by created_at", [id])).toEqual([
    { from_image: OLD_IMAGE, to_image: NEW_IMAGE, state: "succeeded" },
    { from_image: NEW_IMAGE, to_image: OLD_IMAGE, state: "succeeded" },
  ]);
  expect(await sql("select action, detail from audit_events where action = 'job.redeploy' and target_id = $1 order by at", [id])).toEqual([
    { action: "job.redeploy", detail: { from: OLD_IMAGE, to: NEW_IMAGE } },
    { action: "job.redeploy", detail: { from: NEW_IMAGE, to: OLD_IMAGE } },
  ]);

  await page.goto(`/jobs/${id}`);
  await expect(chart.locator("svg .recharts-scatter-symbol")).toHaveCount(ended);
  await screenshots(page, "job-page", (file) => testInfo.outputPath(file));
});

test("a viewer reads the job page without run, redeploy or rollback buttons; an unknown job is a 404", async ({ browser }) => {
  await sql("insert into invitations (id, email, role, token, expires_at) values ('inv_job_viewer', 'reader@lab.test', 'viewer', 'reader-token-aaaaaaaaaaaaaaaaaaaa', now() + interval '1 day')");
  const viewer = await signedInPage(browser, "reader@lab.test");
  const id = await etlId();
  await viewer.goto(`/jobs/${id}`);
  await expect(viewer.getByRole("heading", { level: 1, name: "nightly-etl" })).toBeVisible();
  await expect(viewer.getByTestId("deployment").first()).toBeVisible();
  await expect(viewer.getByText("Run…")).toHaveCount(0);
  await expect(viewer.getByText("Redeploy…")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /back to/ })).toHaveCount(0);

  const missing = await viewer.goto("/jobs/no-such-job");
  expect(missing?.status()).toBe(404);
  await expect(viewer.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await viewer.context().close();
});

test("an operator starts a run of a known batch with env overrides from the job page; a bad override is refused inline", async ({ browser }) => {
  await sql("insert into invitations (id, email, role, token, expires_at) values ('inv_job_operator', 'runner@lab.test', 'operator', 'runner-token-aaaaaaaaaaaaaaaaaaaa', now() + interval '1 day')");
  const operator = await signedInPage(browser, "runner@lab.test");
  const id = await etlId();
  await operator.goto(`/jobs/${id}`);
  await expect(operator.getByText("Redeploy…")).toHaveCount(0);
  await operator.getByText("Run…").click();
  const form = operator.getByRole("form", { name: "Run nightly-etl" });
  // The batch field offers the job's known batches.
  expect(await form.locator("datalist option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(["no1", "no2"]);
  await form.getByLabel("Batch").fill("no2");
  await form.getByLabel("Extra env (NAME=value per line)").fill(`MODE=full\nHUGE=${"x".repeat(5000)}`);
  await form.getByRole("button", { name: "Start nightly-etl" }).click();
  await expect(form.getByText("Line 2: keep a value under 4,096 characters.")).toBeVisible();
  await form.getByLabel("Extra env (NAME=value per line)").fill("MODE=full");
  await form.getByRole("button", { name: "Start nightly-etl" }).click();
  await expect(form.getByRole("status")).toContainText(/Started nightly-etl \(batch no2\): nightly-etl-[a-z0-9]{7}/, { timeout: 30_000 });
  const started = /nightly-etl-[a-z0-9]{7}/.exec((await form.getByRole("status").textContent())!)![0];
  expect(await sql("select params from action_requests where action = 'start' and job_id = $1 and state = 'succeeded' order by created_at desc limit 1", [id])).toEqual([
    { params: { MODE: "full", BATCH: "no2" } },
  ]);
  // The run shows in the job's history once the sync has read it, linking to its page.
  await expect(async () => {
    await operator.goto(`/jobs/${id}?batch=no2`);
    await expect(operator.getByRole("link", { name: started })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 90_000 });
  await operator.context().close();
});
