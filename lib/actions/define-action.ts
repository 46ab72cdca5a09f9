import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AppError, type ActionResult } from "@/lib/errors";
import { can, type Permission } from "@/lib/auth/roles";
import { currentActor } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/record";
import { auditingContext } from "./audit-context";
import { db } from "@/lib/db/client";
import { isSecretName, redactEnv, REDACTED } from "@/lib/catalog/redact";
import { hitRateLimit, rateLimitedError } from "@/lib/rate-limit/hit";
import { RATE_LIMITS } from "@/lib/rate-limit/limits";
import type { ServiceContext, ServiceOutcome } from "@/lib/services/context";

// Every server action goes through here: signed in → allowed by role → within the member's rate limit →
// valid input → service, which writes its audit record in the transaction of its change (ctx.audit).
// Refusals and failures, where nothing changed or the outcome is unknown, are audited here.
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

function fail(error: AppError, values: Record<string, string> = {}): ActionResult<never> {
  return { ok: false, code: error.code, error: error.message, fieldErrors: error.fieldErrors, values };
}

function echo(input: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(input).filter(([k, v]) => typeof v === "string" && !k.startsWith("$") && !isSecretName(k))) as Record<string, string>;
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
      await recordAudit(db(), { actor: auditActor, action: definition.name, result: "denied", detail: { reason: "role", role: actor.role } });
      return fail(new AppError("forbidden", `Forbidden: your role (${actor.role}) does not allow this.`));
    }
    const input = raw instanceof FormData ? Object.fromEntries(raw) : raw;
    const limited = await hitRateLimit("action", actor.id);
    if (!limited.allowed) {
      // Audited once per window (the first refused request), so the limit cannot be used to flood the audit.
      if (limited.count === RATE_LIMITS.action.limit + 1)
        await recordAudit(db(), { actor: auditActor, action: definition.name, result: "denied", detail: { reason: "rate_limit" } });
      return fail(rateLimitedError("action", limited.retryAfterSeconds), echo(input));
    }
    const parsed = definition.input.safeParse(input);
    if (!parsed.success) {
      return fail(new AppError("invalid", "Please correct the highlighted fields.", fieldErrorsOf(parsed.error)), echo(input));
    }
    const { ctx, recorded } = auditingContext(actor, definition.name);
    try {
      const outcome = await definition.run(ctx, parsed.data);
      if (definition.revalidate === "layout") revalidatePath("/", "layout");
      else revalidatePath(definition.revalidate);
      return { ok: true, message: outcome.message, data: outcome.data };
    } catch (error) {
      const appError = error instanceof AppError ? error : null;
      const refused = appError?.code === "forbidden" || appError?.code === "rule";
      await recordAudit(db(), {
        actor: auditActor,
        action: definition.name,
        result: refused ? "denied" : "error",
        detail: { input: redact(parsed.data), message: appError ? appError.message : "unexpected error", afterRecordedChange: recorded() },
      });
      if (appError) return fail(appError, echo(input));
      console.error(`[action ${definition.name}]`, error);
      // Say what is known: a failure after the change was recorded means the change may well have been made.
      const message = recorded()
        ? "The change was recorded, but something went wrong on our side afterwards. Reload the page to see the current state before trying again; tell an admin if it keeps happening."
        : "Something went wrong on our side before the change was recorded. Reload the page to see whether anything changed before trying again; tell an admin if it keeps happening.";
      return fail(new AppError("internal", message), echo(input));
    }
  };
}

/** Audit details keep the input's shape but never a secret: secret-looking fields and env values are hidden. */
function redact(input: unknown): Record<string, string | Record<string, string>> {
  if (!input || typeof input !== "object") return {};
  return Object.fromEntries(
    Object.entries(input as Record<string, unknown>).map(([k, v]) => {
      if (isSecretName(k)) return [k, REDACTED];
      if (v && typeof v === "object") return [k, redactEnv(Object.fromEntries(Object.entries(v).map(([n, x]) => [n, String(x)])))];
      return [k, String(v)];
    }),
  );
}
