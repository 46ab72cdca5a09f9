import { expect, test } from "@playwright/test";
import { OWNER, signIn, sql } from "./support";

// A run whose allocation the cloud did not report is not counted as 0: the meter says how many runs it
// could not count, so the figure reads as the floor it is.

test("runs with unknown vCPU or memory are shown as unknown, not added as 0", async ({ page }) => {
  await signIn(page, OWNER, "/usage");
  let job: { id: string; account_id: string } | undefined;
  await expect(async () => {
    [job] = await sql<{ id: string; account_id: string }>("select j.id, j.account_id from jobs j join cloud_accounts a on a.id = j.account_id where a.name = 'Azure lab (simulated)' and j.kind = 'job' limit 1");
    expect(job).toBeDefined();
  }).toPass({ timeout: 30_000 }); // the demo's start-up sync runs in the background
  const card = page.getByTestId("usage-card").filter({ hasText: "Azure lab (simulated)" });
  await page.goto("/usage");
  await expect(card.getByTestId("usage-unknown")).toHaveCount(0);

  // Runs still going, written straight into executions: the page reads those live. Ended runs reach it
  // through the rollups the app's writers keep (lib/catalog/rollups.ts), which a row written here would skip.
  await sql(
    `insert into executions (id, account_id, job_id, provider_id, status, provider_status, triggered_by, started_at, ended_at, milli_vcpu, memory_mib, updated_at)
     values ('ex_no_cpu', $1, $2, 'portal-run-no-cpu', 'running', 'Running', 'external', now() - interval '2 minutes', null, null, 1024, now()),
            ('ex_blind', $1, $2, 'portal-run-blind', 'running', 'Running', 'external', now() - interval '2 minutes', null, null, null, now())`,
    [job!.account_id, job!.id],
  );
  await page.goto("/usage");
  await expect(card.getByTestId("usage-unknown")).toHaveText(["vCPU-seconds unknown for 2 runs: the cloud did not report their allocation, so they are not in these figures and the real total is higher.", "Memory unknown for 1 run: the cloud did not report their allocation, so they are not in these figures and the real total is higher."]);
});
