/* eslint-disable @typescript-eslint/no-explicit-any -- wire bodies of many shapes are read field by field here; their types are what the contract tests check. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../server";
import { simFetch, startTestSimulator } from "../testing";
import { bearerFetch, fetchToken, sasToken } from "./testClients";

// The simulator's own behaviour over HTTP: clock, faults per account, history limit, vendor error
// shapes, credentials, the KQL subset, Service Bus -> KEDA -> execution, cron, determinism.

const V = "api-version=2025-07-01";
let sim: Simulator;
let token: string;
let laToken: string;
let jobsUrl: string;

beforeAll(async () => {
  sim = await startTestSimulator();
  const a = sim.azure.demoAccount;
  token = await fetchToken(sim.azure.endpoints.authorityHost, a, "https://management.azure.com/.default");
  laToken = await fetchToken(sim.azure.endpoints.authorityHost, a, "https://api.loganalytics.io/.default");
  jobsUrl = `${sim.azure.endpoints.resourceManager}/subscriptions/${a.subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.App/jobs`;
});
afterAll(() => sim.close());

const armGet = async (url: string) => {
  const r = await bearerFetch(url, token);
  return { status: r.status, headers: r.headers, body: (await r.json().catch(() => null)) as any };
};
const laQuery = async (query: string, extra: Record<string, unknown> = {}) => {
  const r = await bearerFetch(`${sim.azure.endpoints.logAnalytics}/v1/workspaces/${sim.azure.demoAccount.logAnalyticsWorkspaceId}/query`, laToken, "POST", { query, ...extra });
  return { status: r.status, body: (await r.json()) as any };
};

describe("clock control", () => {
  it("reads and moves the clock over HTTP, forward only", async () => {
    const before = (await (await simFetch(sim, "/_sim/clock")).json()) as { now: string };
    const moved = await simFetch(sim, "/_sim/clock", { method: "POST", json: { advanceSeconds: 30 } });
    expect(((await moved.json()) as { now: string }).now).toBe(new Date(Date.parse(before.now) + 30_000).toISOString());
    const set = await simFetch(sim, "/_sim/clock", { method: "POST", json: { now: "2026-11-20T12:05:00Z" } });
    expect(((await set.json()) as { now: string }).now).toBe("2026-11-20T12:05:00.000Z");
    expect((await simFetch(sim, "/_sim/clock", { method: "POST", json: { now: "2020-01-01T00:00:00Z" } })).status).toBe(400);
    expect((await simFetch(sim, "/_sim/clock", { method: "POST", json: { nope: 1 } })).status).toBe(400);
  });
});

describe("faults, per account", () => {
  it("throttles one subscription with 429 + Retry-After in ARM's shape, leaving others alone", async () => {
    const other = sim.azure.createAccount();
    const otherToken = await fetchToken(sim.azure.endpoints.authorityHost, other, "https://management.azure.com/.default");
    const added = await simFetch(sim, "/_sim/faults", { method: "POST", json: { account: sim.azure.demoAccount.subscriptionId, kind: "throttle", retryAfterSeconds: 7, count: 2 } });
    expect(added.status).toBe(201);
    const otherUrl = `${sim.azure.endpoints.resourceManager}/subscriptions/${other.subscriptionId}/providers/Microsoft.App/jobs?${V}`;
    expect((await bearerFetch(otherUrl, otherToken)).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await armGet(`${jobsUrl}?${V}`);
      expect(r.status).toBe(429);
      expect(r.headers.get("retry-after")).toBe("7");
      expect(r.body.error.code).toBe("SubscriptionRequestsThrottled");
    }
    expect((await armGet(`${jobsUrl}?${V}`)).status).toBe(200);
  });

  it("answers 5xx, adds latency, and hangs until the client gives up", async () => {
    const account = sim.azure.demoAccount.subscriptionId;
    sim.faults.add({ account, kind: "error5xx", status: 503, count: 1 });
    const failed = await armGet(`${jobsUrl}?${V}`);
    expect([failed.status, failed.body.error.code]).toEqual([503, "ServiceUnavailable"]);

    sim.faults.add({ account, kind: "latency", latencyMs: 300, count: 1 });
    const t0 = Date.now();
    expect((await armGet(`${jobsUrl}?${V}`)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);

    await simFetch(sim, "/_sim/faults", { method: "POST", json: { account, kind: "hang" } });
    const hung = await fetch(`${jobsUrl}?${V}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(300) }).catch((e: Error) => e.name);
    expect(hung).toBe("TimeoutError");
    expect((await simFetch(sim, `/_sim/faults?account=${account}`, { method: "DELETE" })).status).toBe(204);
    expect((await armGet(`${jobsUrl}?${V}`)).status).toBe(200);
  });

  it("rejects a malformed fault", async () => {
    expect((await simFetch(sim, "/_sim/faults", { method: "POST", json: { account: "x", kind: "explode" } })).status).toBe(400);
  });
});

describe("ARM behaviour", () => {
  it("keeps only the last 100 executions of a job", async () => {
    const a = sim.azure.demoAccount;
    sim.azure.createJob({ subscriptionId: a.subscriptionId, resourceGroup: a.resourceGroup, name: "history-check", triggerType: "Manual", durationSeconds: 5 });
    const names: string[] = [];
    for (let i = 0; i < 105; i++) {
      const r = await bearerFetch(`${jobsUrl}/history-check/start?${V}`, token, "POST");
      names.push(((await r.json()) as { name: string }).name);
      sim.clock.advance(1);
    }
    const list = await armGet(`${jobsUrl}/history-check/executions?${V}`);
    expect(list.body.value).toHaveLength(100);
    expect(list.body.value[0].name).toBe(names[104]);
    expect(list.body.value.map((e: { name: string }) => e.name)).not.toContain(names[4]);
    expect((await armGet(`${jobsUrl}/history-check/executions/${names[0]}?${V}`)).status).toBe(404);
  });

  it("answers bad requests with ARM's error codes", async () => {
    const cases: [string, string | undefined, unknown, number, string][] = [
      [`${jobsUrl}/nope?${V}`, "GET", undefined, 404, "ResourceNotFound"],
      [`${jobsUrl}/nightly-etl`, "GET", undefined, 400, "MissingApiVersionParameter"],
      [`${jobsUrl}/nightly-etl?api-version=2023-05-01`, "GET", undefined, 400, "NoRegisteredProviderFound"],
      [`${jobsUrl}/nightly-etl/start?${V}`, "POST", "[1,2", 400, "InvalidRequestContent"],
      [`${jobsUrl}/nightly-etl/start?${V}`, "POST", { containers: [{ name: "a", image: "i", env: [{ value: "x" }] }] }, 400, "InvalidParameterValue"],
      [`${jobsUrl}/nightly-etl/start?${V}`, "POST", { template: {} }, 400, "InvalidRequestContent"],
      [`${jobsUrl}/nightly-etl?${V}`, "DELETE", undefined, 405, "MethodNotAllowed"],
    ];
    for (const [url, method, body, status, code] of cases) {
      const r = await bearerFetch(url, token, method, body);
      expect([r.status, ((await r.json()) as { error: { code: string } }).error.code], `${method} ${url}`).toEqual([status, code]);
    }
  });

  it("refuses missing, invalid and wrong-audience tokens with 401", async () => {
    const none = await fetch(`${jobsUrl}?${V}`);
    expect([none.status, ((await none.json()) as any).error.code]).toEqual([401, "AuthenticationFailed"]);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer /);
    const bad = await bearerFetch(`${jobsUrl}?${V}`, "abc.def.ghi");
    expect([bad.status, ((await bad.json()) as any).error.code]).toEqual([401, "InvalidAuthenticationToken"]);
    const wrongAud = await bearerFetch(`${jobsUrl}?${V}`, laToken);
    expect([wrongAud.status, ((await wrongAud.json()) as any).error.code]).toEqual([401, "InvalidAuthenticationTokenAudience"]);
  });

  it("fires cron jobs as the clock passes their schedule", async () => {
    const before = (await armGet(`${jobsUrl}/nightly-etl/executions?${V}`)).body.value.length as number;
    sim.clock.advance(6 * 3600);
    const after = (await armGet(`${jobsUrl}/nightly-etl/executions?${V}`)).body.value;
    expect(after.length).toBe(Math.min(100, before + 1));
    expect(after[0].properties.template.containers[0].env).toContainEqual({ name: "BATCH", value: "no1" });
  });
});

describe("Entra ID token endpoint", () => {
  const tokenRequest = (form: Record<string, string>, tenant = sim.azure.demoAccount.tenantId) =>
    fetch(`${sim.azure.endpoints.authorityHost}/${tenant}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

  it("answers a wrong secret with 401 invalid_client AADSTS7000215, and other mistakes with their codes", async () => {
    const a = sim.azure.demoAccount;
    const base = { grant_type: "client_credentials", client_id: a.clientId, client_secret: a.clientSecret, scope: "https://management.azure.com/.default" };
    const wrong = await tokenRequest({ ...base, client_secret: "nope" });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
    expect(wrong.body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided\./);
    expect(Object.keys(wrong.body).sort()).toEqual(["correlation_id", "error", "error_codes", "error_description", "error_uri", "timestamp", "trace_id"]);
    expect((await tokenRequest({ ...base, client_id: "00000000-0000-0000-0000-000000000000" })).body).toMatchObject({ error: "unauthorized_client", error_codes: [700016] });
    expect((await tokenRequest({ ...base, scope: "https://management.azure.com/user_impersonation" })).body).toMatchObject({ error: "invalid_scope", error_codes: [1002012] });
    expect((await tokenRequest(base, "11111111-1111-1111-1111-111111111111")).body.error_codes).toEqual([90002]);
    const ok = await tokenRequest(base);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
    const logged = sim.requests(a.tenantId).find((e) => e.service === "login");
    expect((logged?.body as Record<string, string>).client_secret).toBe("[redacted]");
  });
});

describe("Log Analytics", () => {
  it("filters on the server, shows the query in the request log, and reveals lines as the clock moves", async () => {
    const a = sim.azure.demoAccount;
    const run = sim.azure.startExecution(a.subscriptionId, a.resourceGroup, "nightly-etl", { BATCH: "no2", SIM_DURATION_SECONDS: "100" });
    const query = `ContainerAppConsoleLogs_CL | where ContainerGroupName_s startswith "${run.name}" | project TimeGenerated, ContainerGroupName_s, Stream_s, Log_s | order by TimeGenerated asc | take 100`;
    expect((await laQuery(query)).body.tables[0].rows).toEqual([]);
    sim.clock.advance(101);
    const result = await laQuery(query);
    expect(result.status).toBe(200);
    const rows = result.body.tables[0].rows as string[][];
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.every((r) => r[1]!.startsWith(`${run.name}-`))).toBe(true);
    expect(rows[0]![3]).toContain("batch=no2");
    const logged = sim.requests(a.subscriptionId).filter((e) => e.service === "loganalytics").at(-1)!;
    expect((logged.body as { query: string }).query).toBe(query);
  });

  it("rejects KQL outside the subset with BadArgumentError", async () => {
    const r = await laQuery("ContainerAppConsoleLogs_CL | summarize count() by Stream_s");
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: "BadArgumentError", innererror: { code: "SemanticError" } });
    const syntax = await laQuery("ContainerAppConsoleLogs_CL | where");
    expect(syntax.body.error.innererror.code).toBe("SyntaxError");
    const ts = await laQuery("ContainerAppConsoleLogs_CL", { timespan: "yesterday" });
    expect(ts.status).toBe(400);
  });
});

describe("Service Bus send -> KEDA -> execution", () => {
  it("starts one execution per message at the next poll, and checks the SAS signature", async () => {
    const a = sim.azure.demoAccount;
    const sendUrl = `${sim.azure.endpoints.serviceBus}/reports/messages`;
    const auth = sasToken(`https://${a.serviceBusNamespace}/reports`, a.serviceBusKeyName, a.serviceBusKey);
    const send = (authorization: string, url = sendUrl) => fetch(url, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: '{"report":"x"}' });
    const before = (await armGet(`${jobsUrl}/report-worker/executions?${V}`)).body.value.map((e: { name: string }) => e.name) as string[];
    expect((await send(auth)).status).toBe(201);
    expect((await send(auth)).status).toBe(201);
    expect(sim.azure.queueMessages(a.serviceBusNamespace, "reports")).toHaveLength(2);
    expect((await armGet(`${jobsUrl}/report-worker/executions?${V}`)).body.value.map((e: { name: string }) => e.name)).toEqual(before);
    sim.clock.advance(10);
    const after = (await armGet(`${jobsUrl}/report-worker/executions?${V}`)).body.value as { name: string; properties: { status: string } }[];
    const fresh = after.filter((e) => !before.includes(e.name));
    expect(fresh).toHaveLength(2);
    expect(fresh.every((e) => e.properties.status === "Running")).toBe(true);
    expect(sim.azure.queueMessages(a.serviceBusNamespace, "reports")).toHaveLength(0);

    const badKey = sasToken(`https://${a.serviceBusNamespace}/reports`, a.serviceBusKeyName, Buffer.from("wrong").toString("base64"));
    const rejected = await send(badKey);
    expect(rejected.status).toBe(401);
    expect(await rejected.text()).toMatch(/^<Error><Code>401<\/Code><Detail>InvalidSignature/);
    const otherQueue = sasToken(`https://${a.serviceBusNamespace}/other`, a.serviceBusKeyName, a.serviceBusKey);
    expect((await send(otherQueue)).status).toBe(401);
    const missing = sasToken(`https://${a.serviceBusNamespace}/nope`, a.serviceBusKeyName, a.serviceBusKey);
    expect((await send(missing, `${sim.azure.endpoints.serviceBus}/nope/messages`)).status).toBe(404);
    expect((await send("Bearer x")).status).toBe(401);
    sim.faults.add({ account: a.serviceBusNamespace, kind: "throttle", retryAfterSeconds: 3, count: 1 });
    const throttled = await send(auth);
    expect([throttled.status, throttled.headers.get("retry-after")]).toEqual([429, "3"]);
  });
});

describe("control routes and determinism", () => {
  it("serves the request log per account and creates accounts and jobs", async () => {
    const log = (await (await simFetch(sim, `/_sim/requests?account=${sim.azure.demoAccount.subscriptionId}`)).json()) as { requests: { method: string; path: string; query: Record<string, string>; status: number; time: string }[] };
    expect(log.requests.length).toBeGreaterThan(5);
    expect(log.requests[0]).toMatchObject({ method: expect.any(String), path: expect.stringMatching(/^\/subscriptions\//), status: expect.any(Number), time: expect.any(String) });
    const account = (await (await simFetch(sim, "/_sim/azure/accounts", { method: "POST", json: { resourceGroup: "lab" } })).json()) as { subscriptionId: string; endpoints: { serviceBus: string } };
    expect(account.endpoints.serviceBus).toMatch(/\/azure\/servicebus\/batchdeck-[a-z0-9]{6}\.servicebus\.windows\.net$/);
    const job = await simFetch(sim, "/_sim/azure/jobs", { method: "POST", json: { subscriptionId: account.subscriptionId, resourceGroup: "lab", name: "train", triggerType: "Schedule", cronExpression: "*/5 * * * *" } });
    expect(job.status).toBe(201);
    expect((await simFetch(sim, "/_sim/azure/jobs", { method: "POST", json: { subscriptionId: account.subscriptionId, resourceGroup: "lab", name: "bad", triggerType: "Schedule", cronExpression: "nope" } })).status).toBe(400);
  });

  it("gives the same demo estate for the same seed", async () => {
    const again = await startTestSimulator();
    const other = await startTestSimulator({ seed: 8 });
    try {
      expect(again.azure.demoAccount).toEqual(sim.azure.demoAccount);
      expect(other.azure.demoAccount.subscriptionId).not.toBe(sim.azure.demoAccount.subscriptionId);
    } finally {
      await again.close();
      await other.close();
    }
  });
});
