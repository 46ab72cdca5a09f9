import { expect, test } from "@playwright/test";
import { OWNER, signIn } from "./support";

const PAGES = ["/", "/jobs", "/executions", "/logs", "/usage", "/usage/settings", "/usage/how", "/accounts", "/alerts", "/members", "/audit"];

test.use({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });

test("every page fits a phone in dark mode, without horizontal scroll", async ({ page }, testInfo) => {
  await signIn(page, OWNER);
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.locator("main h1")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background, `${path} is not dark`).toBe("rgb(13, 16, 22)");
    await page.screenshot({ path: testInfo.outputPath(`phone-dark${path.replace("/", "-")}.png`), fullPage: true });
  }
  for (const path of ["/signin", "/denied"]) {
    await page.context().clearCookies();
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});

test("the phone menu reaches every page", async ({ page }) => {
  await signIn(page, OWNER);
  await page.getByText("Menu").click();
  await page.locator(".mobile-menu").getByRole("link", { name: "Audit" }).click();
  await expect(page).toHaveURL(/\/audit$/);
});
