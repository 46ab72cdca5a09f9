import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError, type ActionResult } from "@/lib/errors";
import { can, type Permission } from "@/lib/auth/roles";
import { currentActor } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/record";
import { hitRateLimit, rateLimitedError } from "@/lib/rate-limit/hit";
import { RATE_LIMITS } from "@/lib/rate-limit/limits";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";

// Every server action goes through here: signed in → allowed by role → within the member's rate limit →
// valid input → service → audit.
// A hidden button is not a check; this is. Actions are called from forms (FormData) or with a plain object.

interface ActionDefinition<S extends z.ZodType, T> {
  /** Audit action name, e.g. "member.invite". */
  name: string;
  permission: Permission;
  input: S;
  run: (ctx: ServiceContext, input: z.infer<S>) => Promise<ServiceOutcome<T>>;
  /** What to re-render after a success: a page path, or "layout" for everything under the app shell. */
  revalidate: "layout" | `/${string}`;
}

export type FormAction<T> = (previous: ActionResult<T> | null, input: FormData | Record<string, unknown>) => Promise<ActionResult<T>>;

/** Field names whose values are never echoed back or audited. */
const SECRET_FIELD = /secret|password|token|Key$/i;

function fail(error: AppError, values: Record<string, string> = {}): ActionResult<never> {
  return { ok: false, code: error.code, error: error.message, fieldErrors: error.fieldErrors, values };
}

function echo(input: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(input).filter(([k, v]) => typeof v === "string" && !k.startsWith("$") && !SECRET_FIELD.test(k))) as Record<string, string>;
}

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  return fields;
}

export function defineAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>): FormAction<T> {
  return async (_previous, raw) => {
    const actor = await currentActor();
    if (!actor) return fail(new AppError("unauthenticated", "Your session has ended. Sign in again to continue."));
    const auditActor = { id: actor.id, email: actor.email };
    if (!can(actor.role, definition.permission)) {
      await recordAudit({ actor: auditActor, action: definition.name, result: "denied", detail: { reason: "role", role: actor.role } });
      return fail(new AppError("forbidden", `Forbidden: your role (${actor.role}) does not allow this.`));
    }
    const input = raw instanceof FormData ? Object.fromEntries(raw) : raw;
    const limited = await hitRateLimit("action", actor.id);
    if (!limited.allowed) {
      // Audited once per window (the first refused request), so the limit cannot be used to flood the audit.
      if (limited.count === RATE_LIMITS.action.limit + 1)
        await recordAudit({ actor: auditActor, action: definition.name, result: "denied", detail: { reason: "rate_limit" } });
      return fail(rateLimitedError("action", limited.retryAfterSeconds), echo(input));
    }
    const parsed = definition.input.safeParse(input);
    if (!parsed.success) {
      return fail(new AppError("invalid", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error)), echo(input));
    }
    try {
      const outcome = await definition.run({ actor }, parsed.data);
      if (definition.revalidate === "layout") revalidatePath("/", "layout");
      else revalidatePath(definition.revalidate);
      await recordAudit({ actor: auditActor, action: definition.name, result: "ok", ...outcome.audit });
      return { ok: true, message: outcome.message, data: outcome.data };
    } catch (error) {
      const appError = error instanceof AppError ? error : null;
      const refused = appError?.code === "forbidden" || appError?.code === "rule";
      await recordAudit({
        actor: auditActor,
        action: definition.name,
        result: refused ? "denied" : "error",
        detail: { input: redact(parsed.data), message: appError ? appError.message : "unexpected error" },
      });
      if (appError) return fail(appError, echo(input));
      console.error(`[action ${definition.name}]`, error);
      return fail(new AppError("internal", "Something went wrong on our side; nothing was changed. Try again, and tell an admin if it keeps happening."), echo(input));
    }
  };
}

/** Audit details keep the input's shape but never a secret. */
function redact(input: unknown): Record<string, string> {
  if (!input || typeof input !== "object") return {};
  return Object.fromEntries(
    Object.entries(input as Record<string, unknown>).map(([k, v]) => [k, SECRET_FIELD.test(k) ? "[redacted]" : String(v)]),
  );
}
