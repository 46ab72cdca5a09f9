import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { freePort, startApp, type Server } from "../bench/catalog/servers";
import { startTestSimulator } from "../sim/testing";
import { armRequests, simAccountWithJobs, spawnWorker, until, type WorkerProcess } from "../test/integration/azure/worker-harness";
import type { Sim } from "../test/integration/azure/harness";
import { dropOwnDatabase, ownDatabase, query } from "./support";

// More than one of everything (issue #8): two app servers (`next start` of the one build, no sync in
// them) and two sync workers (`npm run worker`) against one Postgres and one simulator, in the demo's
// configuration. Each account's syncs never overlap and each happens at least once per interval, also
// after one worker is SIGKILLed; a session works on either server; the same start request sent to both
// servers at once starts one run. Its own database on the end-to-end server, so the app that
// playwright.config.ts starts (with its own in-process worker) never touches these accounts.

const INTERVAL_SECONDS = 5;
/** Each ARM call of these accounts is this late, so a sync takes seconds and two overlapping ones would interleave. */
const LATENCY_MS = 300;
const JOBS_PER_ACCOUNT = 2;
const OWNER_EMAIL = "owner@scale.test";
const DATABASE = "batchdeck_scaleout";

const key = randomBytes(32).toString("base64");
const secret = randomBytes(32).toString("base64");
let databaseUrl: string;
let sim: Sim;
let accounts: ReturnType<typeof simAccountWithJobs>[];
const apps: Server[] = [];
const workers: WorkerProcess[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  sim = await startTestSimulator({ port: 0, scenario: "empty", now: new Date(), realtime: true });
  accounts = ["north", "south", "east"].map((name) => simAccountWithJobs(sim, name, JOBS_PER_ACCOUNT));
  for (const a of accounts) sim.faults.add({ account: a.account.subscriptionId, kind: "latency", latencyMs: LATENCY_MS, method: "GET" });
  databaseUrl = await ownDatabase(DATABASE, accounts, key);

  const shared = {
    BATCHDECK_DEMO: "1",
    GOOGLE_CLIENT_ID: "batchdeck-demo",
    GOOGLE_ISSUER: "http://127.0.0.1:9",
    NEXTAUTH_SECRET: secret,
    BATCHDECK_ENCRYPTION_KEY: key,
    BATCHDECK_SIMULATOR_ORIGIN: sim.url,
    BATCHDECK_SYNC_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
    OWNER_EMAILS: OWNER_EMAIL,
  };
  const ports = [await freePort(), await freePort()];
  const started = await Promise.all(ports.map((port) => startApp(databaseUrl, port, { ...shared, NEXTAUTH_URL: `http://127.0.0.1:${port}` })));
  apps.push(...started);
  for (let i = 0; i < 2; i++) workers.push(spawnWorker({ ...shared, DATABASE_URL: databaseUrl }));
});

test.afterAll(async () => {
  for (const w of workers) {
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGTERM");
    await w.exited;
  }
  await Promise.all(apps.map((a) => a.stop()));
  await sim?.close();
  if (databaseUrl) await dropOwnDatabase(DATABASE);
});

const lastSynced = async () =>
  Object.fromEntries((await query<{ name: string; last_synced_at: Date | null }>(databaseUrl, "select name, last_synced_at from cloud_accounts")).map((r) => [r.name, r.last_synced_at]));

/** One sync's ARM calls, in order: the job list, then each job's executions (one call per job). */
function syncCalls(a: (typeof accounts)[number]): string[] {
  const base = `GET /subscriptions/${a.account.subscriptionId}/resourceGroups/${a.account.resourceGroup}/providers/Microsoft.App/jobs`;
  return [base, ...Array.from({ length: JOBS_PER_ACCOUNT }, (_, i) => `${base}/job-${i}/executions`)];
}

/**
 * The account's ARM calls after `afterSeq`, cut at each job listing. Syncs that never overlap leave
 * whole blocks of one sync's calls (the last may be in progress); two at once interleave theirs, which
 * repeats or drops a job's call in some block. The provider may list the jobs more than once in a row
 * within one sync (again before listing the executions), so a run of listings counts as one.
 */
function syncBlocks(a: (typeof accounts)[number], afterSeq: number): string[][] {
  const calls = armRequests(sim, a.account).filter((r) => r.seq > afterSeq).map((r) => `${r.method} ${r.path}`);
  const listing = syncCalls(a)[0]!;
  const blocks: string[][] = [];
  for (const call of calls) {
    const block = blocks.at(-1);
    if (call === listing && block?.at(-1) === listing) continue;
    if (call === listing || !block) blocks.push([call]);
    else block.push(call);
  }
  return blocks;
}

