import { withRoute } from "@/lib/http/route";
import { auditPage, parseAuditFilters } from "@/lib/queries/audit";

export const GET = withRoute("audit:read", (request, actor) => auditPage(actor, parseAuditFilters(request.nextUrl.searchParams)));
