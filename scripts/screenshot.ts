// Refreshes the README's screenshot from the running demo (`npm start` in another terminal):
//   npx tsx scripts/screenshot.ts [path=/] [out=docs/screenshot.png]
import { chromium } from "@playwright/test";

const [pathname = "/", out = "docs/screenshot.png"] = process.argv.slice(2);
const base = process.env.NEXTAUTH_URL ?? "http://localhost:3000";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, colorScheme: (process.env.SCHEME as "light" | "dark") ?? "light" });
await page.goto(`${base}${pathname}`);
await page.getByRole("button", { name: "Sign in with Google" }).click();
await page.getByLabel("Email").fill(process.env.OWNER_EMAILS?.split(",")[0] ?? "owner@batchdeck.demo");
await page.getByRole("button", { name: "Continue" }).click();
await page.waitForURL(`${base}${pathname}`);
await page.waitForTimeout(500);
await page.screenshot({ path: out });
await browser.close();
console.log(`wrote ${out}`);
