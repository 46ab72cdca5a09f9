import { withRoute } from "@/lib/http/route";
import { exportDownload } from "@/lib/export/download";

export const GET = withRoute("executions:export", (request, actor) => exportDownload(actor, request.nextUrl.searchParams));
