import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { OWNER, jobRow, signIn, signedInPage, sql } from "./support";

// "Send a message" on the demo's queue-triggered job (report-worker, seed 000): the simulator's KEDA picks
// the message up at its next 30 s poll and starts a run; the sync matches that run to the message by time,
// and both the job page and the execution page show it as inferred. A viewer sees no form, and posting
// the action directly is refused.

const VIEWER = "messages-viewer@lab.test";

test("an owner sends a message and sees the run it woke, marked inferred; a viewer can't send one", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  await signIn(page, OWNER);
  await jobRow(page, "report-worker");
  const [job] = await sql<{ id: string }>("select id from jobs where name = 'report-worker'");
  await page.goto(`/jobs/${job!.id}`);

  const form = page.getByRole("form", { name: "Send a message to report-worker" });
  await form.getByLabel("Message (JSON)").fill("batch=no3");
  await form.getByRole("button", { name: "Send message" }).click();
  await expect(form.getByRole("alert")).toContainText("Please correct the highlighted fields.");
  await expect(form.getByText('The queue expects JSON: check the quotes and brackets, e.g. {"batch": "no2"}.')).toBeVisible();

  const key = await form.locator('input[name="requestKey"]').inputValue();
  const captured = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await form.getByLabel("Message (JSON)").fill('{"batch": "no3"}');
  await form.getByRole("button", { name: "Send message" }).click();
  await expect(form.getByRole("status")).toHaveText("Message sent to report-worker's queue. The run it wakes shows below after the next sync, matched by time.");
  const request = await captured;
  const [sent] = await sql<{ key: string }>("select key from action_requests where action = 'send_message' and state = 'succeeded'");
  expect(sent?.key).toBe(key);

  // KEDA's next poll (every 30 s) starts the run; a sync brings it in and matches it.
  const message = page.getByTestId("sent-message").first();
  await expect(async () => {
    if ((await sql("select 1 from action_requests where key = $1 and execution_provider_id is not null", [sent!.key])).length === 0) {
      await page.goto("/accounts");
      const sync = page.getByRole("button", { name: "Sync Azure lab (simulated) now" });
      await sync.click();
      await expect(sync).toBeEnabled({ timeout: 30_000 });
    }
    await page.goto(`/jobs/${job!.id}`);
    await expect(message).toContainText("(inferred: matched by time)", { timeout: 1000 });
  }).toPass({ timeout: 120_000, intervals: [3_000] });
  const [run] = await sql<{ id: string; provider_id: string; trigger_inferred: boolean }>(
    "select e.id, e.provider_id, e.trigger_inferred from executions e join action_requests a on a.execution_provider_id = e.provider_id and a.account_id = e.account_id where a.key = $1",
    [sent!.key],
  );
  expect(run?.trigger_inferred).toBe(true);
  await expect(message).toContainText(`${OWNER} · sent, woke ${run!.provider_id}`);
  // The history row names who sent it, inferred.
  await expect(page.getByTestId("history-row").filter({ hasText: run!.provider_id })).toContainText(`${OWNER} (inferred)`);

  // The section on a phone and at 1280 px, light and dark, kept as artifacts; never scrolling sideways.
  for (const width of [1280, 390]) {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `the job page at ${width} px scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      await page.getByRole("heading", { name: "Queue messages" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: testInfo.outputPath(`send-message-${width}-${colorScheme}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  await message.getByRole("link", { name: run!.provider_id }).click();
  await expect(page).toHaveURL(new RegExp(`/executions/${run!.id}$`));
  await expect(page.getByText(`${OWNER}, from Batchdeck (inferred: matched by time)`)).toBeVisible();

  // A viewer: no form on the page, and the owner's action posted with the viewer's session is refused.
  await sql("insert into invitations (id, email, role, token, expires_at) values ('inv_messages_viewer', $1, 'viewer', 'messages-viewer-token-aaaaaaaaaaa', now() + interval '1 day')", [VIEWER]);
  const viewer = await signedInPage(browser, VIEWER);
  await viewer.goto(`/jobs/${job!.id}`);
  await expect(viewer.getByRole("heading", { name: "Queue messages" })).toBeVisible();
  await expect(viewer.getByRole("form", { name: "Send a message to report-worker" })).toHaveCount(0);
  const headers = await request.allHeaders();
  const body = request.postDataBuffer()!.toString("latin1");
  const requestsBefore = await sql("select id from action_requests where action = 'send_message'");
  const forged = await viewer.request.post(`/jobs/${job!.id}`, {
    headers: { "next-action": headers["next-action"]!, "content-type": headers["content-type"]!, accept: "text/x-component", origin: new URL(viewer.url()).origin },
    data: body.replaceAll(key, randomBytes(16).toString("hex")),
  });
  expect(forged.status()).toBe(200); // server actions answer with the action's result
  expect(await forged.text()).toContain("Forbidden: your role (viewer) does not allow this.");
  expect(await sql("select id from action_requests where action = 'send_message'")).toEqual(requestsBefore);
  const denied = await sql<{ actor_email: string }>("select actor_email from audit_events where action = 'job.send_message' and result = 'denied'");
  expect(denied.map((d) => d.actor_email)).toEqual([VIEWER]);
  await viewer.context().close();
});
