import type { protos as runProtos } from "@google-cloud/run";
import { REQUEST_KEY_ENV, type StartRequest } from "../types";

// The bodies Batchdeck sends to Cloud Run: a run with its overrides, and a job pointed at a new image.

type Job = runProtos.google.cloud.run.v2.IJob;

/**
 * jobs.run with the batch, the env and the request key as container overrides
 * (run.v2 RunJobRequest.overrides.containerOverrides[].env; an override with no name applies to the
 * job's only container, https://cloud.google.com/run/docs/execute/jobs#override-job-configuration).
 */
export function buildRunRequest(request: StartRequest): runProtos.google.cloud.run.v2.IRunJobRequest {
  const env = [...Object.entries(request.overrides).map(([name, value]) => ({ name, value })), { name: REQUEST_KEY_ENV, value: request.requestKey }];
  return { name: request.job.providerId, overrides: { containerOverrides: [{ env }] } };
}

/**
 * The job to send back with the first container on the new image: only the fields a client may set
 * (run.v2 Job, the ones the Discovery document does not mark output-only), so that nothing Cloud Run owns
 * (generation, conditions, times) travels back. It also keeps int64 fields out of the request: the REST
 * encoder recognises a Long by its class name, which a minified server bundle renames.
 */
export function withImage(job: Job, image: string): Job {
  const task = job.template?.template ?? {};
  const [first, ...rest] = task.containers ?? [];
  const containers = first ? [{ ...first, image }, ...rest] : [];
  return {
    name: job.name,
    labels: job.labels,
    annotations: job.annotations,
    client: job.client,
    clientVersion: job.clientVersion,
    launchStage: job.launchStage,
    binaryAuthorization: job.binaryAuthorization,
    template: { ...job.template, template: { ...task, containers } },
  };
}
