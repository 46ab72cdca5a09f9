import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// A forgotten variable must never open the door: without a Google client, `npm start` on a public URL
// stops before starting anything, and says what to set.
describe("npm start", () => {
  it("refuses a non-loopback URL without a Google client", () => {
    const { GOOGLE_CLIENT_ID: _id, GOOGLE_CLIENT_SECRET: _secret, ...env } = process.env;
    const run = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
      env: { ...env, NEXTAUTH_URL: "https://batchdeck.lab.example.edu", BATCHDECK_DATA_DIR: ".data/test-refuse", PORT: "3299" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("no Google sign-in is configured for https://batchdeck.lab.example.edu");
    expect(run.stderr).toContain("GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET");
    expect(run.stdout).not.toContain("Batchdeck on");
  });

  it("refuses plain http on a public host with one clear line and no stack trace", () => {
    // Otherwise a complete production configuration, so this is the only problem reported.
    const { GOOGLE_ISSUER: _issuer, BATCHDECK_DEMO: _demo, ...env } = process.env;
    const run = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
      env: {
        ...env,
        NEXTAUTH_URL: "http://batchdeck.lab.example.edu",
        GOOGLE_CLIENT_ID: "id.apps.googleusercontent.com",
        GOOGLE_CLIENT_SECRET: "secret",
        NEXTAUTH_SECRET: "s".repeat(40),
        BATCHDECK_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
        OWNER_EMAILS: "prof@lab.example.edu",
        BATCHDECK_DATA_DIR: ".data/test-refuse-http",
        PORT: "3299",
      },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "Batchdeck will not start:\n" +
        "  - NEXTAUTH_URL is http://batchdeck.lab.example.edu, plain http on a public host: serve Batchdeck over https " +
        "(e.g. behind a TLS reverse proxy) and set NEXTAUTH_URL to its https:// URL.",
    );
    expect(run.stdout).not.toContain("Batchdeck on");
  });
});
