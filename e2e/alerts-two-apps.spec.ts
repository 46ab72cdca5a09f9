import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { freePort, startApp, type Server } from "../bench/catalog/servers";
import { startTestSimulator } from "../sim/testing";
import { simAccountWithJobs } from "../test/integration/azure/worker-harness";
import type { Sim } from "../test/integration/azure/harness";
import { startWebhookReceiver, type WebhookReceiver } from "../test/support/webhook-receiver";
import { dropOwnDatabase, ownDatabase, query } from "./support";

// Failure alerts with two app servers (issue #11): each runs its own sync worker and alert delivery, as
// `npm start` does, against one Postgres and one simulator. A webhook receiver on loopback answers 500
// to the first alert and 200 after: every failed run reaches it exactly once with a 200, and the one
// refused is retried (pg-boss backoff, 30-60 s for the first retry) and then delivered once.
// Its own database on the end-to-end server, so the app playwright.config.ts starts never sees it.

const DATABASE = "batchdeck_alerts_two_apps";
const FAILED_RUNS = 3;
const OWNER_EMAIL = "owner@alerts.test";

interface GenericAlert {
  test: boolean;
  execution: { id: string; providerId: string };
}

const key = randomBytes(32).toString("base64");
let databaseUrl: string;
let sim: Sim;
let account: ReturnType<typeof simAccountWithJobs>;
let receiver: WebhookReceiver;
const apps: Server[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  sim = await startTestSimulator({ port: 0, scenario: "empty", now: new Date(), realtime: true });
  account = simAccountWithJobs(sim, "lab", 1);
  databaseUrl = await ownDatabase(DATABASE, [account], key);

  receiver = await startWebhookReceiver();
  const shared = {
    BATCHDECK_DEMO: "1",
    GOOGLE_CLIENT_ID: "batchdeck-demo",
    GOOGLE_ISSUER: "http://127.0.0.1:9",
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    BATCHDECK_ENCRYPTION_KEY: key,
    BATCHDECK_SIMULATOR_ORIGIN: sim.url,
    BATCHDECK_SYNC_INTERVAL_SECONDS: "5",
    // As `npm start` runs it: each app server is also a sync worker, and so delivers alerts.
    BATCHDECK_SYNC_WORKER: "1",
    OWNER_EMAILS: OWNER_EMAIL,
  };
  const ports = [await freePort(), await freePort()];
  apps.push(...(await Promise.all(ports.map((port) => startApp(databaseUrl, port, { ...shared, NEXTAUTH_URL: `http://127.0.0.1:${port}` })))));
});

test.afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
  await receiver?.close();
  await sim?.close();
  if (databaseUrl) await dropOwnDatabase(DATABASE);
});

test("two app servers send one alert per failed run, and retry the one the receiver refused once", async ({ browser }) => {
  test.setTimeout(120_000);
  const output = () => apps.map((a, i) => `--- app ${i}\n${a.output()}`).join("\n");
  const token = randomBytes(32).toString("hex");
  await query(databaseUrl, "insert into users (id, email, role, updated_at) values ('alerts-owner', $1, 'owner', now())", [OWNER_EMAIL]);
  await query(databaseUrl, "insert into sessions (id, session_token, user_id, expires) values ('alerts-session', encode(sha256(convert_to($1, 'UTF8')), 'hex'), 'alerts-owner', now() + interval '1 day')", [token]);

  // The channel is added through the first app's Alerts page.
  const app = apps[0]!;
  const context = await browser.newContext({ baseURL: app.url });
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: app.url }]);
  const page = await context.newPage();
  await page.goto("/alerts");
  const form = page.getByRole("form", { name: "Add an alert channel" });
  await form.getByLabel("Name").fill("lab-hook");
  await form.getByLabel("Format").selectOption("generic");
  await form.getByLabel("Webhook URL").fill(receiver.url);
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(form.getByRole("status")).toContainText("lab-hook added");
  await context.close();

  // The first alert is refused with a 500, every one after it taken.
  receiver.answer(500, 200);
  const { subscriptionId, resourceGroup } = account.account;
  const failed = Array.from({ length: FAILED_RUNS }, () => sim.azure.startExecution(subscriptionId, resourceGroup, "job-0", { SIM_EXIT_CODE: "2", SIM_DURATION_SECONDS: "1" }).name);

  const alerted = () => receiver.posts.map((p) => (p.body as GenericAlert).execution.providerId);
  const expected = (posts: string[]) => posts.length === FAILED_RUNS + 1 && [...posts].sort().join() === [...failed, posts[0]!].sort().join();
  // Within 95 s: the syncs bring the failures in (every 5 s), a scan records them (every 10 s), and the
  // refused one's first retry comes 30 to 60 s after it.
  const deadline = Date.now() + 95_000;
  while (!expected(alerted()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1000));
  const posts = alerted();
  // Each failed run once with a 200; the first one posted (refused with the 500) twice.
  expect([...posts].sort(), output()).toEqual([...failed, posts[0]!].sort());
  expect(receiver.posts.every((p) => (p.body as GenericAlert).test === false)).toBe(true);

  // A scan of both servers later (every 10 s), nothing more was sent.
  await new Promise((r) => setTimeout(r, 11_000));
  expect(alerted()).toEqual(posts);
  const deliveries = await query<{ provider_id: string; status: string; attempt_count: number }>(
    databaseUrl,
    "select e.provider_id, d.status, d.attempt_count from alert_deliveries d join executions e on e.id = d.execution_id order by e.provider_id",
  );
  expect(deliveries).toEqual([...failed].sort().map((id) => ({ provider_id: id, status: "sent", attempt_count: id === posts[0] ? 2 : 1 })));
});
