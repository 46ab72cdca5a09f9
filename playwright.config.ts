import { defineConfig } from "@playwright/test";

// Run through `npm test` (scripts/test.ts), which provides E2E_DATABASE_URL (a fresh database) and checks
// that a Chromium is installed. The app runs exactly as `npm start` runs it, in demo mode: the full
// OpenID Connect round trip goes through the local issuer.
const port = Number(process.env.E2E_PORT ?? 3100);
const issuerPort = Number(process.env.E2E_ISSUER_PORT ?? 9410);
export const OWNER = "owner@lab.test";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "test-results/e2e-report" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `http://localhost:${port}/signin`,
    // The first start builds the app (about a minute on an idle 2-core machine, several under load).
    timeout: 420_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(port),
      NEXTAUTH_URL: `http://localhost:${port}`,
      DEMO_ISSUER_PORT: String(issuerPort),
      SIM_PORT: String(Number(process.env.E2E_SIM_PORT ?? 4610)),
      OWNER_EMAILS: OWNER,
      BATCHDECK_DATA_DIR: ".data/e2e",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
    },
  },
});
