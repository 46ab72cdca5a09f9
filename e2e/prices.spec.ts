import { expect, test } from "@playwright/test";
import { OWNER, signIn, sql } from "./support";

// The price table end to end: the demo's Fargate runs are priced by the sync (no free tier: every run
// costs), an owner overrides Fargate's vCPU price on /usage/prices, and every run is re-priced at once.

// The demo's schedules keep starting runs while the test goes on, so it follows the runs that had ended and
// been priced before the override, by id: new runs would change any total over the whole account.
const endedFargateRuns = async () =>
  (await sql<{ id: string }>("select e.id from executions e join cloud_accounts a on a.id = e.account_id where a.cloud = 'aws' and e.ended_at is not null and e.cost_micros is not null")).map((row) => row.id);
const costOf = async (ids: string[]) =>
  (await sql<{ total: string | null; priced: number }>("select sum(cost_micros)::text as total, count(cost_micros)::int as priced from executions where id = any($1::text[])", [ids]))[0]!;

test("an owner overrides a price on the price table and every run is re-priced", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, OWNER, "/usage/prices");
  await expect(async () => expect(await endedFargateRuns()).not.toHaveLength(0)).toPass({ timeout: 60_000 }); // the demo's start-up sync
  const ids = await endedFargateRuns();
  const before = await costOf(ids);
  expect(before.priced).toBe(ids.length);
  expect(BigInt(before.total!)).toBeGreaterThan(0n);

  const fargate = page.getByRole("region", { name: "Prices of AWS Fargate (Linux)" });
  const entry = fargate.getByTestId("price-entry").filter({ hasText: "vCPU, Linux/x86" }).first();
  await expect(entry).toContainText("0.04048 per vCPU-hour");
  await expect(entry).toContainText("not verified");
  await expect(entry).toContainText("book price");

  await fargate.getByText("Override a price of AWS Fargate (Linux)").click();
  await fargate.getByLabel("Meter").selectOption("vcpu-second");
  await fargate.getByLabel("Price (USD)").fill("0.4048");
  await fargate.getByRole("button", { name: "Save price" }).click();
  await expect(fargate.getByRole("status").first()).toContainText("is now 0.4048 USD");
  await page.reload();
  await expect(fargate.getByTestId("price-entry").filter({ hasText: "vCPU, Linux/x86" }).first()).toContainText("overridden 0.4048 in every region");

  const after = await costOf(ids);
  expect(after.priced).toBe(ids.length);
  expect(BigInt(after.total!)).toBeGreaterThan(BigInt(before.total!) * 5n); // vCPU is most of a Fargate run's price
});
