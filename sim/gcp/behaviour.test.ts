import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../server";
import { startTestSimulator } from "../testing";
import { HISTORY_COUNT } from "./executions";
import { assertionFor, signJwt } from "./testClients";

// The OAuth token endpoint, bearer checks, history retention and faults, over plain HTTP.

let sim: Simulator;
const project = "batchdeck-lab";
const parent = `projects/${project}/locations/asia-northeast1`;

beforeAll(async () => {
  sim = await startTestSimulator({ scenario: "empty" });
});
afterAll(() => sim.close());

const GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
async function token(assertion: string, grant = GRANT): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sim.url}/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ grant_type: grant, assertion }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const listJobs = (bearer?: string) => fetch(`${sim.url}/v2/${parent}/jobs`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });

describe("the OAuth token endpoint (JWT bearer grant)", () => {
  it("issues an access token the APIs accept for a well-signed assertion; the key's token_uri points here", async () => {
    const key = sim.gcp.demoAccount.key;
    expect(key.token_uri).toBe(`${sim.url}/token`);
    expect(Object.keys(key).sort()).toEqual(["auth_provider_x509_cert_url", "auth_uri", "client_email", "client_id", "client_x509_cert_url", "private_key", "private_key_id", "project_id", "token_uri", "type", "universe_domain"]);
    const answer = await token(assertionFor(key));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ access_token: expect.stringMatching(/^ya29\./), expires_in: 3600, token_type: "Bearer" });
    expect((await listJobs(answer.body.access_token as string)).status).toBe(200);
    // google-auth-library signs aud = Google's own token URL; that is accepted too.
    expect((await token(assertionFor(key, { aud: "https://oauth2.googleapis.com/token" }))).status).toBe(200);
    expect(sim.requests(project).find((r) => r.service === "oauth2")?.body).toEqual({ grant_type: GRANT, assertion: "[redacted]" });
  });

  it("refuses an expired assertion, a wrong audience, an unknown or revoked key and another grant, with Google's OAuth error JSON", async () => {
    const key = sim.gcp.issueKey(project);
    const iat = Math.floor(Date.now() / 1000) - 7200;
    const timeframe = "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.";
    expect(await token(assertionFor(key, { iat, exp: iat + 3600 }))).toEqual({ status: 400, body: { error: "invalid_grant", error_description: timeframe } });
    expect(await token(assertionFor(key, { exp: Math.floor(Date.now() / 1000) + 7200 }))).toEqual({ status: 400, body: { error: "invalid_grant", error_description: timeframe } });
    expect(await token(assertionFor(key, { aud: "https://example.com/token" }))).toEqual({ status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT audience." } });
    expect(await token(assertionFor(key, { iss: "someone@else.iam.gserviceaccount.com" }))).toEqual({ status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT: iss does not match the key's service account." } });
    const now = Math.floor(Date.now() / 1000);
    const unknownKid = signJwt(key, { iss: key.client_email, scope: "x", aud: key.token_uri, iat: now, exp: now + 600 }, { kid: "0".repeat(40) });
    expect(await token(unknownKid)).toEqual({ status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT Signature." } });
    expect(await token(assertionFor(key), "client_credentials")).toEqual({ status: 400, body: { error: "unsupported_grant_type", error_description: "Invalid grant_type: client_credentials" } });
    const granted = await token(assertionFor(key));
    sim.gcp.revokeKey(key.private_key_id);
    expect(await token(assertionFor(key))).toEqual({ status: 400, body: { error: "invalid_grant", error_description: "Invalid JWT Signature." } });
    // The tokens the key obtained stop working with it.
    expect((await listJobs(granted.body.access_token as string)).status).toBe(401);
  });
});

describe("bearer checks on the APIs", () => {
  it("answers 401 UNAUTHENTICATED in Google's shape without a bearer, with garbage, and with a self-signed JWT that expired", async () => {
    const key = sim.gcp.demoAccount.key;
    for (const res of [await listJobs(), await listJobs("nonsense")]) {
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: number; status: string; message: string } };
      expect([body.error.code, body.error.status]).toEqual([401, "UNAUTHENTICATED"]);
      expect(body.error.message).toMatch(/^Request had invalid authentication credentials/);
    }
    const old = Math.floor(Date.now() / 1000) - 7200;
    const expired = signJwt(key, { iss: key.client_email, sub: key.client_email, aud: "https://run.googleapis.com/", iat: old, exp: old + 3600 });
    expect((await listJobs(expired)).status).toBe(401);
    const now = Math.floor(Date.now() / 1000);
    expect((await listJobs(signJwt(key, { iss: key.client_email, sub: key.client_email, aud: "https://run.googleapis.com/", iat: now, exp: now + 3600 }))).status).toBe(200);
  });
});

describe("history as Cloud Run keeps it", () => {
  it("keeps a job's newest 1,000 executions plus any from the last seven days", () => {
    sim.gcp.createJob({ projectId: project, name: "busy", durationSeconds: 1 });
    const t0 = sim.clock.now().getTime();
    for (let i = 0; i < HISTORY_COUNT + 5; i++) sim.gcp.startExecution(project, "busy", {}, t0 - (HISTORY_COUNT + 5 - i) * 60_000);
    sim.clock.advance(1);
    // All inside seven days: all kept.
    expect(sim.gcp.executions(project).filter((e) => e.job === "busy").length).toBe(HISTORY_COUNT + 5);
    const oldest = sim.gcp.executions(project).filter((e) => e.job === "busy").slice(0, 5).map((e) => e.name);
    sim.clock.advance(8 * 86_400);
    const kept = sim.gcp.executions(project).filter((e) => e.job === "busy");
    expect(kept.length).toBe(HISTORY_COUNT);
    expect(kept.some((e) => oldest.includes(e.name))).toBe(false);
  });
});

describe("faults per project", () => {
  it("throttles one project's Cloud Run calls with 429 and RetryInfo, leaving another project alone", async () => {
    const other = sim.gcp.createProject({ projectId: "calm-lab" });
    const now = Math.floor(Date.now() / 1000);
    const jwtOf = (k: typeof other.key) => signJwt(k, { iss: k.client_email, sub: k.client_email, aud: "https://run.googleapis.com/", iat: now, exp: now + 3600 });
    sim.faults.add({ account: project, kind: "throttle", retryAfterSeconds: 7, count: 1 });
    const throttled = await listJobs(jwtOf(sim.gcp.demoAccount.key));
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("7");
    expect(((await throttled.json()) as { error: { status: string; details: unknown[] } }).error).toMatchObject({ status: "RESOURCE_EXHAUSTED", details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "7s" }] });
    const calm = await fetch(`${sim.url}/v2/projects/calm-lab/locations/asia-northeast1/jobs`, { headers: { authorization: `Bearer ${jwtOf(other.key)}` } });
    expect(calm.status).toBe(200);
    expect((await listJobs(jwtOf(sim.gcp.demoAccount.key))).status).toBe(200);
  });
});
