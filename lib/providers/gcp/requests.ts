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

/** The job as Cloud Run returned it, with the first container's image replaced; the etag keeps a concurrent edit from being overwritten. */
export function withImage(job: Job, image: string): Job {
  const containers = job.template?.template?.containers ?? [];
  if (containers.length === 0) return job;
  const [first, ...rest] = containers;
  return { ...job, template: { ...job.template, template: { ...job.template!.template, containers: [{ ...first, image }, ...rest] } } };
}
