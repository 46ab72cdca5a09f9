import { withRoute } from "@/lib/http/route";
import { monthCostDownload } from "@/lib/export/download";

export const GET = withRoute("executions:export", (request, actor) => monthCostDownload(actor, request.nextUrl.searchParams));
