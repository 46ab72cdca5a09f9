import { expect, test } from "@playwright/test";
import { OWNER, signIn, sql } from "./support";

// The money screens against the catalog: a run far over the free grant, written as the app's writers
// write it (the execution with its cost, and its job-day rollup in step), raises the warning on the
// Usage page, the overview and the job's page; the page's figures are the database's; the month's CSV
// has that run and the page's total.

const ACCOUNT = "Azure lab (simulated)";
// 64 vCPU and 128 GiB for 59 minutes: 226,560 vCPU-s and 453,120 GiB-s, over the 180,000 and 360,000 granted.
const VCPU_MILLI = 64_000;
const MEMORY_MIB = 131_072;
const BILLED_MS = 59 * 60_000;
const COST_MICROS = 12_345_678n;

test("usage over the grant warns on the usage page, the overview and the job; figures and the CSV match the catalog", async ({ page }, testInfo) => {
  await signIn(page, OWNER, "/usage");
  let job: { id: string; name: string; account_id: string } | undefined;
  await expect(async () => {
    [job] = await sql<{ id: string; name: string; account_id: string }>(
      "select j.id, j.name, j.account_id from jobs j join cloud_accounts a on a.id = j.account_id where a.name = $1 and j.kind = 'job' and j.gone_at is null order by j.name limit 1",
      [ACCOUNT],
    );
    expect(job).toBeDefined();
  }).toPass({ timeout: 30_000 }); // the demo's start-up sync runs in the background

  const [run] = await sql<{ id: string; day: string; month: string }>(
    `insert into executions (id, account_id, job_id, provider_id, status, provider_status, triggered_by, started_at, ended_at, milli_vcpu, memory_mib, cost_micros, updated_at)
     values ('ex_big', $1, $2, 'portal-run-big', 'succeeded', 'Succeeded', 'external', date_trunc('second', now()) - interval '1 hour',
             date_trunc('second', now()) - interval '1 hour' + make_interval(secs => $3 / 1000.0), $4, $5, $6, now())
     returning id, to_char((started_at at time zone 'UTC')::date, 'YYYY-MM-DD') as day, to_char(started_at at time zone 'UTC', 'YYYY-MM') as month`,
    [job!.account_id, job!.id, BILLED_MS, VCPU_MILLI, MEMORY_MIB, String(COST_MICROS)],
  );
  const vcpuMs = (VCPU_MILLI * BILLED_MS) / 1000;
  const gibMs = (MEMORY_MIB * BILLED_MS) / 1024;
  await sql(
    `insert into job_daily_rollups (job_id, day, account_id, runs, succeeded, failed, stopped, duration_buckets, usage_runs, vcpu_milli_seconds, vcpu_unknown_runs, gib_milli_seconds, gib_unknown_runs, cost_micros)
     values ($1, $2::date, $3, 1, 1, 0, 0, '{}', 1, $4, 0, $5, 0, $6)
     on conflict (job_id, day) do update set runs = job_daily_rollups.runs + 1, succeeded = job_daily_rollups.succeeded + 1, usage_runs = job_daily_rollups.usage_runs + 1,
       vcpu_milli_seconds = job_daily_rollups.vcpu_milli_seconds + $4, gib_milli_seconds = job_daily_rollups.gib_milli_seconds + $5, cost_micros = job_daily_rollups.cost_micros + $6`,
    [job!.id, run!.day, job!.account_id, vcpuMs, gibMs, String(COST_MICROS)],
  );

  // The Usage page: the warning, and the figures the database holds. The demo's sync keeps writing (runs
  // end, new ones are priced past the grant this run used up), so the figures are compared on a page
  // rendered between two equal reads of the catalog: nothing was written while it rendered.
  const readCatalog = async () =>
    (
      await sql<{ cost: string; vcpu_ms: string; later_vcpu_ms: string; job_cost: string }>(
        `select (coalesce((select sum(cost_micros) from job_daily_rollups where account_id = $1 and day >= $2::date), 0)
               + coalesce((select sum(cost_micros) from usage_samples where account_id = $1 and day >= $2::date), 0))::text as cost,
                (select sum(vcpu_milli_seconds) from job_daily_rollups where account_id = $1 and day >= $2::date)::text as vcpu_ms,
                -- Runs the cloud says ended after our now (its clock ahead: another spec moved the simulator's):
                -- the page counts them up to now instead of their rolled-up whole, at most this much less.
                (select coalesce(sum(milli_vcpu * ceil(extract(epoch from ended_at - started_at))), 0) from executions
                  where account_id = $1 and ended_at > now() and started_at >= $2::date)::text as later_vcpu_ms,
                (select sum(cost_micros) from job_daily_rollups where job_id = $3 and day >= $2::date)::text as job_cost`,
        [job!.account_id, `${run!.month}-01`, job!.id],
      )
    )[0]!;
  const card = page.getByTestId("usage-card").filter({ hasText: ACCOUNT });
  let catalog: Awaited<ReturnType<typeof readCatalog>> | undefined;
  await expect(async () => {
    const before = await readCatalog();
    await page.goto("/usage");
    await expect(card.getByTestId("usage-warning").first()).toContainText("has used up the free grant of 180,000 vCPU-seconds");
    expect(await readCatalog()).toEqual(before);
    catalog = before;
  }).toPass({ timeout: 90_000 });
  await expect(card.getByTestId("holder-cost")).toHaveAttribute("data-used-micros", catalog!.cost);
  await expect(card.getByTestId("holder-cost-used")).toHaveText(`$${(Number(catalog!.cost) / 1e6).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
  // Ended runs from the rollups, plus whatever the demo has running now (read live): at least the rollups' sum,
  // less what runs ending after our now had rolled up.
  const usedVcpu = Number(await card.getByTestId("meter-vcpu").getAttribute("data-used"));
  expect(usedVcpu).toBeGreaterThanOrEqual((Number(catalog!.vcpu_ms) - Number(catalog!.later_vcpu_ms)) / 1000);
  expect(usedVcpu).toBeLessThan(Number(catalog!.vcpu_ms) / 1000 + 50_000);
  await expect(card.getByTestId("usage-chart").first()).toBeVisible();
  await expect(card.locator('[data-testid="usage-chart"][data-label="vCPU-seconds"] .recharts-bar-rectangle').first()).toBeAttached();
  const jobRow = page.getByTestId("job-cost").and(page.locator(`[data-job="${job!.id}"]`));
  await expect(jobRow.locator("td").last()).toHaveText(`$${(Number(catalog!.job_cost) / 1e6).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`);
  await expect(page.getByTestId("forecast-basis")).toContainText("the average per day over the last 7 UTC days");

  // The month's CSV: the run with its cost, and the page's total in its last row, both read while the
  // catalog stood still (the sync re-prices the month as the demo's runs come in, this one included).
  await expect(async () => {
    const before = await readCatalog();
    await page.goto("/usage");
    const total = await page.getByTestId("usage-total-cost").getAttribute("data-micros");
    const response = await page.request.get(`/api/usage/export?month=${run!.month}`);
    expect(response.status()).toBe(200);
    const lines = (await response.text()).split("\r\n").filter(Boolean).map((l) => l.split(","));
    const [big] = await sql<{ cost: string }>("select cost_micros::text as cost from executions where id = 'ex_big'");
    const [{ runs }] = (await sql<{ runs: number }>(
      "select count(*)::int as runs from executions where started_at >= $1::timestamptz and started_at < now()",
      [`${run!.month}-01T00:00:00Z`],
    )) as [{ runs: number }];
    expect(await readCatalog()).toEqual(before);
    expect(lines[0]!.at(-1)).toBe("cost_usd");
    expect(lines.find((l) => l[0] === "portal-run-big")!.at(-1)).toBe(String(Number(big!.cost) / 1e6));
    expect(lines.at(-1)![0]).toBe("total");
    expect(Math.round(Number(lines.at(-1)!.at(-1)) * 1e6)).toBe(Number(total));
    expect(lines.filter((l) => l[0] !== "total" && l[0] !== "requests and operations").length - 1).toBeGreaterThanOrEqual(runs);
  }).toPass({ timeout: 90_000 });

  // The currency the owner set, in the URL.
  await sql("insert into currency_rates (currency, per_usd_millionths, set_by) values ('JPY', 150000000, 'owner@lab.test') on conflict (currency) do update set per_usd_millionths = 150000000");
  await page.goto("/usage?currency=JPY");
  await expect(page.getByTestId("currency-rate")).toContainText("Amounts in JPY at 150 per USD");
  await expect(card.getByTestId("holder-cost-used")).toHaveText(/^¥[\d,]+$/);

  for (const width of [1280, 390]) {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `/usage at ${width} px scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: testInfo.outputPath(`usage-${width}-${colorScheme}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // The same warning on the overview and on the job's page.
  await page.goto("/");
  await expect(page.getByTestId("usage-warning").filter({ hasText: ACCOUNT }).first()).toContainText("vCPU-seconds");
  await page.goto(`/jobs/${job!.id}`);
  await expect(page.getByTestId("usage-warning").first()).toContainText(ACCOUNT);
});
