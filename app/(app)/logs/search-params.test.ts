import { describe, expect, it } from "vitest";
import type { LogFilters } from "@/lib/queries/logs";
import { loadLogFilters, logsHref } from "./search-params";

describe("logs URL state", () => {
  it("round-trips what to read, the text and the reader's cursor", () => {
    const every: LogFilters = { execution: "ex1", job: "job1", batch: "no1", contains: "error: 50% done", cursor: "token/with+signs==" };
    const href = logsHref(every);
    expect(loadLogFilters(new URL(href, "http://x").searchParams)).toEqual(every);
    expect(logsHref({})).toBe("/logs");
  });

  it("ignores an over-long value instead of sending it to the log reader", () => {
    expect(loadLogFilters({ job: "job1", contains: "x".repeat(201) })).toEqual({ job: "job1" });
  });
});
