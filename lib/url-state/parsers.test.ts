import { describe, expect, it } from "vitest";
import { createLoader, createSerializer } from "nuqs/server";
import {
  AUDIT_PERIODS,
  AUDIT_RESULTS,
  EXECUTION_STATUSES,
  EXECUTION_STATUS_OPTIONS,
  TIME_RANGES,
  definedOnly,
  parseAsAuditResult,
  parseAsCloud,
  parseAsExecutionStatus,
  parseAsIntegerIn,
  parseAsKeysetCursor,
  parseAsText,
  parseAsTimeRange,
  timeRangeOptions,
} from "./parsers";

const pieces = {
  cloud: parseAsCloud,
  status: parseAsExecutionStatus,
  result: parseAsAuditResult,
  period: parseAsTimeRange(AUDIT_PERIODS),
  range: parseAsTimeRange(TIME_RANGES),
  before: parseAsKeysetCursor,
  name: parseAsText(5),
  actor: parseAsText(5, { trim: true }),
};
const load = createLoader(pieces);
const serialize = createSerializer(pieces);

describe("shared URL parsers", () => {
  it("lists the catalog's statuses and results in their schema order", () => {
    expect(EXECUTION_STATUSES).toEqual(["queued", "running", "succeeded", "failed", "stopped", "unknown"]);
    expect(EXECUTION_STATUS_OPTIONS[0]).toEqual({ value: "queued", label: "queued" });
    expect(AUDIT_RESULTS).toEqual(["ok", "denied", "error"]);
    expect(timeRangeOptions(AUDIT_PERIODS)).toEqual([
      { value: "24h", label: "Last 24 hours" },
      { value: "7d", label: "Last 7 days" },
      { value: "30d", label: "Last 30 days" },
    ]);
  });

  it("reads every valid value", () => {
    const url = "?cloud=gcp&status=stopped&result=denied&period=30d&range=90d&before=2026-11-30T10:00:00.123Z_ex42&name=no2&actor=%20ada%20";
    expect(load(url)).toEqual({ cloud: "gcp", status: "stopped", result: "denied", period: "30d", range: "90d", before: "2026-11-30T10:00:00.123Z_ex42", name: "no2", actor: "ada" });
  });

  it("reads a value it does not accept as no filter, never an error", () => {
    const url = "?cloud=ibm&status=exploded&result=maybe&period=90d&range=1y&before=yesterday&name=toolong&actor=%20%20";
    expect(load(url)).toEqual({ cloud: null, status: null, result: null, period: null, range: null, before: null, name: null, actor: null });
    expect(load("?before=2026-11-30T10:00:00Z_ex%3B1&name=")).toEqual({ cloud: null, status: null, result: null, period: null, range: null, before: null, name: null, actor: null });
  });

  it("takes the first of a repeated key, as Next passes it", () => {
    expect(load({ status: ["failed", "running"] }).status).toBe("failed");
  });

  it("writes values back in the parsers' order, leaving unset ones out", () => {
    expect(serialize({ before: "2026-11-30T10:00:00.000Z_ex1", cloud: "aws", name: null, actor: undefined })).toBe("?cloud=aws&before=2026-11-30T10:00:00.000Z_ex1");
    expect(serialize({})).toBe("");
  });

  it("reads a whole number only within its bounds", () => {
    const minutes = createLoader({ wait: parseAsIntegerIn(1, 1440) });
    expect(["15", "1", "1440", "0", "1441", "-3", "2.5", "1e3", "15min", ""].map((wait) => minutes({ wait }).wait)).toEqual([15, 1, 1440, null, null, null, null, null, null, null]);
    expect(createSerializer({ wait: parseAsIntegerIn(1, 1440) })({ wait: 15 })).toBe("?wait=15");
  });

  it("drops unset values for the queries' { key?: value } shape", () => {
    expect(definedOnly({ a: "x", b: null, c: undefined, d: "" })).toEqual({ a: "x", d: "" });
  });
});
