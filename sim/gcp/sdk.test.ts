import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../server";
import { startTestSimulator } from "../testing";
import { gcpClients } from "./testClients";

// The real Google clients (the ones lib/providers/gcp uses) against the simulator.

let sim: Simulator;
let c: ReturnType<typeof gcpClients>;
const parent = "projects/batchdeck-lab/locations/asia-northeast1";

beforeAll(async () => {
  sim = await startTestSimulator();
  c = gcpClients(sim.gcp.endpoints, sim.gcp.demoAccount.key);
});
afterAll(() => sim.close());

describe("Cloud Run Admin v2 clients against the simulator", () => {
  it("lists and gets the demo job", async () => {
    const [jobs] = await c.jobs.listJobs({ parent });
    expect(jobs.map((j) => j.name)).toEqual([`${parent}/jobs/lab-batch`]);
    const [job] = await c.jobs.getJob({ name: `${parent}/jobs/lab-batch` });
    expect(job.template?.template?.containers?.[0]?.image).toBe("asia-northeast1-docker.pkg.dev/batchdeck-lab/lab/lab-batch:2.3.0");
    expect(job.terminalCondition?.state).toBe("CONDITION_SUCCEEDED");
  });

  it("lists executions across jobs (jobs/-), paged", async () => {
    const all = [];
    for await (const ex of c.executions.listExecutionsAsync({ parent: `${parent}/jobs/-`, pageSize: 20 })) all.push(ex);
    expect(all.length).toBe(sim.gcp.executions("batchdeck-lab").length);
    expect(all[0]?.runningCount).toBe(1);
    expect(all.some((e) => e.conditions?.some((k) => k.type === "Completed" && k.state === "CONDITION_FAILED"))).toBe(true);
  });
});
