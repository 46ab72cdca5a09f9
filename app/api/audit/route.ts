import { withRoute } from "@/lib/http/route";
import { auditPage, parseAuditFilters } from "@/lib/queries/audit";

export const GET = withRoute("audit:read", (request) => auditPage(parseAuditFilters(request.nextUrl.searchParams)));
