"use client";

import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { LocalTime } from "@/components/local-time";
import type { ExecutionLogPage } from "@/lib/logs/execution-logs";

// The execution's lines, tailed while it runs: the last page is polled (through the server's log cache,
// so many viewers cost one cloud read per interval), a full page is kept and the tail moves on to the
// next, and polling stops once the catalog says the run ended.

/** How often a running execution's last page is asked for; the server's cache answers most of these. */
const TAIL_POLL_MS = 1_500;

type Stream = "" | "stdout" | "stderr";
type Line = ExecutionLogPage["lines"][number];

async function fetchPage(executionId: string, contains: string, stream: Stream, cursor: string | null): Promise<ExecutionLogPage> {
  const params = new URLSearchParams();
  if (contains) params.set("contains", contains);
  if (stream) params.set("stream", stream);
  if (cursor) params.set("cursor", cursor);
  const response = await fetch(`/api/executions/${encodeURIComponent(executionId)}/logs?${params}`, { cache: "no-store" });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error((body as { message?: string } | null)?.message ?? `The logs could not be read (HTTP ${response.status}). Reload the page.`);
  return body as ExecutionLogPage;
}

/** Lines of the full pages already read, and where the page being tailed starts, per filter. */
interface Progress {
  lines: Line[];
  cursor: string | null;
}

/** Pages followed in one poll when a run writes faster than a page a poll. */
const MAX_HOPS = 10;

export function LogTail({ executionId, running }: { executionId: string; running: boolean }) {
  const [contains, setContains] = useState("");
  const [stream, setStream] = useState<Stream>("");
  const progress = useRef(new Map<string, Progress>());
  const filterKey = `${stream}|${contains}`;
  const query = useQuery({
    queryKey: ["execution-logs", executionId, contains, stream],
    queryFn: async () => {
      const at = progress.current.get(filterKey) ?? { lines: [], cursor: null };
      let page = await fetchPage(executionId, contains, stream, at.cursor);
      // A full page while the run is live: keep it and tail the next one.
      for (let hops = 0; page.nextCursor && !page.ended && hops < MAX_HOPS; hops++) {
        at.lines = [...at.lines, ...page.lines];
        at.cursor = page.nextCursor;
        page = await fetchPage(executionId, contains, stream, at.cursor);
      }
      progress.current.set(filterKey, at);
      return { ...page, lines: [...at.lines, ...page.lines] };
    },
    refetchInterval: (q) => (q.state.data ? (q.state.data.ended ? false : TAIL_POLL_MS) : running ? TAIL_POLL_MS : false),
    staleTime: 0,
    retry: 1,
  });
  const page = query.data;
  const live = page ? !page.ended : running;
  const lines = page?.lines ?? [];

  function restart(next: { contains?: string; stream?: Stream }) {
    if (next.contains !== undefined) setContains(next.contains);
    if (next.stream !== undefined) setStream(next.stream);
  }

  function more() {
    if (!page?.nextCursor) return;
    progress.current.set(filterKey, { lines, cursor: page.nextCursor });
    void query.refetch();
  }

  const download = new URLSearchParams({ ...(contains ? { contains } : {}), ...(stream ? { stream } : {}) });
  return (
    <section className="card stack" aria-labelledby="logs-title">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id="logs-title" style={{ margin: 0 }}>Logs</h2>
        <p className="muted" style={{ margin: 0 }} data-testid="tail-state">
          {live ? <><span className="live-dot" aria-hidden="true" /> Live: new lines appear as the run writes them</> : "The run has ended: these are all its lines."}
        </p>
      </div>
      <div className="filters" role="search">
        <form
          className="row"
          style={{ flex: "1 1 260px" }}
          onSubmit={(e) => {
            e.preventDefault();
            restart({ contains: String(new FormData(e.currentTarget).get("contains") ?? "").trim() });
          }}
        >
          <label className="visually-hidden" htmlFor="log-search">Search the lines</label>
          <input id="log-search" name="contains" type="search" placeholder="Text in the line" defaultValue={contains} style={{ flex: "1 1 160px" }} maxLength={200} />
          <button className="button secondary small" type="submit">Search</button>
        </form>
        <div className="row">
          <label className="visually-hidden" htmlFor="log-stream">Stream</label>
          <select id="log-stream" value={stream} onChange={(e) => restart({ stream: e.target.value as Stream })}>
            <option value="">stdout and stderr</option>
            <option value="stdout">stdout only</option>
            <option value="stderr">stderr only</option>
          </select>
          <a className="button secondary small" href={`/api/executions/${encodeURIComponent(executionId)}/logs/download?${download}`} download>
            Download .log
          </a>
        </div>
      </div>
      {page?.throttled ? (
        <p className="notice warn" role="status">
          Showing the lines read at <LocalTime iso={page.fetchedAt} style="seconds" />: {page.throttled}
        </p>
      ) : null}
      {query.error ? <p className="notice error" role="alert">{query.error.message}</p> : null}
      {query.isPending ? (
        <p className="muted">Reading the lines…</p>
      ) : lines.length === 0 ? (
        <p className="muted" data-testid="no-lines">
          {contains || stream ? "No lines match." : live ? "No lines yet: a run that is starting writes its first lines within a minute." : "This run wrote no lines."}
        </p>
      ) : (
        <div className="table-wrap log-scroll">
          <table className="log-lines">
            <thead>
              <tr><th>Time</th><th>Line</th></tr>
            </thead>
            <tbody>
              {lines.map((line, i) => (
                <tr key={`${line.at}-${i}`} data-testid="log-line" data-stream={line.stream} className={line.stream === "stderr" ? "stderr" : undefined}>
                  <td style={{ whiteSpace: "nowrap" }}><LocalTime iso={line.at} style="seconds" /></td>
                  <td className="mono wrap">{line.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page?.nextCursor && !live ? (
        <nav className="pager" aria-label="Pages">
          <span />
          <button className="link-button" type="button" onClick={more}>More lines →</button>
        </nav>
      ) : null}
    </section>
  );
}
