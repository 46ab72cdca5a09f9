import { readdirSync } from "node:fs";
import type pg from "pg";
import { ACCOUNTS, RARE_BATCH } from "./seed";

// What the bench measures: each page's URL (the same on the app and the floor) and what its body must
// contain, so a redirect to /signin, an error page or an empty list can't pass as fast. The markers are
// the provider ids of the rows the page must list first, found in SQL.

export interface Target {
  /** Stable name in the JSON. */
  key: string;
  /** For people: which batch, job or depth. */
  name: string;
  path: string | null;
  /** Why the app has no such page yet; `path` is null then. */
  unavailable?: string;
  markers: string[];
  /** At least one of these must appear too (a page whose exact contents aren't designed yet). */
  anyOf?: string[];
}

/** The dynamic route under app/**\/jobs/, if the app has a job page (e.g. app/(app)/jobs/[id]/page.tsx). */
function hasJobRoute(): boolean {
  return (readdirSync("app", { recursive: true }) as string[]).some((p) => /(^|[\\/])jobs[\\/]\[[^\]]+\][\\/]page\.tsx$/.test(p));
}

const firstRow = async (client: pg.Client, where: string, params: unknown[] = [], offset = 0) => {
  const { rows } = await client.query<{ provider_id: string; started_at: Date; id: string }>(
    `select provider_id, started_at, id from executions ${where} order by started_at desc nulls first, id desc offset ${offset} limit 1`,
    params,
  );
  if (!rows[0]) throw new Error(`no execution ${where} ${params.join(" ")} at offset ${offset}`);
  return rows[0];
};

export async function resolveTargets(client: pg.Client, executions: number): Promise<Target[]> {
  const depth = Math.floor(executions / 2);
  // The page `depth` rows deep starts after row `depth`: the cursor is that row's "<iso>_<id>".
  const cursorRow = await firstRow(client, "where started_at is not null", [], depth - 1);
  const deepFirst = await firstRow(client, "where (started_at, id) < ($1, $2)", [cursorRow.started_at, cursorRow.id]);
  const { rows: [common] } = await client.query<{ batch: string }>("select batch from executions where batch is not null group by batch order by count(*) desc limit 1");
  const { rows: [busiest] } = await client.query<{ id: string; name: string }>(
    "select j.id, j.name from jobs j join executions e on e.job_id = j.id group by j.id order by count(*) desc limit 1",
  );
  // The Jobs page shows its first page (A to Z, 50 jobs): its first job must be there.
  const { rows: firstJob } = await client.query<{ name: string }>("select name from jobs where gone_at is null order by name, id limit 1");
  const executionsTarget = async (key: string, name: string, query: Record<string, string>, where: string, params: unknown[]): Promise<Target> => ({
    key,
    name,
    path: `/executions?${new URLSearchParams(query)}`.replace(/\?$/, ""),
    markers: [(await firstRow(client, where, params)).provider_id],
  });
  const cursor = `${cursorRow.started_at.toISOString()}_${cursorRow.id}`;
  return [
    await executionsTarget("executions_first", "executions, first page", {}, "", []),
    { key: "executions_deep", name: `executions, ${depth.toLocaleString("en")} deep`, path: `/executions?before=${encodeURIComponent(cursor)}`, markers: [deepFirst.provider_id] },
    await executionsTarget("batch_common", `common batch (${common!.batch})`, { batch: common!.batch }, "where batch = $1", [common!.batch]),
    await executionsTarget("batch_rare", `rare batch (${RARE_BATCH})`, { batch: RARE_BATCH }, "where batch = $1", [RARE_BATCH]),
    await executionsTarget("status_filter", "status filter (failed)", { status: "failed" }, "where status = 'failed'", []),
    await executionsTarget("job_filter", `job filter (${busiest!.name})`, { job: busiest!.id }, "where job_id = $1", [busiest!.id]),
    { key: "jobs", name: "jobs page", path: "/jobs", markers: [firstJob[0]!.name] },
    hasJobRoute()
      ? { key: "job", name: `job page (${busiest!.name})`, path: `/jobs/${busiest!.id}`, markers: [busiest!.name] }
      : { key: "job", name: "job page", path: null, unavailable: "no /jobs/[id] route in app/ yet", markers: [] },
    { key: "usage", name: "usage page", path: "/usage", markers: ACCOUNTS.map((a) => a.name) },
    { key: "overview", name: "overview (/)", path: "/", markers: [], anyOf: [...ACCOUNTS.map((a) => a.name), firstJob[0]!.name] },
  ];
}

/** Null when the answer is the page; else what is wrong with it. */
export function contentProblem(target: Target, status: number, location: string | null, body: string): string | null {
  if (status !== 200) return `answered ${status}${location ? ` → ${location}` : ""}`;
  const missing = target.markers.filter((m) => !body.includes(m));
  if (missing.length) return `200 but without ${missing.join(", ")}`;
  if (target.anyOf && !target.anyOf.some((m) => body.includes(m))) return `200 but with none of ${target.anyOf.join(", ")}`;
  return null;
}
