import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, demoHostRefusal, strictTransportSecurity } from "./security-headers";

describe("security headers", () => {
  it("builds a nonce-based policy that lets sign-in reach the demo issuer", () => {
    expect(contentSecurityPolicy({ nonce: "abc=", dev: false, siteUrl: "http://localhost:3000", issuer: "http://localhost:9400" })).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc=' 'strict-dynamic'; style-src 'self' 'nonce-abc='; " +
        "style-src-elem 'self' 'nonce-abc='; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self' http://localhost:9400; frame-ancestors 'none'",
    );
  });

  it("sends sign-in to Google over https in production, and allows eval and unnonced styles only in next dev", () => {
    const production = contentSecurityPolicy({ nonce: "n", dev: false, siteUrl: "https://batchdeck.lab.example.edu" });
    expect(production).toContain("form-action 'self' https://accounts.google.com;");
    expect(production.endsWith("; upgrade-insecure-requests")).toBe(true);
    expect(production).not.toContain("unsafe-eval");
    const dev = contentSecurityPolicy({ nonce: "n", dev: true, siteUrl: "http://localhost:3000" });
    expect(dev).toContain("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval';");
    expect(dev).toContain("style-src 'self' 'unsafe-inline'; style-src-elem 'self' 'unsafe-inline';");
  });

  it("sends HSTS only for an https site", () => {
    expect(strictTransportSecurity("https://batchdeck.lab.example.edu")).toBe("max-age=63072000; includeSubDomains");
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
  });

  it("answers the demo only at NEXTAUTH_URL's host and port", () => {
    expect(demoHostRefusal("localhost:3000", "http://localhost:3000")).toBeNull();
    expect(demoHostRefusal("LOCALHOST:3000", "http://localhost:3000")).toBeNull();
    const refusal = "This Batchdeck demo answers only at http://localhost:3000; open that address instead.\n";
    for (const host of ["evil.example:3000", "localhost:3001", "localhost", "127.0.0.1:3000", null])
      expect(demoHostRefusal(host, "http://localhost:3000")).toBe(refusal);
  });
});
