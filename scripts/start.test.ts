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
});
