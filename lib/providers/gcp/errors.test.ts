import { describe, expect, it } from "vitest";
import { GoogleError } from "google-gax";
import { toProviderError } from "./errors";
import { executionLogFilter, serviceRequestFilter } from "./logs";

// Google's error bodies (https://cloud.google.com/apis/design/errors), parsed by google-gax as the REST
// clients parse them, mapped to the kinds every cloud shares.

const parsed = (error: Record<string, unknown>) => GoogleError.parseHttpError({ error });
const summary = (e: ReturnType<typeof toProviderError>) => ({ kind: e.kind, message: e.message, providerCode: e.providerCode, retryAfterSeconds: e.retryAfterSeconds });

describe("Google errors", () => {
  it("a quota refusal is throttled, with RetryInfo's delay", () => {
    const error = parsed({
      code: 429,
      status: "RESOURCE_EXHAUSTED",
      message: "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'logging.googleapis.com'.",
      details: [
        { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "RATE_LIMIT_EXCEEDED", domain: "googleapis.com", metadata: { service: "logging.googleapis.com" } },
        { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "37s" },
      ],
    });
    expect(summary(toProviderError(error, "Cloud Logging"))).toEqual({
      kind: "throttled",
      message: "Cloud Logging is throttling this account (RATE_LIMIT_EXCEEDED). Try again in 37 s.",
      providerCode: "RATE_LIMIT_EXCEEDED",
      retryAfterSeconds: 37,
    });
  });

  it("a permission refusal names the IAM permission and the role that grants it", () => {
    const error = parsed({
      code: 403,
      status: "PERMISSION_DENIED",
      message: "Permission 'run.jobs.run' denied on resource 'projects/lab/locations/us-central1/jobs/j' (or resource may not exist).",
      details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "IAM_PERMISSION_DENIED", domain: "run.googleapis.com", metadata: { permission: "run.jobs.run" } }],
    });
    expect(summary(toProviderError(error, "Cloud Run"))).toEqual({
      kind: "permission_denied",
      message:
        "Cloud Run refused the request (IAM_PERMISSION_DENIED): Permission 'run.jobs.run' denied on resource 'projects/lab/locations/us-central1/jobs/j' (or resource may not exist). The service account lacks IAM permission run.jobs.run: grant it roles/run.developer on the project (see docs/gcp.md), then try again.",
      providerCode: "IAM_PERMISSION_DENIED",
      retryAfterSeconds: null,
    });
  });

  it("a logging permission without ErrorInfo is read from Google's sentence", () => {
    const error = parsed({ code: 403, status: "PERMISSION_DENIED", message: "Permission 'logging.logEntries.list' denied on resource (or it may not exist)." });
    expect(toProviderError(error, "Cloud Logging").message).toContain("lacks IAM permission logging.logEntries.list: grant it roles/logging.viewer");
  });

  it("an unauthenticated call is bad credentials; unavailable is unreachable; a bug is rethrown", () => {
    expect(toProviderError(parsed({ code: 401, status: "UNAUTHENTICATED", message: "Request had invalid authentication credentials." }), "Cloud Run").kind).toBe("bad_credentials");
    expect(toProviderError(parsed({ code: 503, status: "UNAVAILABLE", message: "The service is currently unavailable." }), "Cloud Run").kind).toBe("unreachable");
    expect(() => toProviderError(new TypeError("x is not a function"), "Cloud Run")).toThrow(TypeError);
  });
});

describe("Logging filters", () => {
  const JOB = "projects/lab/locations/us-central1/jobs/nightly-import";
  const since = new Date("2026-11-22T03:00:00Z");
  const until = new Date("2026-11-22T04:00:00Z");

  it("name the resource type, the job, the executions and an explicit time range", () => {
    expect(executionLogFilter([`${JOB}/executions/nightly-import-a`, `${JOB}/executions/nightly-import-b`], { since, until, contains: 'rows "skipped"' })).toBe(
      'resource.type="cloud_run_job" AND resource.labels.job_name="nightly-import" AND (labels."run.googleapis.com/execution_name"="nightly-import-a" OR labels."run.googleapis.com/execution_name"="nightly-import-b") AND timestamp>="2026-11-22T03:00:00.000Z" AND timestamp<="2026-11-22T04:00:00.000Z" AND textPayload:"rows \\"skipped\\""',
    );
  });

  it("without a start, cover the 30 days Logging keeps, up to now", () => {
    expect(executionLogFilter([`${JOB}/executions/e1`], {}, until)).toBe(
      'resource.type="cloud_run_job" AND resource.labels.job_name="nightly-import" AND labels."run.googleapis.com/execution_name"="e1" AND timestamp>="2026-10-23T04:00:00.000Z" AND timestamp<="2026-11-22T04:00:00.000Z"',
    );
  });

  it("read a service's revision logs over the range, to count its requests", () => {
    expect(serviceRequestFilter("projects/lab/locations/us-central1/services/accounts", since, until)).toBe(
      'resource.type="cloud_run_revision" AND resource.labels.service_name="accounts" AND timestamp>="2026-11-22T03:00:00.000Z" AND timestamp<="2026-11-22T04:00:00.000Z"',
    );
  });
});
