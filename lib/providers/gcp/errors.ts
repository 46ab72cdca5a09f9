import { ProviderError } from "../errors";
import { fromHttpResponse, networkError, sanitizeUpstreamText, type FixHints } from "../http-errors";

// Google failures → ProviderError kinds. The clients (google-gax over REST) turn Google's error body
// (https://cloud.google.com/apis/design/errors: `{ error: { code, message, status, details } }`) into a
// GoogleError whose `code` is the gRPC status, with ErrorInfo's metadata in `errorInfoMetadata` and the
// other details (RetryInfo) decoded in `statusDetails`. Token failures are ProviderErrors already (./auth.ts).

/** gRPC status → the HTTP status Google sends with it (https://cloud.google.com/apis/design/errors#handling_errors). */
const HTTP_OF_GRPC: Record<number, number> = { 1: 499, 2: 500, 3: 400, 4: 504, 5: 404, 6: 409, 7: 403, 8: 429, 9: 400, 10: 409, 11: 400, 12: 501, 13: 500, 14: 503, 15: 500, 16: 401 };
const GRPC_NAMES: Record<number, string> = { 3: "INVALID_ARGUMENT", 4: "DEADLINE_EXCEEDED", 5: "NOT_FOUND", 7: "PERMISSION_DENIED", 8: "RESOURCE_EXHAUSTED", 9: "FAILED_PRECONDITION", 13: "INTERNAL", 14: "UNAVAILABLE", 16: "UNAUTHENTICATED" };

/** The predefined role that grants each API's permissions (https://cloud.google.com/iam/docs/understanding-roles). */
function roleFor(permission: string | null): string {
  if (permission?.startsWith("logging.")) return "roles/logging.viewer";
  if (permission?.startsWith("cloudscheduler.")) return "roles/cloudscheduler.viewer";
  if (permission === "iam.serviceAccounts.actAs") return "roles/iam.serviceAccountUser on the job's service account";
  if (permission && /^run\.[a-zA-Z]+\.(get|list)$/.test(permission)) return "roles/run.viewer";
  return "roles/run.developer";
}

interface GoogleErrorLike {
  code?: unknown;
  message?: unknown;
  reason?: unknown;
  errorInfoMetadata?: Record<string, string>;
  statusDetails?: unknown[];
  details?: unknown;
}

/** The permission IAM named: ErrorInfo's metadata, else Google's sentence "Permission 'x.y.z' denied on …". */
export function deniedPermission(error: GoogleErrorLike): string | null {
  const fromInfo = error.errorInfoMetadata?.permission;
  if (typeof fromInfo === "string" && /^[a-zA-Z.]+$/.test(fromInfo)) return fromInfo;
  const text = typeof error.message === "string" ? error.message : "";
  return /[Pp]ermission '?([a-z]+\.[a-zA-Z]+\.[a-zA-Z]+)'? denied/.exec(text)?.[1] ?? null;
}

/** google.rpc.RetryInfo's retryDelay, as a Duration object ({ seconds, nanos }) or its JSON form ("30s"). */
export function retryDelaySeconds(error: GoogleErrorLike): number | null {
  const details = [...(Array.isArray(error.statusDetails) ? error.statusDetails : []), ...(Array.isArray(error.details) ? error.details : [])];
  for (const detail of details) {
    const delay = (detail as { retryDelay?: unknown } | null)?.retryDelay;
    if (typeof delay === "string" && /^\d+(\.\d+)?s$/.test(delay)) return Math.ceil(Number(delay.slice(0, -1)));
    if (delay && typeof delay === "object") {
      const { seconds, nanos } = delay as { seconds?: unknown; nanos?: unknown };
      const s = Number(seconds ?? 0) + Number(nanos ?? 0) / 1e9;
      if (Number.isFinite(s)) return Math.ceil(s);
    }
  }
  return null;
}

function hints(permission: string | null, credentials: string): FixHints {
  const grant = permission
    ? `The service account lacks IAM permission ${permission}: grant it ${roleFor(permission)} on the project (see docs/gcp.md), then try again.`
    : "Grant the service account the roles in docs/gcp.md on the project, then try again.";
  return { credentials, permission: grant, notFound: "Check the project ID and regions in the account settings." };
}

