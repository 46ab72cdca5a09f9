import { z } from "zod";
import { AppError, toAppError } from "@/lib/errors";
import { isProviderError } from "@/lib/providers/errors";
import type { LogLine } from "@/lib/providers/types";
import type { Actor } from "@/lib/services/context";
import { executionLogScope } from "@/lib/queries/execution";
import { readScopeLogs } from "./read";

// One execution's lines for the execution page: a page as JSON (the live tail polls it) and the whole
// run as a text file. Both read through the log cache. The text search runs on the cloud's side; the
// stdout/stderr filter is applied here, after the cache, so viewers of either stream share one cloud read.

export const executionLogQuery = z.object({
  contains: z.string().trim().max(200).optional().catch(undefined).transform((v) => v || undefined),
  stream: z.enum(["stdout", "stderr"]).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined).transform((v) => v || null),
});
export type ExecutionLogQuery = z.infer<typeof executionLogQuery>;

export function parseExecutionLogQuery(params: URLSearchParams): ExecutionLogQuery {
  return executionLogQuery.parse(Object.fromEntries(params));
}

/** Lines per page on the execution page. */
export const TAIL_PAGE_LINES = 500;

export interface ExecutionLogPage {
  lines: { at: string; stream: LogLine["stream"]; message: string }[];
  /** Where the next page starts; null while the run may still write lines after these. */
  nextCursor: string | null;
  fetchedAt: string;
  /** Set when these lines were read before and the cloud (or the member's limit) asked to wait. */
  throttled: string | null;
  status: string;
  /** The tail stops polling once the catalog says the run ended. */
  ended: boolean;
}

function ended(status: string): boolean {
  return status !== "running" && status !== "queued";
}

export async function executionLogPage(actor: Actor, id: string, query: ExecutionLogQuery): Promise<ExecutionLogPage> {
  const scope = await executionLogScope(actor, id);
  try {
    const page = await readScopeLogs(actor, scope, { contains: query.contains, cursor: query.cursor, limit: TAIL_PAGE_LINES });
    return {
      lines: page.items.filter((l) => !query.stream || l.stream === query.stream).map((l) => ({ at: l.at.toISOString(), stream: l.stream, message: l.message })),
      nextCursor: page.cursor,
      fetchedAt: page.fetchedAt.toISOString(),
      throttled: page.stale === "throttled" ? (page.staleReason ?? "The cloud asked to wait.") : null,
      status: scope.status,
      ended: ended(scope.status),
    };
  } catch (error) {
    // A cloud's refusal, in its user-facing words (toAppError's mapping, with the account named).
    throw isProviderError(error) ? toAppError(error, `Could not read the logs from ${scope.account.name}`) : error;
  }
}

/** A download holds at most this many lines; a bigger run is cut with a last line saying so. */
export const DOWNLOAD_MAX_LINES = 50_000;
const DOWNLOAD_PAGE_LINES = 5_000;

function fileName(title: string): string {
  return `${title.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "execution"}.log`;
}

/** The run's lines as a text file, paged through the provider (and the cache) as the browser reads it. */
export async function executionLogDownload(actor: Actor, id: string, query: ExecutionLogQuery): Promise<Response> {
  const scope = await executionLogScope(actor, id);
  const encoder = new TextEncoder();
  let cursor: string | null = null;
  let written = 0;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const page = await readScopeLogs(actor, scope, { contains: query.contains, cursor, limit: DOWNLOAD_PAGE_LINES });
        const lines = page.items.filter((l) => !query.stream || l.stream === query.stream).slice(0, DOWNLOAD_MAX_LINES - written);
        written += lines.length;
        if (lines.length) controller.enqueue(encoder.encode(lines.map((l) => `${l.at.toISOString()} ${l.stream.padEnd(6)} ${l.message}\n`).join("")));
        cursor = page.cursor;
        if (!cursor || page.items.length === 0) done = true;
        else if (written >= DOWNLOAD_MAX_LINES) {
          controller.enqueue(encoder.encode(`[Batchdeck: the download stops at ${DOWNLOAD_MAX_LINES} lines; narrow it with a search to get the rest.]\n`));
          done = true;
        }
      } catch (error) {
        // The status line is sent already: say in the file why it ends here, never a stack trace.
        const message = error instanceof AppError || isProviderError(error) ? error.message : "something went wrong on our side";
        if (!(error instanceof AppError || isProviderError(error))) console.error(`[logs download ${id}]`, error);
        controller.enqueue(encoder.encode(`[Batchdeck: the download stopped here: ${message}]\n`));
        done = true;
      }
      if (done) controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName(scope.title)}"`,
      "cache-control": "no-store",
    },
  });
}
