import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoIssuer, type DemoIssuer } from "./demo-issuer";

const APP = "http://localhost:3000";
const CALLBACK = `${APP}/api/auth/callback/google`;
let issuer: DemoIssuer;

beforeAll(async () => {
  issuer = await startDemoIssuer({ port: 0, appUrl: APP });
});
afterAll(() => issuer.close());

function authorize(redirectUri: string, email = "owner@batchdeck.demo"): string {
  const query = new URLSearchParams({ client_id: "batchdeck-demo", response_type: "code", scope: "openid email", state: "s1", redirect_uri: redirectUri, login_email: email });
  return `${issuer.url}/authorize?${query}`;
}

describe("the demo issuer", () => {
  it("sends a code to the app's own callback", async () => {
    const res = await fetch(authorize(CALLBACK), { redirect: "manual" });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get("state")).toBe("s1");
    expect(location.searchParams.get("code")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses any other redirect_uri, without redirecting to it or showing its form", async () => {
    for (const other of ["https://evil.example/cb", `${APP}/api/auth/callback/other`, "http://localhost:3001/api/auth/callback/google", `${CALLBACK}?x=1`]) {
      const res = await fetch(authorize(other), { redirect: "manual" });
      expect(res.status, other).toBe(403);
      expect(res.headers.get("location"), other).toBeNull();
      expect(await res.text(), other).toBe(`This demo issuer signs in to ${CALLBACK} only; the request named another redirect_uri.`);
      const form = await fetch(authorize(other).replace(/&login_email=[^&]*/, ""), { redirect: "manual" });
      expect(form.status, other).toBe(403);
    }
  });

  it("answers no CORS to other origins, neither a preflight nor a request", async () => {
    const discovery = `${issuer.url}/.well-known/openid-configuration`;
    const preflight = await fetch(discovery, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "GET" } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const read = await fetch(discovery, { headers: { origin: "https://evil.example" } });
    expect(read.status).toBe(403);
    expect(read.headers.get("access-control-allow-origin")).toBeNull();
    // next-auth reads it from the server, with no Origin.
    const server = await fetch(discovery);
    expect(server.status).toBe(200);
    expect((await server.json()).issuer).toBe(issuer.url);
  });

  it("answers only on its loopback name, not on a rebound DNS name, and serves no other endpoint", async () => {
    const { port } = new URL(issuer.url);
    const http = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      http.get({ host: "127.0.0.1", port, path: "/.well-known/openid-configuration", headers: { host: `rebound.evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on("error", reject);
    });
    expect(status).toBe(403);
    const logout = await fetch(`${issuer.url}/endsession?post_logout_redirect_uri=${encodeURIComponent("https://evil.example/")}`, { redirect: "manual" });
    expect(logout.status).toBe(403);
    expect(logout.headers.get("location")).toBeNull();
  });
});
