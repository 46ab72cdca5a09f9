import { describe, expect, it } from "vitest";
import { FilterError, parseFilter } from "./filter";
import type { LogEntry } from "./model";

// The Logging filter subset: what the adapter emits matches as Cloud Logging would; the rest is refused.

const entry = (over: Partial<LogEntry> = {}): LogEntry => ({
  projectId: "p", insertId: "i", logName: "projects/p/logs/run.googleapis.com%2Fstdout",
  resource: { type: "cloud_run_job", labels: { job_name: "lab-batch", location: "asia-northeast1", project_id: "p" } },
  timestampMs: Date.parse("2026-11-20T12:00:00Z"), severity: "INFO", textPayload: "Starting task 0 of 1 batch=no2",
  labels: { "run.googleapis.com/execution_name": "lab-batch-abcde", "run.googleapis.com/task_index": "0" }, ...over,
});
const matches = (filter: string, e = entry()) => parseFilter(filter)(e);

describe("the Logging filter subset", () => {
  it("matches the adapter's execution filter with its time range", () => {
    const f = 'resource.type="cloud_run_job" AND resource.labels.job_name="lab-batch" AND labels."run.googleapis.com/execution_name"="lab-batch-abcde" AND timestamp >= "2026-11-20T11:00:00Z" AND timestamp <= "2026-11-20T13:00:00Z"';
    expect(matches(f)).toBe(true);
    expect(matches(f.replace("lab-batch-abcde", "lab-batch-zzzzz"))).toBe(false);
    expect(matches(f.replace("13:00:00Z", "11:30:00Z"))).toBe(false);
  });

  it("matches a batch by text, textPayload:, severity and OR inside parentheses, with implicit AND", () => {
    expect(matches('resource.type="cloud_run_job" "batch=no2"')).toBe(true);
    expect(matches('textPayload:"BATCH=NO2"')).toBe(true);
    expect(matches('textPayload:"batch=no1"')).toBe(false);
    expect(matches("severity>=ERROR")).toBe(false);
    expect(matches("severity>=ERROR", entry({ severity: "ERROR" }))).toBe(true);
    expect(matches('(resource.type="cloud_run_revision" OR resource.type="cloud_run_job") AND severity=INFO')).toBe(true);
    expect(matches('resource.labels.service_name="account-service"')).toBe(false);
    expect(matches('resource.type!="cloud_run_job"')).toBe(false);
  });

  it("refuses what Logging has but the adapter does not emit, and broken syntax", () => {
    const refused = [
      'jsonPayload.message="x"',
      'resource.type="cloud_run_job" OR severity=ERROR',
      'NOT resource.type="cloud_run_job"',
      'timestamp:"2026"',
      'timestamp >= "yesterday"',
      "severity:ERROR",
      'resource.type="cloud_run_job" AND (severity=ERROR',
      'textPayload="unterminated',
      'resource.type>="a"',
      "AND severity=ERROR",
      "",
      'logName="projects/p/logs/x"',
    ];
    for (const f of refused) expect(() => parseFilter(f), f).toThrow(FilterError);
  });
});
