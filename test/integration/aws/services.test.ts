import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ctxOf } from "@/test/support/service-context";
import { useDemoEnv, useTestDatabase } from "../../support/database";
import { startTestSimulator } from "../../../sim/testing";
import { awsDemoCatalogAccount } from "../../../sim/aws/simCloud";
import type { Actor } from "../../../lib/services/context";

// Seed 003's AWS account through the app's own path: the demo account sealed in the catalog, the sync,
// the Run and Redeploy services and the Logs screen's query, on a real Postgres and the simulator.

const key = randomBytes(32).toString("base64");
useDemoEnv({ BATCHDECK_ENCRYPTION_KEY: key });
await useTestDatabase();
const { db } = await import("@/lib/db/client");
const { seedDemoAccounts } = await import("@/lib/catalog/demo-accounts");
const { syncAccount } = await import("@/lib/sync/sync-account");
const { startRun } = await import("@/lib/services/executions/start");
const { startInput } = await import("@/lib/services/executions/schemas");
const { redeployJob } = await import("@/lib/services/jobs/redeploy");
const { redeployInput } = await import("@/lib/services/jobs/schemas");
const { readLogView } = await import("@/lib/queries/logs");

let sim: Awaited<ReturnType<typeof startTestSimulator>>;
let accountId: string;
let jobId: string;
let admin: Actor;

beforeAll(async () => {
  sim = await startTestSimulator({ port: 0, scenario: "demo" });
  await seedDemoAccounts([awsDemoCatalogAccount(sim.aws.demoAccount, sim.aws.endpoints)], key);
  accountId = (await db().cloudAccount.findFirstOrThrow({ where: { cloud: "aws" } })).id;
  const user = await db().user.create({ data: { email: "ada@lab.test", role: "admin" } });
  admin = { id: user.id, email: user.email, role: "admin" };
  return () => sim.close();
});

describe("an AWS account in the catalog", () => {
  it("syncs seed 003 as one job with three triggers, two batches and weeks of runs", async () => {
    const report = await syncAccount(accountId);
    expect(report.jobs).toBe(1);
    const job = await db().job.findFirstOrThrow({ where: { accountId }, include: { triggers: true } });
    jobId = job.id;
    expect([job.name, job.batchEnvVar, job.triggers.length]).toEqual(["batch", "batch", 3]);
    const batches = await db().execution.groupBy({ by: ["batch"], where: { jobId }, _count: true, orderBy: { batch: "asc" } });
    expect(batches.map((b) => b.batch)).toEqual(["no1", "no2"]);
    expect(batches.every((b) => b._count > 100)).toBe(true);
  });

  it("runs batch no2 once for a double click, in the variable the rules use", async () => {
    const input = startInput.parse({ jobId, requestKey: randomBytes(16).toString("hex"), batch: "no2" });
    const results = await Promise.all([startRun(ctxOf(admin), input), startRun(ctxOf(admin), input)]);
    expect(results.filter((r) => r.data.started)).toHaveLength(1);
    const started = (sim.aws.tasks(sim.aws.demoAccount.accountId) as { startedBy?: string; overrides?: { containerOverrides?: { environment?: { name: string; value: string }[] }[] } }[]).filter((t) =>
      t.overrides?.containerOverrides?.some((o) => o.environment?.some((e) => e.name === "BATCHDECK_REQUEST" && e.value === input.requestKey)),
    );
    expect(started.map((t) => [t.startedBy, t.overrides?.containerOverrides?.[0]?.environment?.find((e) => e.name === "batch")?.value])).toEqual([["batchdeck", "no2"]]);
  });

  it("shows only batch no2's lines on the Logs screen", async () => {
    const view = await readLogView(admin, { job: jobId, batch: "no2" });
    expect(view.state).toBe("ok");
    if (view.state !== "ok") return;
    expect(view.lines.length).toBeGreaterThan(20);
    expect(view.lines.filter((l) => /\[no\d\]/.test(l.message)).every((l) => l.message.includes("[no2]"))).toBe(true);
  });

  it("records what a redeploy repointed on the deployment", async () => {
    const image = `${sim.aws.demoAccount.accountId}.dkr.ecr.ap-northeast-1.amazonaws.com/batch:2.0.0`;
    const outcome = await redeployJob(ctxOf(admin), redeployInput.parse({ jobId, image, requestKey: randomBytes(16).toString("hex") }));
    const changes = ["registered batch:3 running " + image, "rule batch1-hourly: batch:2 → batch:3", "rule batch2-every-3h: batch:2 → batch:3", "schedule default/batch1-weekday-morning: batch:2 → batch:3"];
    expect(outcome.message).toBe(`batch now runs ${image}; the next run uses it. Changed: ${changes.join("; ")}.`);
    const deployment = await db().deployment.findFirstOrThrow({ where: { jobId } });
    expect([deployment.state, deployment.toImage, deployment.changes]).toEqual(["succeeded", image, changes]);
  });
});
