import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { OWNER, signedInPage, signIn, sql } from "./support";

// Next renders a page without re-running a layout the client says it already has (an RSC request
// carrying Next-Router-State-Tree), so every page must check the member itself. This sends exactly that
// request to every page under app/(app) — found on disk, so a new page is covered without editing this
// file — as a stranger and as a removed member, and proves no catalog data comes back and no cloud is
// asked anything on their behalf.

const APP_DIR = join(process.cwd(), "app", "(app)");
const RSC_HEADERS = {
  RSC: "1",
  "Next-Router-State-Tree": JSON.stringify(["", { children: ["(app)", { children: ["jobs", { children: ["__PAGE__", {}] }] }] }]),
};
const SIM = `https://127.0.0.1:${process.env.E2E_SIM_PORT ?? 4610}/_sim`;
const REMOVED = "removed@lab.test";

/** Every page.tsx below app/(app), as the route segments of its folder. */
function pageSegments(dir = APP_DIR): string[][] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name === "page.tsx")
    .map((entry) => relative(APP_DIR, entry.parentPath).split(sep).filter(Boolean));
}

/** Where a dynamic segment's id lives, by the folder above it; anything else gets a made-up id. */
const TABLE_OF_FOLDER: Record<string, string> = { jobs: "jobs", executions: "executions", accounts: "cloud_accounts", members: "users", audit: "audit_events" };

async function urlOf(segments: string[]): Promise<string> {
  const parts: string[] = [];
  for (const [i, segment] of segments.entries()) {
    if (/^\(.*\)$/.test(segment)) continue; // a route group is not part of the URL
    const dynamic = /^\[+\.{0,3}([^\]]+)\]+$/.exec(segment);
    if (!dynamic) {
      parts.push(segment);
      continue;
    }
    const table = TABLE_OF_FOLDER[segments[i - 1] ?? ""];
    const [row] = table ? await sql<{ id: string }>(`select id from ${table} order by id limit 1`) : [];
    parts.push(encodeURIComponent(row?.id ?? "made-up-id-0000"));
  }
  return `/${parts.join("/")}`;
}

/** The RSC request, following Next's 307 (it adds the `_rsc` cache key) with the same headers. */
async function rscGet(request: APIRequestContext, url: string, cookie?: string): Promise<{ status: number; body: string }> {
  const headers = cookie ? { ...RSC_HEADERS, Cookie: cookie } : RSC_HEADERS;
  let next = url;
  for (let hop = 0; hop < 5; hop++) {
    const response = await request.get(next, { headers, maxRedirects: 0 });
    const location = response.headers()["location"];
    if (response.status() >= 300 && response.status() < 400 && location) {
      // A redirect off the RSC path (to /signin) is a refusal; only Next's own cache-key hop is followed.
      const target = new URL(location, new URL(next, "http://app.invalid"));
      if (target.pathname !== new URL(next, "http://app.invalid").pathname) return { status: response.status(), body: "" };
      next = target.pathname + target.search;
      continue;
    }
    return { status: response.status(), body: await response.text() };
  }
  throw new Error(`${url}: more than 5 redirects`);
}

