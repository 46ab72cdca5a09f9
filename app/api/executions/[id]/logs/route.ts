import { withRoute } from "@/lib/http/route";
import { executionLogPage, parseExecutionLogQuery } from "@/lib/logs/execution-logs";

// One page of an execution's log lines, polled by the execution page's live tail (through the log cache).
export const GET = withRoute<{ params: Promise<{ id: string }> }>("catalog:read", async (request, actor, { params }) =>
  executionLogPage(actor, (await params).id, parseExecutionLogQuery(request.nextUrl.searchParams)),
);