const KEY_HINT = "Check the service-account key: it may have been deleted or disabled. Create a new JSON key and paste it into the account.";

/** Google's error body (`{ error: { code, message, status, details } }`) as the REST transport hands it over. */
interface GoogleErrorBody {
  code?: unknown;
  message?: unknown;
  status?: unknown;
  details?: unknown;
}

/**
 * google-gax over REST sends requests with the auth client's fetch (gaxios), which rejects a non-2xx answer
 * with a GaxiosError whose message is the answer's body; a GoogleError (gax's own decoding) carries the
 * gRPC code and the decoded details instead. Either way: the HTTP status and Google's error fields.
 */
function googleFailure(error: Error): { status: number; detail: GoogleErrorLike } | null {
  const g = error as GoogleErrorLike & { status?: unknown; response?: { status?: unknown; data?: unknown } };
  if (error.name !== "GaxiosError" && typeof g.code === "number" && HTTP_OF_GRPC[g.code] !== undefined) return { status: HTTP_OF_GRPC[g.code]!, detail: g };
  const status = typeof g.status === "number" ? g.status : typeof g.response?.status === "number" ? g.response.status : null;
  if (status === null || status < 400) return null;
  let body: GoogleErrorBody | null = null;
  for (const candidate of [g.response?.data, error.message]) {
    let parsed: unknown = candidate;
    if (typeof candidate === "string") {
      try {
        parsed = JSON.parse(candidate);
      } catch {
        continue;
      }
    }
    const inner = (parsed as { error?: unknown } | null)?.error;
    if (inner && typeof inner === "object") {
      body = inner as GoogleErrorBody;
      break;
    }
  }
  const details = Array.isArray(body?.details) ? (body.details as Record<string, unknown>[]) : [];
  const info = details.find((d) => typeof d["@type"] === "string" && d["@type"].endsWith("google.rpc.ErrorInfo"));
  return {
    status,
    detail: {
      message: typeof body?.message === "string" ? body.message : null,
      reason: typeof info?.reason === "string" ? info.reason : typeof body?.status === "string" ? body.status : null,
      errorInfoMetadata: (info?.metadata as Record<string, string> | undefined) ?? undefined,
      details,
    },
  };
}

/**
 * An error from a Google call → ProviderError. `service` names who was being called. Anything that is
 * not a cloud or network failure (a bug) is rethrown as it is.
 */
export function toProviderError(error: unknown, service: string): ProviderError {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ProviderError) return e;
  }
  const failure = error instanceof Error ? googleFailure(error) : null;
  if (failure) {
    const { status, detail: g } = failure;
    const permission = status === 403 ? deniedPermission(g) : null;
    const retry = status === 429 ? retryDelaySeconds(g) : null;
    const grpcName = typeof g.code === "number" ? GRPC_NAMES[g.code] : undefined;
    return fromHttpResponse(
      service,
      {
        status,
        header: (name) => (name.toLowerCase() === "retry-after" && retry !== null ? String(retry) : undefined),
        code: typeof g.reason === "string" ? g.reason : (grpcName ?? null),
        // gax prefixes "7 PERMISSION_DENIED: "; the sentence's own full stop is dropped, ours follows.
        message: typeof g.message === "string" ? g.message.replace(/^\d+ [A-Z_]+: /, "").replace(/\.\s*$/, "") : null,
      },
      hints(permission, KEY_HINT),
      error,
    );
  }
  if (error instanceof Error && error.name === "AbortError") {
    return new ProviderError("unreachable", `The call to ${service} was cancelled before it answered. Try again.`, { providerCode: "Aborted", cause: error });
  }
  const network = networkError(service, error);
  if (network) return network;
  // Application default credentials that could not be found or refreshed (google-auth-library's words).
  if (error instanceof Error && /default credentials|Could not load the default credentials|Could not refresh access token/i.test(error.message)) {
    return new ProviderError(
      "bad_credentials",
      `No Google credentials: this account uses the host's application default credentials, and ${sanitizeUpstreamText(error.message)} Paste a service-account key into the account, or run Batchdeck where application default credentials are set up.`,
      { providerCode: "NoDefaultCredentials", cause: error },
    );
  }
  throw error;
}
