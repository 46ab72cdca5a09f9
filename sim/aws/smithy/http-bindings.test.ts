import { describe, expect, it } from "vitest";
import { matchRestJson1Operation, validateHttpInput } from "./http-bindings";

// Scheduler (restJson1) binds names to the path and paging to the query string; these pin that a request
// is matched to its operation and that its path and query members are checked as strictly as a body.

describe("matchRestJson1Operation", () => {
  it("matches method and URI pattern and decodes the labels", () => {
    const match = matchRestJson1Operation("scheduler", "get", "/schedules/nightly%2Dno2");
    expect([match?.operation.name, match?.labels]).toEqual(["GetSchedule", { Name: "nightly-no2" }]);
    expect(matchRestJson1Operation("scheduler", "GET", "/schedules")?.operation.name).toBe("ListSchedules");
    expect(matchRestJson1Operation("scheduler", "PUT", "/schedules/a")?.operation.name).toBe("UpdateSchedule");
    expect(matchRestJson1Operation("scheduler", "GET", "/schedules/a/b")).toBeUndefined();
    expect(matchRestJson1Operation("scheduler", "PATCH", "/schedules/a")).toBeUndefined();
  });
});

describe("validateHttpInput", () => {
  it("accepts ListSchedules with its query parameters", () => {
    const query = new URLSearchParams({ ScheduleGroup: "default", State: "ENABLED", MaxResults: "100", NextToken: "abc" });
    expect(validateHttpInput("scheduler", "ListSchedules", { labels: {}, query })).toEqual([]);
  });

  it("fails an unknown parameter, a non-integer, an out-of-range integer and a bad enum value", () => {
    const query = new URLSearchParams({ MaxResults: "ten", State: "PAUSED", maxResults: "5" });
    expect(validateHttpInput("scheduler", "ListSchedules", { labels: {}, query })).toEqual([
      { path: "query.State", message: '"PAUSED" is not one of the allowed values (ENABLED, DISABLED)' },
      { path: "query.MaxResults", message: 'expected an integer (integer), got string "ten"' },
      { path: "query.maxResults", message: "unknown query parameter for ListSchedules" },
    ]);
    expect(validateHttpInput("scheduler", "ListSchedules", { labels: {}, query: new URLSearchParams({ MaxResults: "0" }) })).toEqual([
      { path: "query.MaxResults", message: "0 is below the minimum of 1" },
    ]);
  });

  it("fails a missing path label and one breaking its length", () => {
    expect(validateHttpInput("scheduler", "GetSchedule", { labels: {}, query: new URLSearchParams() })).toEqual([
      { path: "label.Name", message: "required path label is missing" },
    ]);
    expect(validateHttpInput("scheduler", "GetSchedule", { labels: { Name: "n".repeat(65) }, query: new URLSearchParams() })).toEqual([
      { path: "label.Name", message: "length 65 is above the maximum of 64 characters" },
    ]);
  });
});
