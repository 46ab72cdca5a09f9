import { describe, expect, it } from "vitest";
import { alertSmtp, ConfigError, parseServerEnv } from "./env";

const real = {
  DATABASE_URL: "postgresql://u:p@db.internal:5432/batchdeck",
  NEXTAUTH_URL: "https://batchdeck.lab.example.edu",
  NEXTAUTH_SECRET: "s".repeat(40),
  GOOGLE_CLIENT_ID: "id.apps.googleusercontent.com",
  GOOGLE_CLIENT_SECRET: "secret",
  BATCHDECK_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  OWNER_EMAILS: "Prof@Lab.example.edu, ta@lab.example.edu",
  ALLOWED_EMAIL_DOMAINS: "@lab.example.edu",
};

function problem(env: Record<string, string>): string {
  try {
    parseServerEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("configuration", () => {
  it("accepts a complete production configuration and normalises lists", () => {
    const env = parseServerEnv(real);
    expect(env.demo).toBe(false);
    expect(env.OWNER_EMAILS).toEqual(["prof@lab.example.edu", "ta@lab.example.edu"]);
    expect(env.ALLOWED_EMAIL_DOMAINS).toEqual(["lab.example.edu"]);
  });

  it("refuses to serve a public URL without a Google client, saying what to set", () => {
    const { GOOGLE_CLIENT_ID: _id, GOOGLE_CLIENT_SECRET: _secret, ...rest } = real;
    const message = problem(rest);
    expect(message).toContain("GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET");
    expect(message).toContain("https://batchdeck.lab.example.edu/api/auth/callback/google");
  });

  it("caps the app server's heap at 256 MiB unless told otherwise, and refuses a size that is not one", () => {
    expect(parseServerEnv(real).BATCHDECK_APP_HEAP_MB).toBe(256);
    expect(parseServerEnv({ ...real, BATCHDECK_APP_HEAP_MB: "1024" }).BATCHDECK_APP_HEAP_MB).toBe(1024);
    expect(problem({ ...real, BATCHDECK_APP_HEAP_MB: "64" })).toContain("BATCHDECK_APP_HEAP_MB");
    expect(problem({ ...real, BATCHDECK_APP_HEAP_MB: "1.5g" })).toContain("BATCHDECK_APP_HEAP_MB");
  });

  it("refuses demo mode on a non-loopback URL", () => {
    expect(problem({ ...real, BATCHDECK_DEMO: "1" })).toContain("demo mode only runs on a loopback URL");
  });

  it("refuses plain http on a public host, and allows it on loopback", () => {
    expect(problem({ ...real, NEXTAUTH_URL: "http://batchdeck.lab.example.edu" })).toBe(
      "Batchdeck will not start:\n" +
        "  - NEXTAUTH_URL is http://batchdeck.lab.example.edu, plain http on a public host: serve Batchdeck over https " +
        "(e.g. behind a TLS reverse proxy) and set NEXTAUTH_URL to its https:// URL.",
    );
    expect(problem({ ...real, NEXTAUTH_URL: "http://10.0.0.5:3000" })).toContain("plain http on a public host");
    for (const url of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"])
      expect(parseServerEnv({ ...real, NEXTAUTH_URL: url }).NEXTAUTH_URL).toBe(url);
  });

  it("refuses GOOGLE_ISSUER outside demo mode, and a non-loopback one in demo mode", () => {
    expect(problem({ ...real, GOOGLE_ISSUER: "https://issuer.example.org" })).toContain("GOOGLE_ISSUER is https://issuer.example.org, but only the demo's own issuer");
    const demo = { NEXTAUTH_URL: "http://localhost:3000", BATCHDECK_DEMO: "1", DATABASE_URL: "postgresql://localhost/db" };
    expect(problem({ ...demo, GOOGLE_ISSUER: "https://issuer.example.org" })).toContain("Unset GOOGLE_ISSUER");
    expect(parseServerEnv({ ...demo, GOOGLE_ISSUER: "http://localhost:9400" }).GOOGLE_ISSUER).toBe("http://localhost:9400");
  });

  it("lists every problem at once", () => {
    const message = problem({ NEXTAUTH_URL: "https://x.example.org", OWNER_EMAILS: "", DATABASE_URL: "postgresql://h/db" });
    expect(message).toContain("NEXTAUTH_SECRET");
    expect(message).toContain("BATCHDECK_ENCRYPTION_KEY");
    expect(message).toContain("OWNER_EMAILS is empty");
  });

  it("names a malformed variable", () => {
    expect(problem({ ...real, OWNER_EMAILS: "prof@lab, not an email" })).toContain("OWNER_EMAILS");
    expect(problem({ ...real, BATCHDECK_ENCRYPTION_KEY: "short" })).toContain("BATCHDECK_ENCRYPTION_KEY");
  });

  it("takes email alerts' SMTP_URL and ALERTS_FROM together or not at all", () => {
    const smtp = { SMTP_URL: "smtps://alerts:pw@smtp.example.edu:465", ALERTS_FROM: "batchdeck@lab.example.edu" };
    expect(parseServerEnv({ ...real, ...smtp }).SMTP_URL).toBe(smtp.SMTP_URL);
    expect(alertSmtp({ ...real, ...smtp })).toEqual({ url: smtp.SMTP_URL, from: smtp.ALERTS_FROM });
    expect(alertSmtp(real)).toBeNull();
    expect(problem({ ...real, SMTP_URL: smtp.SMTP_URL })).toContain("alerts by email need both SMTP_URL and ALERTS_FROM");
    expect(problem({ ...real, ...smtp, SMTP_URL: "https://smtp.example.edu" })).toContain("SMTP_URL: must be an smtp:// or smtps:// URL");
    expect(problem({ ...real, ...smtp, ALERTS_FROM: "batchdeck" })).toContain("ALERTS_FROM: must be the email address alerts are sent from");
  });
});
