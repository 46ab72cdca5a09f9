/* eslint-disable @typescript-eslint/no-explicit-any -- wire bodies of many shapes are read field by field here; their types are what the contract tests check. */
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { OpenApiDocument } from "./openapi";
import { AZURE_SPECS, MissingSpecError, readJsonFile, specFile } from "./specs";

// Self-tests of the contract validator: the vendors' own examples pass, and each kind of defect the
// contract tests rely on catching (wrong type, missing required field, bad enum, bad date-time, …) fails.

const jobs = new OpenApiDocument(specFile(AZURE_SPECS.jobs));
const logAnalytics = new OpenApiDocument(specFile(AZURE_SPECS.logAnalytics));

type Example = { responses: Record<string, { body?: unknown }> };

function exampleFor(doc: OpenApiDocument, operationId: string): Example[] {
  const paths = doc.doc.paths as Record<string, Record<string, { operationId?: string; "x-ms-examples"?: Record<string, { $ref: string }> }>>;
  const out: Example[] = [];
  for (const item of Object.values(paths)) {
    for (const op of Object.values(item)) {
      if (op.operationId !== operationId) continue;
      for (const ref of Object.values(op["x-ms-examples"] ?? {})) {
        try {
          out.push(readJsonFile(join(dirname(doc.file), ref.$ref)) as Example);
        } catch (error) {
          if (!(error instanceof MissingSpecError)) throw error;
        }
      }
    }
  }
  return out;
}

const executionBody = () =>
  structuredClone((exampleFor(jobs, "JobExecution")[0]!.responses["200"]!.body) as Record<string, any>);

describe("OpenAPI validator against the vendors' own examples", () => {
  // The vendors' examples are not all valid against their own definitions; the strict validator finds
  // exactly these defects (and nothing else), which is also evidence that it reads the definitions right.
  const KNOWN_EXAMPLE_DEFECTS = [
    'Jobs_ListByResourceGroup 200 $.value[1].properties.configuration.triggerType: "Scheduled" is not one of ["Schedule","Event","Manual"]',
    "Jobs_ListByResourceGroup 200 $.nextLink: null is not allowed (no x-nullable)",
    "Jobs_StopMultipleExecutions 200 $.nextLink: null is not allowed (no x-nullable)",
    "JobsExecutions_List 200 $.nextLink: null is not allowed (no x-nullable)",
    "Query_Post 200 $.tables[0].rows[0][7]: null is not allowed (no x-nullable)",
    "Query_Post 200 $.tables[0].rows[1][7]: null is not allowed (no x-nullable)",
  ];

  it("accepts every stored example response, apart from the examples' known defects", () => {
    const found: string[] = [];
    let checked = 0;
    for (const doc of [jobs, logAnalytics]) {
      for (const op of doc.operations()) {
        for (const example of exampleFor(doc, op.operationId)) {
          for (const [status, response] of Object.entries(example.responses)) {
            if (response.body === undefined) continue;
            checked++;
            for (const issue of doc.validateResponse(op.operationId, Number(status), response.body)) {
              found.push(`${op.operationId} ${status} ${issue.path}: ${issue.message}`);
            }
          }
        }
      }
    }
    expect(found).toEqual(KNOWN_EXAMPLE_DEFECTS);
    expect(checked).toBeGreaterThanOrEqual(11);
  });
});

describe("OpenAPI validator catches defects", () => {
  it("a wrong type", () => {
    const body = executionBody();
    body.properties.template.containers[0].resources.cpu = "0.5";
    expect(jobs.validateResponse("JobExecution", 200, body)).toEqual([
      expect.objectContaining({ path: "$.properties.template.containers[0].resources.cpu", message: "expected number, got string" }),
    ]);
  });

  it("a missing required field (across an allOf from another file)", () => {
    const job = structuredClone((exampleFor(jobs, "Jobs_Get")[0]!.responses["200"]!.body) as Record<string, unknown>);
    delete job.location; // required by TrackedResource in common-types v5/types.json
    expect(jobs.validateResponse("Jobs_Get", 200, job)).toEqual([expect.objectContaining({ path: "$.location", message: "required property is missing" })]);
    expect(jobs.validateResponse("JobsExecutions_List", 200, {})).toEqual([expect.objectContaining({ path: "$.value" })]);
  });

  it("a bad enum value (x-ms-enum, even when modelAsString)", () => {
    const body = executionBody();
    body.properties.status = "Exploded";
    expect(jobs.validateResponse("JobExecution", 200, body)[0]?.message).toMatch(/"Exploded" is not one of/);
  });

  it("a bad date-time", () => {
    for (const bad of ["2023-02-13 20:37:30", "2023-02-13T20:37:30", "2023-02-30T25:00:00Z", "yesterday"]) {
      const body = executionBody();
      body.properties.startTime = bad;
      expect(jobs.validateResponse("JobExecution", 200, body), bad).toEqual([
        expect.objectContaining({ path: "$.properties.startTime" }),
      ]);
    }
  });

  it("null without x-nullable, additionalProperties of the wrong type, undeclared statuses and bodies", () => {
    const body = executionBody();
    body.properties.endTime = null;
    expect(jobs.validateResponse("JobExecution", 200, body)[0]?.message).toMatch(/null is not allowed/);
    const job = structuredClone((exampleFor(jobs, "Jobs_Get")[0]!.responses["200"]!.body) as Record<string, any>);
    job.tags = { team: 7 };
    expect(jobs.validateResponse("Jobs_Get", 200, job)).toEqual([expect.objectContaining({ path: "$.tags.team" })]);
    expect(jobs.validateResponse("Jobs_Get", 201, job)[0]?.message).toMatch(/not a declared response/);
    expect(jobs.validateResponse("Jobs_StopExecution", 200, { unexpected: true })[0]?.message).toMatch(/declares no body/);
    expect(jobs.validateResponse("Jobs_Update", 202, undefined, {})).toEqual([expect.objectContaining({ path: "header Location" })]);
  });

  it("error bodies are checked against `default`", () => {
    expect(jobs.validateResponse("Jobs_Get", 404, { error: { code: "ResourceNotFound", message: "gone" } })).toEqual([]);
    expect(jobs.validateResponse("Jobs_Get", 404, { error: { code: 404 } })).toEqual([expect.objectContaining({ path: "$.error.code" })]);
    expect(logAnalytics.validateResponse("Query_Post", 400, { error: { code: "BadArgumentError" } })).toEqual([expect.objectContaining({ path: "$.error.message" })]);
  });

  it("matches concrete request paths to operations (case-insensitive like ARM, basePath aware)", () => {
    expect(jobs.match("GET", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/jobs/j/executions")?.operationId).toBe("JobsExecutions_List");
    expect(jobs.match("POST", "/subscriptions/s/resourcegroups/rg/providers/microsoft.app/jobs/j/start")?.operationId).toBe("Jobs_Start");
    expect(logAnalytics.match("POST", "/v1/workspaces/w/query")?.operationId).toBe("Query_Post");
    expect(jobs.match("GET", "/subscriptions/s/unknown")).toBeNull();
  });

  it("a missing definition file says how to get it", () => {
    expect(() => readJsonFile(specFile("azure/does-not-exist.json"))).toThrow(/bash scripts\/fetch-specs\.sh/);
  });
});