/** Over `seconds`, every account's syncs are whole, never overlapping, and at least one per interval. */
async function expectEveryAccountSyncedAlone(seconds: number, output: () => string) {
  const afterSeq = Math.max(0, ...sim.requests().map((r) => r.seq));
  await new Promise((r) => setTimeout(r, seconds * 1000));
  for (const a of accounts) {
    const expected = syncCalls(a);
    const blocks = syncBlocks(a, afterSeq);
    // The first block may be the tail of a sync under way when the window opened, the last one in progress.
    if (blocks[0] && blocks[0][0] !== expected[0]) blocks.shift();
    const last = blocks.at(-1);
    if (last && last.length < expected.length && last.every((call, i) => call === expected[i])) blocks.pop();
    expect(blocks, `${a.name}: ${output()}`).toEqual(blocks.map(() => expected));
    // One sync per interval-long slot: the window holds at least this many whole slots.
    expect(blocks.length, `${a.name} synced ${blocks.length} times in ${seconds} s`).toBeGreaterThanOrEqual(Math.floor(seconds / INTERVAL_SECONDS) - 1);
  }
}

async function ownerSession(): Promise<string> {
  const token = randomBytes(32).toString("hex");
  const [user] = await query<{ id: string }>(databaseUrl, "insert into users (id, email, role, updated_at) values ('scale-owner', $1, 'owner', now()) returning id", [OWNER_EMAIL]);
  await query(databaseUrl, "insert into sessions (id, session_token, user_id, expires) values ('scale-session', encode(sha256(convert_to($1, 'UTF8')), 'hex'), $2, now() + interval '1 day')", [token, user!.id]);
  return token;
}

/** The Run form of job-0 of `account` on `app`, opened. */
async function runForm(browser: Browser, token: string, app: Server, account: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: app.url });
  await context.addCookies([{ name: "next-auth.session-token", value: token, url: app.url }]);
  const page = await context.newPage();
  await page.goto("/jobs");
  await expect(page.getByTestId("signed-in-as").first()).toHaveText(OWNER_EMAIL);
  const row = page.getByRole("row").filter({ hasText: account }).filter({ has: page.getByRole("cell", { name: "job-0", exact: true }) });
  await row.getByText("Run…").click();
  return page;
}

test("two app servers and two sync workers share one database: no overlapping or lost sync, one session, one run per request", async ({ browser }) => {
  test.setTimeout(150_000);
  const output = () => workers.map((w, i) => `--- worker ${i}\n${w.output()}`).join("\n");
  // Both workers are up and every account has synced once (a cold tsx + pg-boss start on a loaded machine).
  const synced = await until(lastSynced, (s) => accounts.every((a) => s[a.name]), 60_000);
  expect(accounts.filter((a) => !synced[a.name]).map((a) => a.name), output()).toEqual([]);

  // (a) Two workers: no duplicate sync.
  await expectEveryAccountSyncedAlone(4 * INTERVAL_SECONDS, output);

  // (b) One worker SIGKILLed: the other keeps every account syncing, still one sync at a time.
  workers[0]!.child.kill("SIGKILL");
  await workers[0]!.exited;
  await expectEveryAccountSyncedAlone(4 * INTERVAL_SECONDS, output);

  // (c) One session, read through either app server.
  const token = await ownerSession();
  const [pageA, pageB] = await Promise.all(apps.map((app) => runForm(browser, token, app, "north")));

  // (d) The same start request (one request key) sent to both servers at once starts one run.
  const formOf = (page: Page) => page.getByRole("form", { name: "Run job-0" }).filter({ visible: true });
  const requestKey = await formOf(pageA!).locator('input[name="requestKey"]').inputValue();
  await formOf(pageB!).locator('input[name="requestKey"]').evaluate((input, value) => ((input as HTMLInputElement).value = value), requestKey);
  const north = accounts[0]!;
  const startsBefore = armRequests(sim, north.account).filter((r) => r.method === "POST" && r.path.endsWith("/start")).length;
  await Promise.all([pageA!, pageB!].map((page) => formOf(page).getByRole("button", { name: "Start job-0" }).click()));
  const statuses = await Promise.all([pageA!, pageB!].map(async (page) => {
    const status = formOf(page).getByRole("status");
    await expect(status).not.toBeEmpty();
    return status.textContent();
  }));
  const starts = armRequests(sim, north.account).filter((r) => r.method === "POST" && r.path.endsWith("/start"));
  expect(starts.length - startsBefore, statuses.join(" | ")).toBe(1);
  const runs = await query<{ n: number }>(databaseUrl, "select count(*)::int as n from action_requests where key = $1", [requestKey]);
  expect(runs).toEqual([{ n: 1 }]);
  await Promise.all([pageA!, pageB!].map((page) => page.context().close()));
});
