import { withRoute } from "@/lib/http/route";
import { executionLogDownload, parseExecutionLogQuery } from "@/lib/logs/execution-logs";

// An execution's lines as a text file, streamed page by page as the browser reads it.
export const GET = withRoute<{ params: Promise<{ id: string }> }>("catalog:read", async (request, actor, { params }) =>
  executionLogDownload(actor, (await params).id, parseExecutionLogQuery(request.nextUrl.searchParams)),
);
