// The floor: a bare node:http + pg server answering the app's page URLs with the same rows, fetched by
// the best query for each (floor-queries.ts), as plain HTML. What the app costs above this is the
// framework, the ORM and the query shapes. Run as its own process so it doesn't share the load tool's CPU:
//   DATABASE_URL=… tsx bench/catalog/floor.ts <port>     (prints "listening <port>" when ready)
import http from "node:http";
import pg from "pg";
import { batchOptions, executionRows, jobOptions, jobPage, jobRows, overviewRows, usageRows, type ExecutionQuery } from "./floor-queries";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const escape = (value: unknown) =>
  String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : "");
const table = (rows: Record<string, unknown>[]) =>
  `<table>${rows.map((r) => `<tr>${Object.values(r).map((v) => `<td>${escape(v instanceof Date ? iso(v) : typeof v === "object" && v !== null ? JSON.stringify(v) : v)}</td>`).join("")}</tr>`).join("")}</table>`;
const options = (values: { value: string; label: string }[]) => `<select>${values.map((o) => `<option value="${escape(o.value)}">${escape(o.label)}</option>`).join("")}</select>`;

async function executionsHtml(client: pg.PoolClient, params: URLSearchParams): Promise<string> {
  const cursor = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)_([A-Za-z0-9]+)$/.exec(params.get("before") ?? "");
  const query: ExecutionQuery = {
    job: params.get("job") || undefined,
    batch: params.get("batch") || undefined,
    status: params.get("status") || undefined,
    cloud: params.get("cloud") || undefined,
    before: cursor ? { at: cursor[1]!, id: cursor[2]! } : undefined,
  };
  const [jobs, batches, rows] = [await jobOptions(client), await batchOptions(client), await executionRows(client, query)];
  const page = rows.slice(0, 50);
  const last = page.at(-1);
  const next = rows.length > 50 && last?.started_at ? `${iso(last.started_at)}_${last.id}` : "";
  return `${options(jobs.map((j) => ({ value: j.id, label: `${j.name} (${j.account_name})` })))}${options(batches.map((b) => ({ value: b, label: b })))}${table(page)}<a href="?before=${escape(next)}">Older</a>`;
}

async function page(url: URL): Promise<string | null> {
  const client = await pool.connect();
  try {
    if (url.pathname === "/executions") return await executionsHtml(client, url.searchParams);
    if (url.pathname === "/jobs") {
      const [jobs, batches] = [await jobRows(client), await batchOptions(client)];
      return `${table(jobs)}${options(batches.map((b) => ({ value: b, label: b })))}`;
    }
    const job = /^\/jobs\/([A-Za-z0-9]+)$/.exec(url.pathname);
    if (job) {
      const found = await jobPage(client, job[1]!);
      return found && `${table([found.job])}${table(found.executions)}`;
    }
    if (url.pathname === "/usage") return table(await usageRows(client));
    if (url.pathname === "/") {
      const { accounts, statuses, latest } = await overviewRows(client);
      return `${table(accounts)}${table(statuses)}${table(latest)}`;
    }
    return null;
  } finally {
    client.release();
  }
}

const server = http.createServer((req, res) => {
  page(new URL(req.url ?? "/", "http://floor"))
    .then((body) => {
      res.writeHead(body === null ? 404 : 200, { "content-type": "text/html; charset=utf-8" });
      res.end(body === null ? "not found" : `<!doctype html><html><body>${body}</body></html>`);
    })
    .catch((error: Error) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(error.message);
    });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  console.log(`listening ${(server.address() as { port: number }).port}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
}
