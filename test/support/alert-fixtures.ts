// A cloud account, jobs and executions written straight to the catalog, for the alert tests: what the sync
// would have written, without a cloud.

export async function alertCatalog() {
  const { db } = await import("@/lib/db/client");
  const account = await db().cloudAccount.create({ data: { cloud: "azure", name: "lab", settings: {} } });
  const job = (name: string) => db().job.create({ data: { accountId: account.id, providerId: `/jobs/${name}`, name } });
  const [etl, report] = [await job("nightly-etl"), await job("weekly-report")];
  let n = 0;
  /** A run of `jobId` that ended `endedAt` with `status`. */
  const run = (jobId: string, status: "failed" | "succeeded", endedAt: Date, batch: string | null = "no2") =>
    db().execution.create({
      data: {
        accountId: account.id, jobId, providerId: `run-${++n}`, batch, status, providerStatus: status === "failed" ? "Failed" : "Succeeded",
        startedAt: new Date(endedAt.getTime() - 90_000), endedAt, exitCode: status === "failed" ? 3 : 0, triggeredBy: "trigger",
      },
    });
  return { account, etl, report, run };
}
