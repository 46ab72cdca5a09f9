import { describe, expect, it } from "vitest";
import { jobsHref, loadJobsSearchParams } from "./search-params";

// The Jobs screen's URL: what a link writes is what the page reads back, and anything unreadable is the default.

const DEFAULTS = { q: "", cloud: null, account: null, status: null, sort: "name", dir: "asc", page: 1, size: 50 } as const;

describe("jobs search params", () => {
  it("reads every value back from the URL a link writes, leaving defaults out", () => {
    const state = { q: "etl", cloud: "aws", account: "acc1", status: "never", sort: "next-run", dir: "desc", page: 3, size: 100 } as const;
    const href = jobsHref("/jobs", state);
    expect(href).toBe("/jobs?q=etl&cloud=aws&account=acc1&status=never&sort=next-run&dir=desc&page=3&size=100");
    expect(loadJobsSearchParams(new URL(href, "http://x").searchParams)).toEqual(state);
    expect(jobsHref("/jobs", DEFAULTS)).toBe("/jobs");
  });

  it("falls back to the defaults for values it can't read", () => {
    expect(loadJobsSearchParams({ cloud: "moon", status: "exploded", sort: "cost", dir: "up", page: "two", size: "75" })).toEqual(DEFAULTS);
    expect(loadJobsSearchParams({ q: "", cloud: "", account: "", status: "" })).toEqual(DEFAULTS);
  });
});
