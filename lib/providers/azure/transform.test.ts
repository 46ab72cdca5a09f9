import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Job, JobExecution, JobExecutionTemplate } from "@azure/arm-appcontainers";
import { AZURE_APP_EXAMPLES, fixturesDir, readAzureExample, readAzureFixture, specsDir, type XmsExample } from "../../../test/support/specs";
import { cannedArm } from "../../../test/support/canned-arm";
import type { ProviderExecution, ProviderJob } from "../types";
import { transformExecution, transformJob, transformStarted, memoryToMiB, normaliseStatus, triggerKindOf } from "./transform";
import { serviceBusTargetOf } from "./servicebus";

// Every Job and JobExecution example Microsoft publishes for 2025-07-01 (and the fixtures copied from
// them) goes through the real SDK deserialiser and then our transform; each is pinned to concrete values.

const SUB = "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345";
const SCOPE = { subscriptionId: SUB, resourceGroup: "rg" };
const JOB0_ID = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.App/jobs/testcontainerappsjob0`;
const JOB1_ID = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.App/jobs/testcontainerappsjob1`;

const manualJob0 = (image = "repo/testcontainerappsjob0:v4"): ProviderJob => ({
  providerId: JOB0_ID,
  name: "testcontainerappsjob0",
  kind: "job",
  region: "East US",
  image,
  milliVcpu: 500,
  memoryMiB: 1024,
  env: {},
  triggers: [{ providerId: `${JOB0_ID}#manual`, kind: "manual", expression: null, batch: null, overrides: null, enabled: true }],
});

const scheduledJob1: ProviderJob = {
  providerId: JOB1_ID,
  name: "testcontainerappsjob1",
  kind: "job",
  region: "East US",
  image: "repo/testcontainerappsjob1:v4",
  milliVcpu: 500,
  memoryMiB: 1024,
  env: {},
  triggers: [{ providerId: `${JOB1_ID}#schedule`, kind: "schedule", expression: "* * * * 5", batch: null, overrides: null, enabled: true }],
};

const eventJob0 = (expression: string): ProviderJob => ({
  ...manualJob0(),
  triggers: [
    { providerId: `${JOB0_ID}#event/servicebuscalingrule`, kind: "event", expression, batch: null, overrides: null, enabled: true },
  ],
});

function runningExecution(name: string): ProviderExecution {
  return {
    providerId: name,
    jobProviderId: JOB0_ID,
    status: "running",
    providerStatus: "Running",
    startedAt: new Date("2023-02-13T20:37:30Z"),
    // The example gives a Running execution an endTime; a running execution has none on the real service.
    endedAt: null,
    exitCode: null,
    image: "repo/testcontainerappsjob0:v4",
    milliVcpu: 500,
    memoryMiB: 1024,
    env: {},
    overrides: null,
    triggeredBy: "external",
    triggerProviderId: null,
    requestKey: null,
  };
}

/** The Job body of one response (a 201's body is a Job too; it is served as a GET's 200 to deserialise it). */
async function jobFrom(example: XmsExample, status: string): Promise<Job> {
  const { arm } = cannedArm(SUB, 200, example.responses[status]!.body);
  return arm.jobs.get("rg", "testcontainerappsjob0");
}

async function jobsFrom(example: XmsExample): Promise<Job[]> {
  const { arm } = cannedArm(SUB, 200, example.responses["200"]!.body);
  const jobs: Job[] = [];
  for await (const job of arm.jobs.listByResourceGroup("rg")) jobs.push(job);
  return jobs;
}

async function executionsFrom(example: XmsExample): Promise<JobExecution[]> {
  const { arm } = cannedArm(SUB, 200, example.responses["200"]!.body);
  const executions: JobExecution[] = [];
  for await (const e of arm.jobsExecutions.list("rg", "testcontainerappsjob0")) executions.push(e);
  return executions;
}

const job0Context = manualJob0();

