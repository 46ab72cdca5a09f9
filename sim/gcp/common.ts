import type { SimRequest, SimResponse } from "../core/http";
import type { GcpCloud } from "./cloud";
import { googleError, invalidArgument, unauthenticated } from "./errors";
import type { z } from "zod";

// What every simulated Google API does first: check the bearer, the project it speaks for, and the body
// against the API's discovery schema; and how lists are paged.

/** Null when the caller may act on the project; otherwise Google's 401 or 403. */
export function authorize(cloud: GcpCloud, req: SimRequest, projectId: string, permission: string, resource: string): SimResponse | null {
  const principal = cloud.keys.authenticate(req.headers.authorization);
  if (!principal) return unauthenticated();
  if (principal.projectId !== projectId || !cloud.projects.has(projectId)) {
    // IAM's wording when the caller lacks a permission on a resource, or it does not exist.
    return googleError("PERMISSION_DENIED", `Permission '${permission}' denied on resource '${resource}' (or it may not exist).`, [
      { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "IAM_PERMISSION_DENIED", domain: "iam.googleapis.com", metadata: { permission, resource } },
    ]);
  }
  return null;
}

/** The JSON body checked against the request message (strict, as Google rejects unknown names), or INVALID_ARGUMENT. */
export function parseBody<T>(req: SimRequest, schema: z.ZodType<T>): { body: T } | { error: SimResponse } {
  let body: unknown;
  try {
    body = req.rawBody === "" ? {} : JSON.parse(req.rawBody);
  } catch {
    return { error: invalidArgument(`Invalid JSON payload received. Unexpected token.\n${req.rawBody.slice(0, 40)}\n^`) };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { body: parsed.data };
  const issue = parsed.error.issues[0];
  const at = issue?.path.join(".") ?? "";
  // Google's wording: Invalid JSON payload received. Unknown name "x" at 'overrides': Cannot find field.
  if (issue?.code === "unrecognized_keys") return { error: invalidArgument(`Invalid JSON payload received. Unknown name "${issue.keys[0]}"${at ? ` at '${at}'` : ""}: Cannot find field.`) };
  return { error: invalidArgument(`Invalid value at '${at}': ${issue?.message ?? "invalid"}`) };
}

/** A page of `items` after the opaque page token; the token carries the offset and the listing it belongs to. */
export function page<T>(items: readonly T[], query: Record<string, string>, scope: string, maxPageSize: number, defaultPageSize = maxPageSize): { items: T[]; nextPageToken?: string } | { error: SimResponse } {
  const requested = Number(query.pageSize ?? 0);
  if (!Number.isInteger(requested) || requested < 0) return { error: invalidArgument("page_size must be a non-negative integer.") };
  const size = Math.min(requested || defaultPageSize, maxPageSize);
  let offset = 0;
  if (query.pageToken) {
    const decoded = decodeToken(query.pageToken);
    if (!decoded || decoded.scope !== scope) return { error: invalidArgument("The page token is invalid or belongs to another request.") };
    offset = decoded.offset;
  }
  const slice = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(JSON.stringify({ o: offset + size, s: scope })).toString("base64url") : undefined;
  return { items: slice, ...(next ? { nextPageToken: next } : {}) };
}

function decodeToken(token: string): { offset: number; scope: string } | null {
  try {
    const v = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown; s?: unknown };
    return typeof v.o === "number" && typeof v.s === "string" ? { offset: v.o, scope: v.s } : null;
  } catch {
    return null;
  }
}

/** The project a `projects/{p}/…` path (below the API's version prefix) is about. */
export function projectOfPath(path: string): string | null {
  return /^\/projects\/([^/]+)\//.exec(path)?.[1] ?? null;
}
