import { describe, expect, it } from "vitest";
import { cronFirings, parseCron } from "./cron";
import { KqlError, parseKql, runKql, type Row } from "./kql";

describe("cron", () => {
  it("fires in UTC on matching minutes", () => {
    const from = Date.parse("2026-01-01T00:00:00Z");
    const to = Date.parse("2026-01-02T00:00:00Z");
    expect(cronFirings("0 */6 * * *", from, to).map((t) => new Date(t).toISOString())).toEqual([
      "2026-01-01T06:00:00.000Z", "2026-01-01T12:00:00.000Z", "2026-01-01T18:00:00.000Z", "2026-01-02T00:00:00.000Z",
    ]);
    expect(cronFirings("30 9 * * 1-5", Date.parse("2026-01-03T00:00:00Z"), Date.parse("2026-01-06T00:00:00Z"))).toEqual([Date.parse("2026-01-05T09:30:00Z")]);
    expect(() => parseCron("61 * * * *")).toThrow();
    expect(() => parseCron("* * *")).toThrow(/5 fields/);
  });
});

describe("KQL subset", () => {
  const rows: Row[] = [
    { TimeGenerated: 1000, ContainerGroupName_s: "job-aaaaaaa-x1", Stream_s: "stdout", Log_s: "hello Batch", ContainerName_s: "c", ContainerJobName_s: "job", ContainerImage_s: "i", Type: "t" },
    { TimeGenerated: 2000, ContainerGroupName_s: "job-bbbbbbb-x2", Stream_s: "stderr", Log_s: "boom", ContainerName_s: "c", ContainerJobName_s: "job", ContainerImage_s: "i", Type: "t" },
    { TimeGenerated: 3000, ContainerGroupName_s: "job-aaaaaaa-x1", Stream_s: "stdout", Log_s: "bye", ContainerName_s: "c", ContainerJobName_s: "job", ContainerImage_s: "i", Type: "t" },
  ];
  const run = (q: string) => runKql(parseKql(q), rows);

  it("runs the adapter's query shape, stage by stage", () => {
    const q = `ContainerAppConsoleLogs_CL | where ContainerGroupName_s startswith "job-aaaaaaa" or ContainerGroupName_s startswith "job-bbbbbbb" | where TimeGenerated >= datetime(1970-01-01T00:00:01Z) | where TimeGenerated < datetime(1970-01-01T00:00:03Z) | project TimeGenerated, ContainerGroupName_s, Stream_s, Log_s | order by TimeGenerated asc | take 10`;
    const result = run(q);
    expect(result.columns).toEqual(["TimeGenerated", "ContainerGroupName_s", "Stream_s", "Log_s"]);
    expect(result.rows.map((r) => r.Log_s)).toEqual(["hello Batch", "boom"]);
    expect(run(`ContainerAppConsoleLogs_CL | where Log_s contains "batch"`).rows).toHaveLength(1);
    expect(run(`ContainerAppConsoleLogs_CL | where Log_s contains_cs "batch"`).rows).toHaveLength(0);
    expect(run(`ContainerAppConsoleLogs_CL | where TimeGenerated > datetime(1970-01-01T00:00:01Z) | order by TimeGenerated`).rows.map((r) => r.TimeGenerated)).toEqual([3000, 2000]);
    expect(run(`ContainerAppConsoleLogs_CL | take 1 | where Stream_s == 'stderr'`).rows).toHaveLength(0);
    expect(run(`ContainerAppConsoleLogs_CL | where Stream_s in ("stderr") and not(Log_s has "bye")`).rows).toHaveLength(1);
  });

  it("rejects what it does not implement", () => {
    const reject = (q: string, kind: KqlError["kind"]) => {
      const error = (() => { try { run(q); } catch (e) { return e; } })();
      expect(error, q).toBeInstanceOf(KqlError);
      expect((error as KqlError).kind, q).toBe(kind);
    };
    reject("ContainerAppConsoleLogs_CL | summarize count() by Stream_s", "SemanticError");
    reject("ContainerAppConsoleLogs_CL | extend x = 1", "SemanticError");
    reject("Heartbeat | take 1", "SemanticError");
    reject("ContainerAppConsoleLogs_CL | where Nope_s == 'x'", "SemanticError");
    reject("ContainerAppConsoleLogs_CL | project Log_s | where Stream_s == 'x'", "SemanticError");
    reject("ContainerAppConsoleLogs_CL | where Log_s matches regex 'x'", "SyntaxError");
    reject("ContainerAppConsoleLogs_CL | where TimeGenerated > ago(1h)", "SyntaxError");
    reject("ContainerAppConsoleLogs_CL | where (Log_s == 'x'", "SyntaxError");
    reject("ContainerAppConsoleLogs_CL | take", "SyntaxError");
    reject("ContainerAppConsoleLogs_CL ; take 1", "SyntaxError");
  });
});
