import http from "node:http";
import { expect, test, type APIResponse, type Page, type Response } from "@playwright/test";
import { OWNER, signIn, sql } from "./support";

const port = Number(process.env.E2E_PORT ?? 3100);
const issuerOrigin = `http://localhost:${process.env.E2E_ISSUER_PORT ?? 9410}`;

test.describe.configure({ mode: "serial" });

/** Every CSP violation the browser reports on `page`, from the DOM event and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportCspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI} at ${e.documentURI}`),
    );
  });
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

function nonceOf(policy: string): string {
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce, `a nonce in ${policy}`).toBeTruthy();
  return nonce!;
}

/** The headers every answer carries, with the policy's nonce. */
async function expectSecurityHeaders(response: Response | APIResponse | null): Promise<string> {
  expect(response).not.toBeNull();
  const headers = "allHeaders" in response! ? await response.allHeaders() : response!.headers();
  const policy = headers["content-security-policy"]!;
  const nonce = nonceOf(policy);
  expect(policy).toBe(
    `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'; style-src 'self' 'nonce-${nonce}'; ` +
      `style-src-elem 'self' 'nonce-${nonce}'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; ` +
      `connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self' ${issuerOrigin}; frame-ancestors 'none'`,
  );
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // Served over plain http on loopback: no HSTS (a browser would ignore it, and it would pin localhost).
  expect(headers["strict-transport-security"]).toBeUndefined();
  return nonce;
}

/** Every script and style element of the page carries this response's nonce (read as a property: browsers hide the attribute). */
async function expectNonceOnPage(page: Page, nonce: string) {
  const elements = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>("script, style")].map((e) => ({ nonce: e.nonce, html: e.outerHTML.slice(0, 300) })));
  expect(elements.length).toBeGreaterThan(0);
  expect(elements.filter((e) => e.nonce !== nonce)).toEqual([]);
}

test("pages and API answers carry the headers; sign-in and the app work under the policy without a violation", async ({ page }) => {
  const violations = await watchViolations(page);

  const signin = await page.goto("/signin");
  const nonce = await expectSecurityHeaders(signin);
  await expectNonceOnPage(page, nonce);
  expect(nonceOf((await page.request.get("/signin")).headers()["content-security-policy"]!)).not.toBe(nonce);

  // The whole round trip: the app's sign-in button, next-auth, the issuer's form, the callback.
  await signIn(page, OWNER, "/jobs");
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByTestId("signed-in-as").first()).toHaveText(OWNER);
  const jobs = await page.goto("/jobs");
  await expectNonceOnPage(page, await expectSecurityHeaders(jobs));
  await expect(page.getByRole("heading", { name: "Jobs", exact: true })).toBeVisible();

  // Client-side navigation (RSC fetches) and a server action, both under the policy.
  await page.getByRole("link", { name: "Members", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
  await page.getByLabel("Email").fill("headers-check@lab.test");
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(page.getByTestId("new-invitation-link")).toBeVisible();

  const api = await page.request.get("/api/audit");
  expect(api.status()).toBe(200);
  await expectSecurityHeaders(api);
  await expectSecurityHeaders(await page.request.get("/api/auth/session"));

  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/signin/);
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expectNonceOnPage(page, await expectSecurityHeaders(missing));
  await expectNonceOnPage(page, await expectSecurityHeaders(await page.goto("/denied")));
  expect(violations).toEqual([]);
});

test("the page refuses to be framed", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("/signin");
  // A document of another origin (about:blank with a srcdoc is this origin, so use the issuer's).
  await page.goto(`${issuerOrigin}/.well-known/openid-configuration`);
  await page.setContent(`<iframe src="http://localhost:${port}/signin"></iframe>`);
  await expect.poll(() => violations.join("\n")).toContain("frame-ancestors 'none'");
  await expect(page.frameLocator("iframe").getByRole("button", { name: "Sign in with Google" })).toHaveCount(0);
});

/** A raw request with a Host of our choosing (fetch and Playwright's request set Host from the URL). */
function requestWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "localhost", port, path, headers: { host } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("the demo answers only at its own host and port, so a rebound DNS name reads nothing", async () => {
  const refusal = { status: 400, body: `This Batchdeck demo answers only at http://localhost:${port}; open that address instead.\n` };
  for (const path of ["/signin", "/jobs", "/api/audit", "/api/auth/session", "/api/auth/providers"]) {
    expect(await requestWithHost(path, `evil.example:${port}`)).toEqual(refusal);
  }
  expect(await requestWithHost("/signin", `127.0.0.1:${port}`)).toEqual(refusal);
  expect((await requestWithHost("/signin", `localhost:${port}`)).status).toBe(200);
  expect((await requestWithHost("/api/auth/providers", `localhost:${port}`)).status).toBe(200);
});

/** Fills `subject`'s counter for `name` to its limit in this window and the next, so the next request is one too many. */
async function exhaust(name: string, subject: string, limit: number) {
  // Keep the two requests below in one window: start at least 10 s before the minute turns.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
  await sql(
    `insert into rate_limits (key, window_start, count)
       select $1::text, date_trunc('minute', now()) + make_interval(mins => n), $2::int from generate_series(0, 1) as n
     on conflict (key, window_start) do update set count = excluded.count`,
    [`${name}:${subject.toLowerCase()}`, limit],
  );
}

test("a member over the action limit is told to wait, keeps what they typed, and is audited once", async ({ page }) => {
  await signIn(page, OWNER, "/members");
  const [owner] = await sql<{ id: string }>("select id from users where email = $1", [OWNER]);
  await exhaust("action", owner!.id, 30);
  try {
    const form = page.getByRole("form", { name: "Invite a member" });
    for (let attempt = 0; attempt < 2; attempt++) {
      await page.getByLabel("Email").fill("too-fast@lab.test");
      await page.getByRole("button", { name: "Create invitation" }).click();
      await expect(form.getByRole("alert")).toHaveText(/^Too many actions in a short time\. Try again in (\d+ s|1 min)\.$/);
      await expect(page.getByLabel("Email")).toHaveValue("too-fast@lab.test");
    }
    expect(await sql("select 1 from invitations where email = 'too-fast@lab.test'")).toHaveLength(0);
    const audited = await sql<{ actor_email: string; result: string; detail: unknown }>(
      "select actor_email, result, detail from audit_events where action = 'member.invite' and detail->>'reason' = 'rate_limit'",
    );
    expect(audited).toEqual([{ actor_email: OWNER, result: "denied", detail: { reason: "rate_limit" } }]);
  } finally {
    await sql("delete from rate_limits where key = $1", [`action:${owner!.id.toLowerCase()}`]);
  }
});

test("an API request over the member's limit gets 429 with Retry-After and a message", async ({ page }) => {
  await signIn(page, OWNER, "/jobs");
  const [owner] = await sql<{ id: string }>("select id from users where email = $1", [OWNER]);
  await exhaust("apiRead", owner!.id, 300);
  try {
    const response = await page.request.get("/api/audit");
    expect(response.status()).toBe(429);
    const wait = Number(response.headers()["retry-after"]);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    const after = wait < 60 ? `${wait} s` : "1 min";
    expect(await response.json()).toEqual({ error: "rate_limited", message: `Too many API requests in a short time. Try again in ${after}.` });
  } finally {
    await sql("delete from rate_limits where key = $1", [`apiRead:${owner!.id.toLowerCase()}`]);
  }
});
