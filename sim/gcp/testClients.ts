import { sign } from "node:crypto";
import { Logging } from "@google-cloud/logging";
import { v2 } from "@google-cloud/run";
import { CloudSchedulerClient } from "@google-cloud/scheduler";
import type { ServiceAccountKeyJson } from "./keys";
import type { GcpEndpoints } from "./simCloud";

// The production Google clients pointed at the simulator the way the adapter does: the key JSON unchanged
// as `credentials`, REST transport (`fallback: true`), host and port taken apart from the endpoint URL
// (google-gax drops a port written into apiEndpoint and cannot take a path).

export function clientOptions(endpoint: string, key: ServiceAccountKeyJson) {
  const url = new URL(endpoint);
  return { apiEndpoint: url.hostname, port: Number(url.port), protocol: "https", fallback: true as const, credentials: key, projectId: key.project_id };
}

export function gcpClients(endpoints: GcpEndpoints, key: ServiceAccountKeyJson) {
  return {
    jobs: new v2.JobsClient(clientOptions(endpoints.run, key)),
    executions: new v2.ExecutionsClient(clientOptions(endpoints.run, key)),
    tasks: new v2.TasksClient(clientOptions(endpoints.run, key)),
    services: new v2.ServicesClient(clientOptions(endpoints.run, key)),
    scheduler: new CloudSchedulerClient(clientOptions(endpoints.scheduler, key)),
    logging: new Logging(clientOptions(endpoints.logging, key)),
  };
}

/** An RS256 JWT signed with the key, as google-auth-library builds one (header kid = private_key_id). */
export function signJwt(key: ServiceAccountKeyJson, claims: Record<string, unknown>, header: Record<string, unknown> = { kid: key.private_key_id }): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const unsigned = `${part({ alg: "RS256", typ: "JWT", ...header })}.${part(claims)}`;
  return `${unsigned}.${sign("RSA-SHA256", Buffer.from(unsigned), key.private_key).toString("base64url")}`;
}

/** A valid token-endpoint assertion for the key, `iat` now. */
export function assertionFor(key: ServiceAccountKeyJson, overrides: Record<string, unknown> = {}): string {
  const iat = Math.floor(Date.now() / 1000);
  return signJwt(key, { iss: key.client_email, scope: "https://www.googleapis.com/auth/cloud-platform", aud: key.token_uri, iat, exp: iat + 3600, ...overrides });
}
