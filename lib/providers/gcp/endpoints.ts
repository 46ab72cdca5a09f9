import { z } from "zod";
import { simulatorOrigin } from "../../env";
import { ProviderError } from "../errors";
import { endpointProblem, type EndpointRule } from "../endpoint-allow-list";

// Google's own hosts for the three APIs a Google Cloud account calls, and the one token endpoint a
// service-account key may send its signed JWT to. Sources:
// - Cloud Run Admin API v2: https://cloud.google.com/run/docs/reference/rest (service endpoint
//   run.googleapis.com; regional endpoints {region}-run.googleapis.com,
//   https://cloud.google.com/run/docs/reference/rest#regional-service-endpoint).
// - Cloud Scheduler v1: https://cloud.google.com/scheduler/docs/reference/rest (cloudscheduler.googleapis.com).
// - Cloud Logging v2: https://cloud.google.com/logging/docs/reference/v2/rest (logging.googleapis.com).
// - OAuth 2.0 token endpoint of a service-account key (`token_uri`):
//   https://developers.google.com/identity/protocols/oauth2/service-account (oauth2.googleapis.com/token).
// The first host of each field is the default when the field is left blank.

export type GcpEndpointField = "run" | "scheduler" | "logging";

const HOSTS: Record<GcpEndpointField, readonly [string, ...string[]]> = {
  run: ["run.googleapis.com", "*-run.googleapis.com"],
  scheduler: ["cloudscheduler.googleapis.com"],
  logging: ["logging.googleapis.com"],
};

const LABELS: Record<GcpEndpointField, string> = {
  run: "The Cloud Run endpoint",
  scheduler: "The Cloud Scheduler endpoint",
  logging: "The Cloud Logging endpoint",
};

export const GCP_ENDPOINT_FIELDS: readonly GcpEndpointField[] = ["run", "scheduler", "logging"];

/** "*-run.googleapis.com" is a region prefix (us-central1-run.googleapis.com), which hostMatches' "*." can't say. */
function regionalHosts(field: GcpEndpointField): { exact: string[]; suffixes: string[] } {
  const exact = HOSTS[field].filter((h) => !h.startsWith("*-"));
  const suffixes = HOSTS[field].filter((h) => h.startsWith("*-")).map((h) => h.slice(1));
  return { exact, suffixes };
}

export function gcpEndpointRule(field: GcpEndpointField): EndpointRule {
  return { label: LABELS[field], hosts: HOSTS[field] };
}

const REGION = /^[a-z]+-[a-z]+\d+$/;

/** Why this URL may not be the account's `field` endpoint, or null. Reads the simulator origin each time. */
export function gcpEndpointProblem(field: GcpEndpointField, url: string): string | null {
  const { exact, suffixes } = regionalHosts(field);
  // A regional host is checked as its plain host's rule would be (https, no port, no path tricks).
  let host: string | null = null;
  try {
    host = new URL(url).hostname;
  } catch {
    // endpointProblem words it
  }
  const suffix = host ? suffixes.find((s) => host!.endsWith(s) && REGION.test(host!.slice(0, -s.length))) : undefined;
  const rule: EndpointRule = { label: LABELS[field], hosts: suffix && host ? [host] : HOSTS[field] };
  const problem = endpointProblem(url, rule, simulatorOrigin());
  if (problem && !suffix) return problem.replace(rule.hosts.join(", "), [...exact, ...suffixes.map((s) => `<region>${s}`)].join(", "));
  return problem;
}

/** The zod field for an endpoint URL: the same rule on the form and on every catalog row read. */
export function gcpEndpointUrl(field: GcpEndpointField) {
  return z.string().superRefine((url, ctx) => {
    const problem = gcpEndpointProblem(field, url);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

export const GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";

/**
 * Why a key's `token_uri` may not receive its signed JWT, or null. Only Google's token endpoint, or the
 * simulator's origin (demo mode and tests), like every endpoint we hand a credential to.
 */
export function tokenUriProblem(tokenUri: string): string | null {
  const rule: EndpointRule = { label: "The key's token_uri", hosts: ["oauth2.googleapis.com"] };
  let parsed: URL;
  try {
    parsed = new URL(tokenUri);
  } catch {
    return `${rule.label} must be a full URL such as ${GOOGLE_TOKEN_URI}.`;
  }
  const origin = simulatorOrigin();
  if (origin !== null && parsed.origin === origin) return null;
  // endpointProblem refuses paths only through the host rule; the token endpoint's path is fixed.
  return endpointProblem(`${parsed.protocol}//${parsed.host}`, rule, origin) ?? (parsed.pathname === "/token" && !parsed.search && !parsed.hash ? null : `${rule.label} must be ${GOOGLE_TOKEN_URI}.`);
}

/** What a Google client needs from a base URL: the host, the port apart (the SDK drops one left in the host), the scheme. */
export interface ClientEndpoint {
  apiEndpoint: string;
  port: number;
  protocol: "https" | "http";
}

/** Refuses before any request (so before any token is attached) when `url` is not one of the API's endpoints. */
export function gcpClientEndpoint(field: GcpEndpointField, url: string | undefined | null): ClientEndpoint {
  const target = url ?? `https://${HOSTS[field][0]}`;
  const problem = gcpEndpointProblem(field, target);
  if (problem) {
    throw new ProviderError("invalid_request", `${problem} Edit the account's endpoints; nothing was sent.`, { providerCode: "EndpointNotAllowed" });
  }
  const parsed = new URL(target);
  const protocol = parsed.protocol === "http:" ? "http" : "https";
  return { apiEndpoint: parsed.hostname, port: parsed.port ? Number(parsed.port) : protocol === "https" ? 443 : 80, protocol };
}
