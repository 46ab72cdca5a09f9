import { NextResponse, type NextRequest } from "next/server";
import { AppError, HTTP_STATUS } from "@/lib/errors";
import { can, type Permission } from "@/lib/auth/roles";
import { currentActor } from "@/lib/auth/session";
import { enforceRateLimit } from "@/lib/rate-limit/hit";
import type { Actor } from "@/lib/services/context";

// Route handlers declare their permission where they are defined; the check, the member's rate limit and
// the error mapping live here once.

const READS = new Set(["GET", "HEAD"]);

/**
 * `handler` returns JSON-able data, or a Response of its own (a streamed download); `context` is what Next
 * passes a route handler (its `params`).
 */
export function withRoute<C = unknown>(permission: Permission, handler: (request: NextRequest, actor: Actor, context: C) => Promise<unknown>) {
  return async (request: NextRequest, context: C) => {
    try {
      const actor = await currentActor();
      if (!actor) throw new AppError("unauthenticated", "Sign in to continue.");
      if (!can(actor.role, permission)) throw new AppError("forbidden", `Forbidden: your role (${actor.role}) does not allow this.`);
      // A change through the API counts against the same per-member budget as one through a form.
      await enforceRateLimit(READS.has(request.method) ? "apiRead" : "action", actor.id);
      const result = await handler(request, actor, context);
      // A handler that builds its own response (a streamed download) sends it as it is.
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError("internal", "Something went wrong on our side.");
      if (!(error instanceof AppError)) console.error(`[route ${request.nextUrl.pathname}]`, error);
      const headers = appError.retryAfterSeconds ? { "Retry-After": String(appError.retryAfterSeconds) } : undefined;
      return NextResponse.json({ error: appError.code, message: appError.message }, { status: HTTP_STATUS[appError.code], headers });
    }
  };
}
