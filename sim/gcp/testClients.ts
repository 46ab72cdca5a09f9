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
    services: new v2.ServicesClient(clientOptions(endpoints.run, key)),
    scheduler: new CloudSchedulerClient(clientOptions(endpoints.scheduler, key)),
    logging: new Logging(clientOptions(endpoints.logging, key)),
  };
}
