import { expect, test } from "@playwright/test";
import { startWebhookReceiver } from "../test/support/webhook-receiver";
import { OWNER, jobRow, signIn, sql } from "./support";

// Failure alerts on the demo: an owner adds a generic webhook pointing at a receiver on 127.0.0.1, tests
// it, and a run that fails in the simulator reaches the receiver exactly once.

interface GenericAlert {
  test: boolean;
  execution: { id: string; providerId: string; url: string; logsUrl: string };
  job: { name: string };
}

test("an owner adds a webhook, tests it, and a failed run is sent to it exactly once", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const receiver = await startWebhookReceiver();
  try {
    await signIn(page, OWNER, "/alerts");
    await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
    const form = page.getByRole("form", { name: "Add an alert channel" });
    await form.getByLabel("Name").fill("lab-hook");
    await form.getByLabel("Format").selectOption("generic");
    await form.getByLabel("Webhook URL").fill(receiver.url);
    await form.getByRole("button", { name: "Add channel" }).click();
    await expect(form.getByRole("status")).toContainText("lab-hook added");
    const channel = page.getByTestId("alert-channel").filter({ hasText: "lab-hook" });
    // The URL's secret path is never shown: only its host and last characters.
    await expect(channel).toContainText(`${new URL(receiver.url).host} …abcd`);
    await expect(channel).not.toContainText("secret-token");

    await channel.getByRole("button", { name: "Send a test alert to lab-hook" }).click();
    await expect(channel.getByTestId("test-alert-result")).toHaveText("Test alert sent to lab-hook. The receiver answered 200.");
    expect(receiver.posts.map((p) => (p.body as GenericAlert).test)).toEqual([true]);

    // A run that exits with code 2 after a second (the simulator's SIM_EXIT_CODE / SIM_DURATION_SECONDS).
    const row = await jobRow(page, "nightly-etl");
    await row.getByText("Run…").click();
    const run = page.getByRole("form", { name: "Run nightly-etl" });
    await run.getByLabel("Extra env (NAME=value per line)").fill("SIM_EXIT_CODE=2\nSIM_DURATION_SECONDS=1");
    await run.getByRole("button", { name: "Start nightly-etl" }).click();
    await expect(run.getByRole("status")).toContainText(/Started nightly-etl/);
    const execution = /nightly-etl-[a-z0-9]{7}/.exec((await run.getByRole("status").textContent())!)![0];

    const alertsFor = () => receiver.posts.map((p) => p.body as GenericAlert).filter((b) => !b.test && b.execution.providerId === execution);
    await expect(async () => {
      // The sync brings the failure into the catalog; the next alert scan (every 10 s) sends it.
      if ((await sql("select 1 from executions where provider_id = $1 and status = 'failed'", [execution])).length === 0) {
        await page.goto("/accounts");
        await page.getByRole("button", { name: "Sync Azure lab (simulated) now" }).click();
      }
      expect(alertsFor()).toHaveLength(1);
    }).toPass({ timeout: 120_000, intervals: [3_000] });

    const [recorded] = await sql<{ id: string }>("select id from executions where provider_id = $1", [execution]);
    const [alert] = alertsFor();
    expect(alert!.job.name).toBe("nightly-etl");
    expect(alert!.execution.url).toBe(`${new URL(page.url()).origin}/executions/${recorded!.id}`);
    expect(alert!.execution.logsUrl).toBe(`${new URL(page.url()).origin}/logs?execution=${recorded!.id}`);
    // Two more scans later, still one.
    await page.waitForTimeout(21_000);
    expect(alertsFor()).toHaveLength(1);
    await page.goto("/alerts");
    await expect(page.getByTestId("alert-delivery").filter({ hasText: execution })).toContainText("sent");

    // The page at 1280 px and on a phone, light and dark, kept as artifacts; never scrolling sideways.
    for (const width of [1280, 390]) {
      for (const colorScheme of ["light", "dark"] as const) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `/alerts at ${width} px scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: testInfo.outputPath(`alerts-${width}-${colorScheme}.png`), fullPage: true });
      }
    }
  } finally {
    await receiver.close();
  }
});

test("a viewer sees nothing to manage on the Alerts page", async ({ browser }) => {
  await sql("insert into invitations (id, email, role, token, expires_at) values ('inv_alerts_viewer', 'alerts-viewer@lab.test', 'viewer', 'alerts-viewer-token-aaaaaaaaaaaaa', now() + interval '1 day')");
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "alerts-viewer@lab.test", "/alerts");
  await expect(page.getByText("Owners and admins choose where failures are sent.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Add an alert channel" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Send a test alert/ })).toHaveCount(0);
  await page.context().close();
});
