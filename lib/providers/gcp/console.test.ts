import { describe, expect, it } from "vitest";
import { gcpConsoleUrl } from "./console";

const job = { providerId: "projects/lab/locations/asia-northeast1/jobs/lab-batch", name: "lab-batch" };

describe("gcpConsoleUrl", () => {
  it("opens the execution's tasks in its project and region", () => {
    const providerId = "projects/lab/locations/asia-northeast1/jobs/lab-batch/executions/lab-batch-x7k2p";
    expect(gcpConsoleUrl({ settings: {} }, job, { providerId })).toBe(
      "https://console.cloud.google.com/run/jobs/executions/details/asia-northeast1/lab-batch-x7k2p/tasks?project=lab",
    );
  });

  it("has no link for an id that is not an execution's resource name", () => {
    expect(gcpConsoleUrl({ settings: {} }, job, { providerId: "lab-batch-x7k2p" })).toBeNull();
  });
});
