import { describe, expect, it } from "vitest";
import { kqlDatetime, kqlString } from "./kql";
import { buildLogQuery, pageOf, parseLogCursor, rowsToLogLines } from "./logs";

describe("KQL escaping", () => {
  it("keeps quotes, backslashes and line breaks inside the string literal", () => {
    expect(kqlString('a"b')).toBe('"a\\"b"');
    expect(kqlString("a\\b")).toBe('"a\\\\b"');
    expect(kqlString('x" | take 100000 //')).toBe('"x\\" | take 100000 //"');
    expect(kqlString("line1\nline2\r\t")).toBe('"line1\\nline2\\r\\t"');
    expect(kqlString("nul\u0000bell\u0007sep\u2028")).toBe('"nulbellsep"');
    expect(kqlString("日本語")).toBe('"日本語"');
  });

  it("re-renders datetimes from a Date", () => {
    expect(kqlDatetime(new Date("2025-03-01T10:00:00Z"))).toBe("datetime(\"2025-03-01T10:00:00.000Z\")");
    expect(() => kqlDatetime(new Date("nope"))).toThrow(RangeError);
  });
});

describe("Log Analytics query", () => {
  it("filters by execution, time, text, in order, with a limit", () => {
    const query = buildLogQuery({
      executionNames: ["job-abc1234", 'evil" or 1==1'],
      since: new Date("2025-03-01T00:00:00Z"),
      until: new Date("2025-03-02T00:00:00Z"),
      contains: 'said "hi"',
      after: new Date("2025-03-01T12:00:00Z"),
      limit: 100,
    });
    expect(query).toBe(
      [
        "ContainerAppConsoleLogs_CL",
        "| where TimeGenerated >= datetime(\"2025-03-01T00:00:00.000Z\")",
        "| where TimeGenerated <= datetime(\"2025-03-02T00:00:00.000Z\")",
        "| where TimeGenerated > datetime(\"2025-03-01T12:00:00.000Z\")",
        '| where ContainerGroupName_s startswith "job-abc1234" or ContainerGroupName_s startswith "evil\\" or 1==1"',
        '| where Log_s contains "said \\"hi\\""',
        "| project TimeGenerated, ContainerGroupName_s, Stream_s, Log_s",
        "| order by TimeGenerated asc",
        "| take 100",
      ].join("\n"),
    );
  });

  it("refuses a cursor that is not a time", () => {
    expect(parseLogCursor(null)).toBeNull();
    expect(parseLogCursor("2025-03-01T00:00:00.000Z")?.toISOString()).toBe("2025-03-01T00:00:00.000Z");
    expect(() => parseLogCursor("2025) | take 1")).toThrow(/not valid/);
  });

  it("turns query results into log lines of the execution that wrote them", () => {
    const lines = rowsToLogLines(
      {
        tables: [
          {
            name: "PrimaryResult",
            columns: [
              { name: "TimeGenerated", type: "datetime" },
              { name: "ContainerGroupName_s", type: "string" },
              { name: "Stream_s", type: "string" },
              { name: "Log_s", type: "string" },
            ],
            rows: [
              ["2025-03-01T00:00:01Z", "job-abc1234-x7k2p", "stdout", "hello"],
              ["2025-03-01T00:00:02Z", "job-abc1234-x7k2p", "stderr", "oops"],
              ["2025-03-01T00:00:03Z", "other-zzz", "stdout", "not ours"],
            ],
          },
        ],
      },
      ["job-abc1234"],
    );
    expect(lines).toEqual([
      { at: new Date("2025-03-01T00:00:01Z"), executionProviderId: "job-abc1234", stream: "stdout", message: "hello" },
      { at: new Date("2025-03-01T00:00:02Z"), executionProviderId: "job-abc1234", stream: "stderr", message: "oops" },
    ]);
  });

  it("pages without losing lines written in the same instant", () => {
    const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s));
    const line = (s: number, m: string) => ({ at: at(s), executionProviderId: "e", stream: "stdout" as const, message: m });
    expect(pageOf([line(1, "a")], 3)).toEqual({ items: [line(1, "a")], cursor: null });
    const full = pageOf([line(1, "a"), line(2, "b"), line(2, "c")], 3);
    expect(full.items.map((l) => l.message)).toEqual(["a"]);
    expect(full.cursor).toBe(at(1).toISOString());
    const same = pageOf([line(2, "a"), line(2, "b")], 2);
    expect(same.items).toHaveLength(2);
    expect(same.cursor).toBe(at(2).toISOString());
  });
});