/** What each example must become. Keyed by file name; `source` says where it is read from. */
const EXPECTED: Record<string, (example: XmsExample) => Promise<void>> = {
  "Jobs_ListByResourceGroup.json": async (ex) => {
    const jobs = (await jobsFrom(ex)).map((j) => transformJob(j, SCOPE));
    expect(jobs).toEqual([manualJob0(), scheduledJob1]);
  },
  "Job_Get.json": async (ex) => {
    expect(transformJob(await jobFrom(ex, "200"), SCOPE)).toEqual(manualJob0());
  },
  "Job_CreateorUpdate.json": async (ex) => {
    expect(transformJob(await jobFrom(ex, "200"), SCOPE)).toEqual(manualJob0());
    expect(transformJob(await jobFrom(ex, "201"), SCOPE)).toEqual(manualJob0());
  },
  "Job_CreateorUpdate_EventTrigger.json": async (ex) => {
    const topicJob = await jobFrom(ex, "200");
    const queueJob = await jobFrom(ex, "201");
    expect(transformJob(topicJob, SCOPE)).toEqual(eventJob0("azure-servicebus: topic my-topic"));
    expect(transformJob(queueJob, SCOPE)).toEqual(eventJob0("azure-servicebus: queue my-queue"));
    // Only a queue can be sent to; the rule names no namespace, so the account's is used.
    expect(serviceBusTargetOf(topicJob, "lab.servicebus.windows.net", ".servicebus.windows.net")).toBeNull();
    expect(serviceBusTargetOf(queueJob, undefined, ".servicebus.windows.net")).toBeNull();
    expect(serviceBusTargetOf(queueJob, "lab", ".servicebus.windows.net")).toEqual({ namespace: "lab.servicebus.windows.net", queue: "my-queue" });
  },
  "Job_Patch.json": async (ex) => {
    // 202 has no body (azure-asyncoperation header only); the 200 is the updated job.
    expect(ex.responses["202"]!.body).toBeUndefined();
    expect(transformJob(await jobFrom(ex, "200"), SCOPE)).toEqual(manualJob0());
  },
  "Job_Executions_Get.json": async (ex) => {
    const executions = (await executionsFrom(ex)).map((e) => transformExecution(e, job0Context));
    expect(executions).toEqual([runningExecution("testcontainerAppJob-27944454")]);
  },
  "Job_Execution_Get.json": async (ex) => {
    const { arm } = cannedArm(SUB, 200, ex.responses["200"]!.body);
    const execution = await arm.jobExecution("rg", "testcontainerappsjob0", "jobExecution1");
    expect(transformExecution(execution, job0Context)).toEqual(runningExecution("jobExecution1"));
  },
  "Job_Stop_Multiple.json": async (ex) => {
    // The stop-multiple answer lists executions without templates: they fall back to the job's.
    const executions = (await executionsFrom(ex)).map((e) => transformExecution(e, job0Context));
    expect(executions.map((e) => [e.providerId, e.status, e.startedAt?.toISOString(), e.endedAt, e.image, e.milliVcpu, e.memoryMiB])).toEqual([
      ["jobExecution-27944453", "running", "2023-02-13T20:37:30.000Z", null, "repo/testcontainerappsjob0:v4", 500, 1024],
      ["jobExecution-27944452", "running", "2023-02-13T21:37:30.000Z", null, "repo/testcontainerappsjob0:v4", 500, 1024],
      ["jobExecution-27944453", "running", "2023-02-13T22:37:30.000Z", null, "repo/testcontainerappsjob0:v4", 500, 1024],
    ]);
  },
  "Job_Start.json": async (ex) => {
    const { arm, requests } = cannedArm(SUB, 200, ex.responses["200"]!.body);
    const template = ex.parameters.template as JobExecutionTemplate;
    const started = await arm.jobs.beginStartAndWait("rg", "testcontainerappsjob0", { template });
    expect(transformStarted(started)).toEqual({ providerId: "testcontainerappsjob0-pjxhsye", alreadyStarted: false });
    // The SDK sends the template as the request body, unchanged.
    expect(JSON.parse(String(requests[0]!.body))).toEqual(ex.parameters.template);
  },
};

/** Examples with no Job or JobExecution in them (nothing to transform), listed so a new one is noticed. */
const NO_JOB_BODY = new Set(["Job_Delete.json", "Job_Stop_Execution.json", "Job_ListSecrets.json"]);

describe("Azure transform on Microsoft's x-ms-examples (2025-07-01)", () => {
  const files = readdirSync(join(specsDir(), AZURE_APP_EXAMPLES)).filter((f) => f.endsWith(".json"));

  it("has an expectation for every example file", () => {
    expect(files.filter((f) => !(f in EXPECTED) && !NO_JOB_BODY.has(f))).toEqual([]);
    expect(files.length).toBe(12);
  });

  for (const file of Object.keys(EXPECTED)) {
    it(`specs: ${file}`, async () => {
      await EXPECTED[file]!(readAzureExample(file));
    });
  }
});

describe("Azure transform on the vendor fixtures", () => {
  const dir = join(fixturesDir(), "azure", "2025-07-01");
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));

  it("has an expectation for every 2025-07-01 fixture", () => {
    expect(files.filter((f) => !(f in EXPECTED) && !NO_JOB_BODY.has(f))).toEqual([]);
  });

  for (const file of files.filter((f) => f in EXPECTED)) {
    it(`fixtures: 2025-07-01/${file}`, async () => {
      await EXPECTED[file]!(readAzureFixture(`2025-07-01/${file}`));
    });
  }

  it("fixtures: 2025-01-01/Jobs_ListBySubscription.json (the previous stable version)", async () => {
    const jobs = (await jobsFrom(readAzureFixture("2025-01-01/Jobs_ListBySubscription.json"))).map((j) => transformJob(j, SCOPE));
    expect(jobs).toEqual([manualJob0(), scheduledJob1]);
  });
});

