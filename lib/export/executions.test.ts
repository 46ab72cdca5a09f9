import { describe, expect, it } from "vitest";
import { useDemoEnv, useTestDatabase } from "@/test/support/database";
import { memberActor } from "@/test/support/service-context";
import { insertRuns, seedJob, type RunSeed } from "@/test/support/runs";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/services/context";

useDemoEnv();
await useTestDatabase();

const { db } = await import("@/lib/db/client");
const { exportStream, executionPages, EXPORT_COLUMNS, exportQuery, scopeOf } = await import("./executions");
const { purgeAccount } = await import("@/lib/retention/purge");

/** RFC 4180 read back: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted) field += c;
    else if (c === ",") endField();
    else if (c === "\r" && text[i + 1] === "\n") {
      endField();
      records.push(record);
      record = [];
      i++;
    } else field += c;
  }
  expect(field).toBe(""); // the file ends with a record's CRLF
  return records;
}

const read = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

const NOW = new Date("2026-06-15T10:00:00Z");
const start = (i: number) => new Date(Date.UTC(2026, 3, 1) + i * 3600_000);

let owner: Actor;
let admin: Actor;
let lab: { accountId: string; jobId: string };
const TRICKY: RunSeed[] = [
  { providerId: "tricky-comma", startedAt: start(100), batch: "no1,no2", image: "lab/etl:1.2", exitCode: -1, milliVcpu: 500, memoryMiB: 1024, requestKey: "req-1" },
  { providerId: "tricky-quote", startedAt: start(101), batch: 'say "hi"', overrides: { BATCH: 'a "b"', DB_PASSWORD: "hunter2" } },
  { providerId: "tricky-newline", startedAt: start(102), batch: "line1\nline2\r\nline3" },
  { providerId: "=cmd|' /C calc'!A0", startedAt: start(103), batch: "+SUM(A1)", image: "@evil", requestKey: "-2+3" },
];

describe("the execution export", () => {
  it("streams every run of the account exactly once, as RFC 4180 CSV, with formulas defused and secrets redacted", async () => {
    owner = await memberActor("owner@lab.test", "owner");
    admin = await memberActor("admin@lab.test", "admin");
    lab = await seedJob("lab, \"main\"", "etl=job");
    const other = await seedJob("other-lab");
    await insertRuns(lab, [...Array.from({ length: 23 }, (_, i): RunSeed => ({ providerId: `run-${String(i).padStart(2, "0")}`, startedAt: start(i), actorId: i === 0 ? admin.id : null })), ...TRICKY]);
    // Two runs at the same start: the keyset orders them by id and loses neither at a page boundary.
    await insertRuns(lab, [{ providerId: "same-1", startedAt: start(50) }, { providerId: "same-2", startedAt: start(50) }]);
    await insertRuns(other, [{ providerId: "not-this-account", startedAt: start(5) }]);

    const csv = await read(exportStream(admin, { kind: "range", accountId: lab.accountId, from: start(0), to: start(1000) }, "csv", 4));
    const [header, ...records] = parseCsv(csv);
    expect(header).toEqual(EXPORT_COLUMNS.map((c) => c.name));
    expect(header).toEqual(["execution_id", "account", "job", "batch", "status", "started_at", "ended_at", "duration_seconds", "exit_code", "image", "vcpu", "memory_mib", "triggered_by", "triggered_by_member", "request_key", "overrides", "cost_usd"]);
    expect(records).toHaveLength(29);
    expect(new Set(records.map((r) => r[0])).size).toBe(29);
    expect(records.map((r) => r[5])).toEqual([...records.map((r) => r[5])].sort().reverse());
    const byId = new Map(records.map((r) => [r[0], r]));
    expect(byId.get("tricky-comma")).toEqual([
      "tricky-comma", 'lab, "main"', "etl=job", "no1,no2", "succeeded", start(100).toISOString(), new Date(start(100).getTime() + 60_000).toISOString(),
      "60", "-1", "lab/etl:1.2", "0.5", "1024", "trigger", "", "req-1", "", "",
    ]);
    expect(byId.get("tricky-quote")![3]).toBe('say "hi"');
    expect(byId.get("tricky-quote")![15]).toBe(JSON.stringify({ BATCH: 'a "b"', DB_PASSWORD: "[redacted]" }));
    expect(byId.get("tricky-newline")![3]).toBe("line1\nline2\r\nline3");
    // OWASP's guard: a text cell starting with = + - @ is prefixed with a quote; numbers (exit code -1) are not.
    expect(byId.get("'=cmd|' /C calc'!A0")!.slice(0, 1)).toEqual(["'=cmd|' /C calc'!A0"]);
    expect([byId.get("'=cmd|' /C calc'!A0")![3], byId.get("'=cmd|' /C calc'!A0")![9], byId.get("'=cmd|' /C calc'!A0")![14]]).toEqual(["'+SUM(A1)", "'@evil", "'-2+3"]);
    expect(byId.get("run-00")!.slice(12, 14)).toEqual(["user", "admin@lab.test"]);
    expect(csv).not.toContain("hunter2");
  });

  it("reads one bounded page at a time, never the whole history", async () => {
    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of executionPages(owner, { kind: "range", accountId: lab.accountId, from: start(0), to: start(1000) }, 4)) {
      pages.push(page.length);
      seen.push(...page.map((r) => r.provider_id));
    }
    // 29 rows in pages of 4: seven full pages and one of 1, one query each, and every row once.
    expect(pages).toEqual([4, 4, 4, 4, 4, 4, 4, 1]);
    expect(new Set(seen).size).toBe(29);
  });

  it("writes JSON as one array of objects, the same columns", async () => {
    const json = JSON.parse(await read(exportStream(owner, { kind: "range", accountId: lab.accountId, from: start(100), to: start(102) }, "json", 1))) as Record<string, unknown>[];
    expect(json).toEqual([
      {
        execution_id: "tricky-quote", account: 'lab, "main"', job: "etl=job", batch: 'say "hi"', status: "succeeded", started_at: start(101).toISOString(),
        ended_at: new Date(start(101).getTime() + 60_000).toISOString(), duration_seconds: 60, exit_code: null, image: null, vcpu: null, memory_mib: null,
        triggered_by: "trigger", triggered_by_member: null, request_key: null, overrides: { BATCH: 'a "b"', DB_PASSWORD: "[redacted]" }, cost_usd: null,
      },
      {
        execution_id: "tricky-comma", account: 'lab, "main"', job: "etl=job", batch: "no1,no2", status: "succeeded", started_at: start(100).toISOString(),
        ended_at: new Date(start(100).getTime() + 60_000).toISOString(), duration_seconds: 60, exit_code: -1, image: "lab/etl:1.2", vcpu: 0.5, memory_mib: 1024,
        triggered_by: "trigger", triggered_by_member: null, request_key: "req-1", overrides: null, cost_usd: null,
      },
    ]);
    expect(JSON.parse(await read(exportStream(owner, { kind: "range", accountId: lab.accountId, from: start(900), to: start(901) }, "json")))).toEqual([]);
  });

  it("exports, as 'older than N days', exactly the runs that retention then purges", async () => {
    await insertRuns(lab, [
      { providerId: "undated-old", status: "failed", startedAt: null, endedAt: null, createdAt: new Date("2026-04-01T00:00:00Z") },
      { providerId: "going-old", status: "running", startedAt: start(1), endedAt: null },
      { providerId: "recent", startedAt: new Date("2026-06-14T00:00:00Z") },
    ]);
    const scope = { kind: "olderThan" as const, accountId: lab.accountId, days: 30, now: NOW };
    const exported = parseCsv(await read(exportStream(owner, scope, "csv", 5))).slice(1).map((r) => r[0]!);
    expect(exported).toHaveLength(30); // 29 earlier runs and the undated one; not the running one nor the recent one
    expect(exported.at(-1)).toBe("undated-old");
    const before = new Set((await db().execution.findMany({ where: { accountId: lab.accountId }, select: { providerId: true } })).map((r) => r.providerId));
    await db().cloudAccount.update({ where: { id: lab.accountId }, data: { retentionDays: 30 } });
    await purgeAccount(lab.accountId, { now: NOW });
    const after = new Set((await db().execution.findMany({ where: { accountId: lab.accountId }, select: { providerId: true } })).map((r) => r.providerId));
    const purged = [...before].filter((id) => !after.has(id)).sort();
    expect(purged).toEqual(exported.map((id) => (id.startsWith("'") ? id.slice(1) : id)).sort());
  });

  it("is for admins and owners only", async () => {
    const scope = { kind: "range" as const, accountId: lab.accountId, from: start(0), to: start(1) };
    for (const role of ["viewer", "operator"] as const) {
      const member = await memberActor(`${role}@lab.test`, role);
      const refused = (() => {
        try {
          exportStream(member, scope, "csv");
          return null;
        } catch (error) {
          return error;
        }
      })();
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe("forbidden");
      await expect(executionPages(member, scope).next()).rejects.toThrow(/Forbidden: your role/);
    }
    await expect(executionPages(admin, scope).next()).resolves.toBeDefined();
  });

  it("takes a range or a retention in its query string, and says how to fix anything else", () => {
    expect(scopeOf(exportQuery.parse({ account: "a1", format: "csv", olderThanDays: "30" }))).toEqual({ kind: "olderThan", accountId: "a1", days: 30 });
    expect(scopeOf(exportQuery.parse({ account: "a1", format: "json", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" }))).toEqual({
      kind: "range", accountId: "a1", from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-02-01T00:00:00Z"),
    });
    expect(exportQuery.safeParse({ account: "a1", format: "xml", olderThanDays: "30" }).error?.issues[0]?.message).toBe("format must be csv or json.");
    expect(exportQuery.safeParse({ account: "a1", format: "csv" }).error?.issues[0]?.message).toMatch(/^Give either from and to/);
    expect(exportQuery.safeParse({ account: "a1", format: "csv", olderThanDays: "3" }).success).toBe(false);
  });
});