/** A name as a whole token, so a short batch name ("no1") is not found inside a chunk hash. */
function mentions(body: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![A-Za-z0-9_-])${escaped}(?![A-Za-z0-9_-])`).test(body);
}

async function simRequests(request: APIRequestContext): Promise<{ seq: number; service: string; path: string }[]> {
  const response = await request.get(`${SIM}/requests`, { ignoreHTTPSErrors: true });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { requests: { seq: number; service: string; path: string }[] }).requests;
}

/** Log reads since `afterSeq`: the one cloud call a page makes on the request path (the sync makes the others). */
async function logReadsSince(request: APIRequestContext, afterSeq: number) {
  return (await simRequests(request)).filter((r) => r.seq > afterSeq && r.service === "loganalytics");
}

async function lastSeq(request: APIRequestContext): Promise<number> {
  return (await simRequests(request)).at(-1)?.seq ?? 0;
}

test("no page answers an RSC request with catalog data or a cloud call, without a member behind it", async ({ page, browser, request }) => {
  test.setTimeout(180_000);
  // The owner's view first: the catalog must hold the demo's jobs, and the owner's /logs must show them,
  // so the absence checked below means something.
  await signIn(page, OWNER, "/logs");
  await expect(page.getByRole("heading", { name: "Choose what to read" })).toBeVisible();
  // A run of the simulated Azure account: its logs are read from Log Analytics, which the request log names.
  let run: { job_id: string; batch: string; account: string } | undefined;
  await expect(async () => {
    [run] = await sql<{ job_id: string; batch: string; account: string }>(
      `select e.job_id, e.batch, a.name as account from executions e join cloud_accounts a on a.id = e.account_id
       where a.cloud = 'azure' and a.is_demo and e.batch is not null and e.started_at is not null order by e.started_at desc limit 1`,
    );
    expect(run).toBeDefined();
  }).toPass({ timeout: 30_000 });
  const account = { name: run!.account };
  const jobNames = (await sql<{ name: string }>("select name from jobs")).map((r) => r.name);
  const runnableJobs = (await sql<{ name: string }>("select name from jobs where kind = 'job'")).map((r) => r.name);
  const batchNames = (await sql<{ batch: string }>("select distinct batch from executions where batch is not null")).map((r) => r.batch);
  // A name that is also a word of the public sign-in page (the AWS demo's task family is called "batch")
  // cannot tell a leak apart; the others can, and the account's name is always among them.
  const signInPage = (await rscGet(request, "/signin", "")).body;
  const secrets = [account.name, ...jobNames, ...batchNames].filter((name) => !mentions(signInPage, name));
  expect(secrets).toContain(account.name);
  expect(jobNames.length).toBeGreaterThan(0);
  expect(batchNames.length).toBeGreaterThan(0);

  const urls = await Promise.all(pageSegments().map(urlOf));
  expect(urls).toContain("/logs");
  const batchLogs = `/logs?job=${encodeURIComponent(run!.job_id)}&batch=${encodeURIComponent(run!.batch)}`;
  urls.push(batchLogs);

  const ownerCookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const before = await lastSeq(request);
  const owner = await rscGet(request, batchLogs, ownerCookie);
  expect(owner.status).toBe(200);
  for (const name of [account.name, ...runnableJobs, run!.batch]) expect(mentions(owner.body, name), `the owner's /logs shows ${name}`).toBe(true);
  expect((await logReadsSince(request, before)).length, "the owner's batch logs were read from the cloud").toBeGreaterThan(0);

  // A member signs in, keeps the session cookie, and is removed by the owner.
  await sql("insert into invitations (id, email, role, token, expires_at) values ('inv_removed', $1, 'viewer', 'removed-token-aaaaaaaaaaaaaaaaaaaa', now() + interval '1 day')", [REMOVED]);
  const member = await signedInPage(browser, REMOVED);
  const removedCookie = (await member.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  expect(removedCookie).toContain("session-token");
  await page.goto("/members");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Remove ${REMOVED}` }).click();
  await expect(page.getByRole("status")).toContainText(`${REMOVED} was removed`);
  await member.context().close();

  for (const [who, cookie] of [["no cookie", undefined], ["a removed member", removedCookie]] as const) {
    for (const url of urls) {
      const since = await lastSeq(request);
      const answer = await rscGet(request, url, cookie);
      // The sign-in redirect carries the requested URL back (callbackUrl): a name the caller sent is no leak.
      const leaked = secrets.filter((name) => !mentions(decodeURIComponent(url), name) && mentions(answer.body, name));
      expect.soft(leaked, `${url} with ${who} (HTTP ${answer.status}) shows catalog data`).toEqual([]);
      expect.soft(await logReadsSince(request, since), `${url} with ${who} made a cloud call`).toEqual([]);
    }
  }
});

test("/denied names the owners and admins to a signed-in member only", async ({ page, browser }) => {
  await signIn(page, OWNER); // an owner exists who could be named
  await page.goto("/denied");
  await expect(page.getByRole("link", { name: new RegExp(OWNER) })).toHaveAttribute("href", /^mailto:owner@lab\.test/);

  // A stranger whose sign-in was just refused, and one who names that email in the URL, see no one.
  const stranger = await (await browser.newContext()).newPage();
  await signIn(stranger, "walk-in@elsewhere.org");
  await expect(stranger).toHaveURL(/\/denied/);
  await expect(stranger.getByText("Ask the person who invited you")).toBeVisible();
  await expect(stranger.locator('a[href^="mailto:"]')).toHaveCount(0);
  await stranger.goto("/denied?email=walk-in%40elsewhere.org");
  await expect(stranger.getByText("Ask the person who invited you")).toBeVisible();
  await expect(stranger.locator('a[href^="mailto:"]')).toHaveCount(0);
  await expect(stranger.getByText(OWNER)).toHaveCount(0);
  await stranger.context().close();
});