describe("transform details", () => {
  it("reads memory in the units Container Apps accepts", () => {
    expect(memoryToMiB("1Gi")).toBe(1024);
    expect(memoryToMiB("0.5Gi")).toBe(512);
    expect(memoryToMiB("512Mi")).toBe(512);
    expect(memoryToMiB("250Mb")).toBe(238);
    expect(memoryToMiB("lots")).toBeNull();
    expect(memoryToMiB(undefined)).toBeNull();
  });

  it("maps every Container Apps execution state", () => {
    expect(["Running", "Processing", "Succeeded", "Failed", "Stopped", "Unknown", "Bogus"].map((s) => normaliseStatus(s, true))).toEqual([
      "running",
      "queued",
      "succeeded",
      "failed",
      "stopped",
      "unknown",
      "unknown",
    ]);
    expect(normaliseStatus("Degraded", false)).toBe("running");
    expect(normaliseStatus("Degraded", true)).toBe("failed");
  });

  it("accepts both the enum's Schedule and the example's Scheduled", () => {
    expect(triggerKindOf("Schedule")).toBe("schedule");
    expect(triggerKindOf("Scheduled")).toBe("schedule");
    expect(triggerKindOf("Manual")).toBe("manual");
    expect(triggerKindOf("Event")).toBe("event");
    expect(triggerKindOf(undefined)).toBeNull();
  });

  it("derives batch, overrides and request key from an execution's env, less what the platform adds", () => {
    const job: ProviderJob = { ...manualJob0(), env: { BATCH: "no1", MODE: "full", DB_PASSWORD: "secretref:db-password" } };
    const execution = transformExecution(
      {
        name: "testcontainerappsjob0-abc1234",
        status: "Succeeded",
        startTime: new Date("2025-01-01T00:00:00Z"),
        endTime: new Date("2025-01-01T00:01:00Z"),
        template: {
          containers: [
            {
              image: "repo/testcontainerappsjob0:v5",
              name: "main",
              resources: { cpu: 0.25, memory: "0.5Gi" },
              env: [
                { name: "BATCH", value: "no2" },
                { name: "MODE", value: "full" },
                { name: "DB_PASSWORD", secretRef: "db-password" },
                { name: "BATCHDECK_REQUEST", value: "req-1" },
                // Added by Container Apps to every execution (recorded sessions).
                { name: "CONTAINER_APP_JOB_NAME", value: "testcontainerappsjob0" },
              ],
            },
          ],
        },
      },
      job,
    );
    expect(execution).toEqual({
      providerId: "testcontainerappsjob0-abc1234",
      jobProviderId: JOB0_ID,
      status: "succeeded",
      providerStatus: "Succeeded",
      startedAt: new Date("2025-01-01T00:00:00Z"),
      endedAt: new Date("2025-01-01T00:01:00Z"),
      exitCode: null,
      image: "repo/testcontainerappsjob0:v5",
      milliVcpu: 250,
      memoryMiB: 512,
      env: { BATCH: "no2", MODE: "full", DB_PASSWORD: "secretref:db-password", BATCHDECK_REQUEST: "req-1", CONTAINER_APP_JOB_NAME: "testcontainerappsjob0" },
      overrides: { BATCH: "no2", BATCHDECK_REQUEST: "req-1" },
      requestKey: "req-1",
      triggeredBy: "user",
      triggerProviderId: null,
    });
    expect(transformJob({ name: "j", location: "x", template: { containers: [{ image: "i", env: [{ name: "batch", value: "no1" }] }] }, configuration: { triggerType: "Schedule", replicaTimeout: 1, scheduleTriggerConfig: { cronExpression: "0 * * * *" } } }, SCOPE).triggers[0]).toEqual({
      providerId: "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/rg/providers/Microsoft.App/jobs/j#schedule",
      kind: "schedule",
      expression: "0 * * * *",
      batch: "no1",
      overrides: null,
      enabled: true,
    });
  });

  it("stores no override for a run from the portal, a cron or an event: only the platform's own env differs", () => {
    const job: ProviderJob = { ...manualJob0(), env: { BATCH: "no1" } };
    const run = transformExecution(
      {
        name: "testcontainerappsjob0-cron123",
        status: "Running",
        startTime: new Date("2025-01-01T00:00:00Z"),
        template: {
          containers: [
            {
              image: "repo/testcontainerappsjob0:v4",
              name: "main",
              env: [
                { name: "BATCH", value: "no1" },
                { name: "CONTAINER_APP_JOB_NAME", value: "testcontainerappsjob0" },
                { name: "CONTAINER_APP_JOB_EXECUTION_NAME", value: "testcontainerappsjob0-cron123" },
              ],
            },
          ],
        },
      },
      job,
    );
    expect({ overrides: run.overrides, requestKey: run.requestKey, triggeredBy: run.triggeredBy }).toEqual({ overrides: null, requestKey: null, triggeredBy: "external" });
  });

  it("lets a job name its batch variable with a tag", () => {
    const tagged = transformJob(
      {
        name: "j",
        location: "x",
        tags: { "batchdeck-batch-env": "TARGET" },
        template: { containers: [{ image: "i", env: [{ name: "BATCH", value: "ignored" }, { name: "TARGET", value: "no7" }] }] },
        configuration: { triggerType: "Manual", replicaTimeout: 1 },
      },
      SCOPE,
    );
    expect(tagged.batchEnvName).toBe("TARGET");
    expect(tagged.triggers[0]!.batch).toBe("no7");
  });
});
