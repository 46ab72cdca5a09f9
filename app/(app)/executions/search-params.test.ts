import { describe, expect, it } from "vitest";
import type { ExecutionFilters } from "@/lib/queries/executions";
import { executionsHref, loadExecutionFilters } from "./search-params";
import { jobHistoryHref, loadJobHistoryFilters } from "../jobs/[id]/search-params";

const every: ExecutionFilters = { cloud: "aws", job: "job1", batch: "no 2/β&x", status: "failed", range: "7d", before: "2026-11-30T10:00:00.000Z_ex42" };

function queryOf(href: string): URLSearchParams {
  return new URL(href, "http://x").searchParams;
}

describe("executions URL state", () => {
  it("round-trips every filter through its link", () => {
    const href = executionsHref(every);
    expect(href.startsWith("/executions?cloud=aws&job=job1&batch=")).toBe(true);
    expect(loadExecutionFilters(queryOf(href))).toEqual(every);
  });

  it("links the unfiltered screen without a query", () => {
    expect(executionsHref({})).toBe("/executions");
    expect(loadExecutionFilters({})).toEqual({});
  });

  it("keeps the valid filters of a URL and ignores the others", () => {
    expect(loadExecutionFilters({ status: "exploded", cloud: "ibm", before: "x", batch: "no2", range: "30d", job: "j".repeat(41) })).toEqual({ batch: "no2", range: "30d" });
  });
});

describe("job page URL state", () => {
  it("round-trips the history's filters and lands on the history", () => {
    const { batch, status, range, before } = every;
    const href = jobHistoryHref("job1", { batch, status, range, before });
    expect(href.startsWith("/jobs/job1?batch=")).toBe(true);
    expect(href.endsWith("#history")).toBe(true);
    expect(loadJobHistoryFilters(queryOf(href))).toEqual({ batch, status, range, before });
    expect(jobHistoryHref("job1", {})).toBe("/jobs/job1#history");
  });

  it("never takes another job, a cloud or a bad value from the URL", () => {
    expect(loadJobHistoryFilters({ status: "exploded", range: "1y", before: "yesterday", batch: "no2", job: "someone-else", cloud: "aws" })).toEqual({ batch: "no2" });
  });
});
