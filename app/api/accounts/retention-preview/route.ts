import { withRoute } from "@/lib/http/route";
import { retentionPreview } from "@/lib/queries/retention";

export const GET = withRoute("accounts:retention", (request, actor) => retentionPreview(actor, request.nextUrl.searchParams));
