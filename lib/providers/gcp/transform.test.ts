import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { protos as runProtos } from "@google-cloud/run";
import type { protos as schedulerProtos } from "@google-cloud/scheduler";
import type { protos as loggingProtos } from "@google-cloud/logging";
import { checkAgainst, loadDiscovery } from "@/test/support/discovery-check";
import { decodeRest } from "@/test/support/gcp-protos";
import { executionStatus, parseCpu, parseMemoryMiB, runTargetOf, transformExecution, transformJob, transformService, transformTrigger } from "./transform";
import { transformLogEntry } from "./logs";

// Transforms pinned on our payloads (fixtures-ours/README.md), each first held to its Discovery schema
// and decoded as the REST client decodes it.

const fixture = (file: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures-ours/${file}`, import.meta.url), "utf8"));
const run = loadDiscovery("run.v2.json");
const scheduler = loadDiscovery("cloudscheduler.v1.json");
const logging = loadDiscovery("logging.v2.json");

const JOB = "projects/lab-accounts/locations/asia-northeast1/jobs/nightly-import";
const IMAGE = "asia-northeast1-docker.pkg.dev/lab-accounts/batch/importer:1.4.2";

describe("our Google payloads", () => {
  it.each([
    ["run-jobs.json", run, "GoogleCloudRunV2ListJobsResponse"],
    ["run-services.json", run, "GoogleCloudRunV2ListServicesResponse"],
    ["run-executions.json", run, "GoogleCloudRunV2ListExecutionsResponse"],
    ["scheduler-jobs.json", scheduler, "ListJobsResponse"],
    ["logging-entries.json", logging, "ListLogEntriesResponse"],
  ] as const)("%s matches its Discovery schema", (file, doc, schema) => {
    expect(checkAgainst(doc, schema, fixture(file))).toEqual([]);
  });

  it("the schema check fails on an unknown field, a wrong type, an unknown enum value and a bad timestamp", () => {
    const execution = { name: "x", runningCount: "1", createTime: "yesterday", conditions: [{ state: "CONDITION_DONE" }], colour: "red" };
    expect(checkAgainst(run, "GoogleCloudRunV2Execution", execution)).toEqual([
      "GoogleCloudRunV2Execution.runningCount: expected an integer",
      "GoogleCloudRunV2Execution.createTime: yesterday is not an RFC 3339 time",
      "GoogleCloudRunV2Execution.conditions[0].state: CONDITION_DONE is not one of STATE_UNSPECIFIED, CONDITION_PENDING, CONDITION_RECONCILING, CONDITION_FAILED, CONDITION_SUCCEEDED",
      "GoogleCloudRunV2Execution.colour: not in the schema",
    ]);
  });
});

describe("Cloud Run transforms", () => {
  const jobs = decodeRest<runProtos.google.cloud.run.v2.IListJobsResponse>("run", "google.cloud.run.v2.ListJobsResponse", fixture("run-jobs.json")).jobs!;
  const triggers = decodeRest<schedulerProtos.google.cloud.scheduler.v1.IListJobsResponse>("scheduler", "google.cloud.scheduler.v1.ListJobsResponse", fixture("scheduler-jobs.json")).jobs!;

  it("reads jobs with their image, CPU, memory and env", () => {
    expect(jobs.map((j) => transformJob(j, []))).toEqual([
      { providerId: JOB, name: "nightly-import", kind: "job", region: "asia-northeast1", image: IMAGE, milliVcpu: 1000, memoryMiB: 512, env: { BATCH: "no1", TARGET: "accounts" }, triggers: [] },
      {
        providerId: "projects/lab-accounts/locations/asia-northeast1/jobs/cleanup",
        name: "cleanup",
        kind: "job",
        region: "asia-northeast1",
        image: "gcr.io/lab-accounts/cleanup@sha256:1f2e3d4c5b6a79880f1e2d3c4b5a69788f1e2d3c4b5a69788f1e2d3c4b5a6978",
        milliVcpu: 2000,
        memoryMiB: 1024,
        env: {},
        triggers: [],
      },
    ]);
  });

  it("reads services as kind service", () => {
    const services = decodeRest<runProtos.google.cloud.run.v2.IListServicesResponse>("run", "google.cloud.run.v2.ListServicesResponse", fixture("run-services.json")).services!;
    expect(services.map(transformService)).toEqual([
      {
        providerId: "projects/lab-accounts/locations/asia-northeast1/services/accounts",
        name: "accounts",
        kind: "service",
        region: "asia-northeast1",
        image: "asia-northeast1-docker.pkg.dev/lab-accounts/web/account-service:2.0.1",
        milliVcpu: 1000,
        memoryMiB: 256,
        env: { OAUTH_CALLBACK: "https://accounts-abc123-an.a.run.app/callback" },
        triggers: [],
      },
    ]);
  });

  it("reads Scheduler jobs that call a job's :run (v2 and v1 URLs) as triggers with cron, zone, state and batch; others are not triggers", () => {
    expect(triggers.map(transformTrigger)).toEqual([
      {
        jobName: JOB,
        trigger: { providerId: "projects/lab-accounts/locations/asia-northeast1/jobs/nightly-import-no1", kind: "schedule", expression: "0 3 * * *", timeZone: "Asia/Tokyo", batch: "no1", overrides: { BATCH: "no1" }, enabled: true },
      },
      {
        jobName: JOB,
        trigger: {
          providerId: "projects/lab-accounts/locations/asia-northeast1/jobs/nightly-import-no2",
          kind: "schedule",
          expression: "30 3 * * 1-5",
          timeZone: "Asia/Tokyo",
          batch: "no2",
          overrides: { BATCH: "no2", TARGET: "accounts" },
          enabled: false,
        },
      },
      null,
    ]);
  });

  it("reads executions: status from the Completed condition and task counts, times, overrides and the request key", () => {
    const executions = decodeRest<runProtos.google.cloud.run.v2.IListExecutionsResponse>("run", "google.cloud.run.v2.ListExecutionsResponse", fixture("run-executions.json")).executions!;
    const jobEnv = { BATCH: "no1", TARGET: "accounts" };
    const common = { jobProviderId: JOB, exitCode: null, image: IMAGE, milliVcpu: 1000, memoryMiB: 512, triggerProviderId: null };
    expect(executions.map((e) => transformExecution(e, { project: "lab-accounts" }, jobEnv))).toEqual([
      { ...common, providerId: `${JOB}/executions/nightly-import-p0q1r`, status: "queued", providerStatus: "CONDITION_PENDING", startedAt: null, endedAt: null, env: jobEnv, overrides: null, triggeredBy: "external", requestKey: null },
      {
        ...common,
        providerId: `${JOB}/executions/nightly-import-x7k2p`,
        status: "running",
        providerStatus: "RUNNING",
        startedAt: new Date("2026-11-22T03:00:04.500Z"),
        endedAt: null,
        env: { BATCH: "no2", TARGET: "accounts", BATCHDECK_REQUEST: "req-7f3a" },
        overrides: { BATCH: "no2", BATCHDECK_REQUEST: "req-7f3a" },
        triggeredBy: "user",
        requestKey: "req-7f3a",
      },
      {
        ...common,
        providerId: `${JOB}/executions/nightly-import-q9w3e`,
        status: "succeeded",
        providerStatus: "CONDITION_SUCCEEDED",
        startedAt: new Date("2026-11-21T03:00:05Z"),
        endedAt: new Date("2026-11-21T03:12:40.250Z"),
        env: jobEnv,
        overrides: null,
        triggeredBy: "external",
        requestKey: null,
      },
      {
        ...common,
        providerId: `${JOB}/executions/nightly-import-f4r5t`,
        status: "failed",
        providerStatus: "CONDITION_FAILED",
        startedAt: new Date("2026-11-20T03:00:06Z"),
        endedAt: new Date("2026-11-20T03:04:10Z"),
        env: { BATCH: "no2", TARGET: "accounts" },
        overrides: { BATCH: "no2" },
        triggeredBy: "external",
        requestKey: null,
      },
      {
        ...common,
        providerId: `${JOB}/executions/nightly-import-c1a2b`,
        status: "stopped",
        providerStatus: "CANCELLED",
        startedAt: new Date("2026-11-19T03:00:05Z"),
        endedAt: new Date("2026-11-19T03:01:00Z"),
        env: { BATCH: "no1", TARGET: "staging" },
        overrides: { TARGET: "staging" },
        triggeredBy: "external",
        requestKey: null,
      },
    ]);
  });

  it("a completed execution with no Completed condition is judged by its task counts", () => {
    const done = { completionTime: { seconds: "1700000000", nanos: 0 }, taskCount: 2 };
    expect(executionStatus({ ...done, succeededCount: 2 })).toEqual({ status: "succeeded", providerStatus: "COMPLETED" });
    expect(executionStatus({ ...done, succeededCount: 1, failedCount: 1 })).toEqual({ status: "failed", providerStatus: "FAILED" });
  });

  it("parses CPU and memory quantities", () => {
    expect(["1", "2", "0.5", "1000m", "250m", "x", undefined].map(parseCpu)).toEqual([1000, 2000, 500, 1000, 250, null, null]);
    expect(["512Mi", "1Gi", "2Gi", "4G", "x", null].map(parseMemoryMiB)).toEqual([512, 1024, 2048, 3815, null, null]);
  });

  it("finds the job of a :run URL only on Google's run hosts' paths", () => {
    expect(runTargetOf("https://run.googleapis.com/v2/projects/p/locations/us-central1/jobs/j:run")).toBe("projects/p/locations/us-central1/jobs/j");
    expect(runTargetOf("https://us-central1-run.googleapis.com/apis/run.googleapis.com/v1/namespaces/p/jobs/j:run")).toBe("projects/p/locations/us-central1/jobs/j");
    expect(runTargetOf("https://run.googleapis.com/v2/projects/p/locations/us-central1/jobs/j")).toBeNull();
    expect(runTargetOf("not a url")).toBeNull();
  });
});

describe("Cloud Logging transform", () => {
  it("reads lines with their execution, stream and message (text or a JSON line's message)", () => {
    const entries = decodeRest<loggingProtos.google.logging.v2.IListLogEntriesResponse>("logging", "google.logging.v2.ListLogEntriesResponse", fixture("logging-entries.json")).entries!;
    const execution = `${JOB}/executions/nightly-import-x7k2p`;
    expect(entries.map((e) => transformLogEntry(e, "lab-accounts"))).toEqual([
      { at: new Date("2026-11-22T03:00:04.500Z"), executionProviderId: execution, stream: "system", message: "Container called exit(0)." },
      { at: new Date("2026-11-22T03:00:05.001Z"), executionProviderId: execution, stream: "stdout", message: "importing batch no2: 1200 rows" },
      { at: new Date("2026-11-22T03:00:06.250Z"), executionProviderId: execution, stream: "stderr", message: "warning: 3 rows skipped (duplicate key)" },
      { at: new Date("2026-11-22T03:00:07Z"), executionProviderId: execution, stream: "stdout", message: "batch done" },
    ]);
  });
});
