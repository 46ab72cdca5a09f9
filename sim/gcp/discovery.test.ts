import { describe, expect, it } from "vitest";
import { protoEnums, validateDiscovery } from "./discovery";
import { googleSpecs } from "./specs";

// The discovery-schema validator must fail on each kind of wrong answer, or the contract test proves nothing.

const specs = googleSpecs();
const iso = "2026-11-20T12:00:00Z";
const condition = { type: "Completed", state: "CONDITION_SUCCEEDED", lastTransitionTime: iso };
const execution = {
  name: "projects/p/locations/l/jobs/j/executions/j-abcde", uid: "u", createTime: iso, job: "j", taskCount: 1,
  template: { containers: [{ image: "img" }] }, conditions: [condition], etag: '"x"',
};
const run = (value: unknown, opts = specs.options) => validateDiscovery(specs.run, "GoogleCloudRunV2Execution", value, opts);

describe("the discovery-schema validator", () => {
  it("accepts a valid execution, with names or (when asked) proto numbers for enums", () => {
    expect(run(execution)).toEqual([]);
    expect(run({ ...execution, conditions: [{ ...condition, state: 4 }] }, { ...specs.options, numericEnums: true })).toEqual([]);
  });

  it("rejects a wrong type", () => {
    expect(run({ ...execution, taskCount: "1" })).toEqual(['$.taskCount: expected an integer, got string "1"']);
  });

  it("rejects an unknown field", () => {
    expect(run({ ...execution, status: "Running" })).toEqual(["$.status: unknown field of GoogleCloudRunV2Execution"]);
  });

  it("rejects an enum value outside the list, and a number that is not one of the enum's, or not asked for", () => {
    expect(run({ ...execution, conditions: [{ ...condition, state: "SUCCEEDED" }] })).toEqual([
      '$.conditions[0].state: "SUCCEEDED" is not one of STATE_UNSPECIFIED, CONDITION_PENDING, CONDITION_RECONCILING, CONDITION_FAILED, CONDITION_SUCCEEDED',
    ]);
    expect(run({ ...execution, conditions: [{ ...condition, state: 9 }] }, { ...specs.options, numericEnums: true })).toEqual([
      "$.conditions[0].state: 9 is not a value of the enum STATE_UNSPECIFIED, CONDITION_PENDING, CONDITION_RECONCILING, CONDITION_FAILED, CONDITION_SUCCEEDED",
    ]);
    expect(run({ ...execution, conditions: [{ ...condition, state: 4 }] })).toEqual(["$.conditions[0].state: an enum as the number 4, but the request did not ask for enum-encoding=int"]);
  });

  it("rejects a bad timestamp, duration and int64", () => {
    expect(run({ ...execution, createTime: "2026-11-20 12:00" })).toEqual(['$.createTime: "2026-11-20 12:00" is not an RFC 3339 timestamp']);
    expect(run({ ...execution, template: { ...execution.template, timeout: "600" } })).toEqual(['$.template.timeout: "600" is not a Duration like "3.5s"']);
    expect(run({ ...execution, generation: 1 })).toEqual(["$.generation: expected a string (int64), got number 1"]);
  });

  it("rejects a missing field the resource always has", () => {
    const { uid: _uid, ...withoutUid } = execution;
    expect(_uid).toBe("u");
    expect(run(withoutUid)).toEqual(["$.uid: missing (GoogleCloudRunV2Execution always has it)"]);
  });

  it("checks a google.protobuf.Any by the schema its @type names, and refuses an unknown @type", () => {
    const op = (metadata: unknown) => validateDiscovery(specs.run, "GoogleLongrunningOperation", { name: "o", done: false, metadata }, specs.options);
    expect(op({ "@type": "type.googleapis.com/google.cloud.run.v2.Execution", ...execution })).toEqual([]);
    expect(op({ "@type": "type.googleapis.com/google.cloud.run.v2.Execution", ...execution, taskCount: -1.5 })).toEqual(["$.metadata.taskCount: expected an integer, got number -1.5"]);
    expect(op({ "@type": "type.googleapis.com/google.cloud.run.v2.Nope" })).toEqual(["$.metadata: @type type.googleapis.com/google.cloud.run.v2.Nope is not a type the validator knows"]);
  });

  it("reads proto enums with their numbers, gaps included", () => {
    expect(protoEnums(["enum CommonReason {\n  // none\n  COMMON_REASON_UNDEFINED = 0;\n  UNKNOWN = 1;\n  REVISION_FAILED = 3;\n}"])).toEqual([{ COMMON_REASON_UNDEFINED: 0, UNKNOWN: 1, REVISION_FAILED: 3 }]);
  });
});
