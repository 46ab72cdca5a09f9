import { describe, expect, it } from "vitest";
import { buildRunRequest, withImage } from "./requests";

// The bodies sent to Cloud Run, pinned: a run's overrides, and a redeployed job without Cloud Run's own fields.

const JOB = "projects/lab/locations/us-central1/jobs/etl";

describe("Cloud Run requests", () => {
  it("a run carries the batch, the env and the request key as the container's env overrides", () => {
    expect(buildRunRequest({ job: { providerId: JOB, name: "etl" }, overrides: { BATCH: "no2", MODE: "full" }, requestKey: "req-1" })).toEqual({
      name: JOB,
      overrides: { containerOverrides: [{ env: [{ name: "BATCH", value: "no2" }, { name: "MODE", value: "full" }, { name: "BATCHDECK_REQUEST", value: "req-1" }] }] },
    });
  });

  it("a redeploy sends the job's settable fields with the first container's new image, none of Cloud Run's output fields", () => {
    const current: Parameters<typeof withImage>[0] = {
      name: JOB,
      uid: "u-1",
      generation: "4",
      observedGeneration: "4",
      createTime: { seconds: "1700000000", nanos: 0 },
      labels: { team: "lab" },
      launchStage: "GA",
      etag: '"abc"',
      conditions: [{ type: "Ready", state: "CONDITION_SUCCEEDED" }],
      template: { taskCount: 2, template: { containers: [{ image: "r/etl:1", env: [{ name: "BATCH", value: "no1" }] }, { image: "r/sidecar:1" }], timeout: { seconds: "600", nanos: 0 }, maxRetries: 3 } },
    };
    expect(withImage(current, "r/etl:2")).toEqual({
      name: JOB,
      labels: { team: "lab" },
      annotations: undefined,
      client: undefined,
      clientVersion: undefined,
      launchStage: "GA",
      binaryAuthorization: undefined,
      template: { taskCount: 2, template: { containers: [{ image: "r/etl:2", env: [{ name: "BATCH", value: "no1" }] }, { image: "r/sidecar:1" }], timeout: { seconds: "600", nanos: 0 }, maxRetries: 3 } },
    });
  });
});
