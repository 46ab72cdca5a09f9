import { z } from "zod";
import { simulatorOrigin } from "../../env";
import { ProviderError } from "../errors";
import { endpointProblem, type EndpointRule } from "../endpoint-allow-list";

// AWS's own endpoint families for the five services an account calls: the one list of hosts its
// endpoint overrides may name (the simulator's origin aside, see ../endpoint-allow-list.ts). Sources,
// "Service endpoints and quotas" in the AWS General Reference:
//   ECS https://docs.aws.amazon.com/general/latest/gr/ecs-service.html,
//   EventBridge https://docs.aws.amazon.com/general/latest/gr/ev.html,
//   EventBridge Scheduler https://docs.aws.amazon.com/general/latest/gr/scheduler.html,
//   CloudWatch Logs https://docs.aws.amazon.com/general/latest/gr/cwl_region.html,
//   STS https://docs.aws.amazon.com/general/latest/gr/sts.html;
// the China partition's amazonaws.com.cn hosts https://docs.amazonaws.cn/en_us/aws/latest/userguide/endpoints-arns.html
// and GovCloud (us-gov-*, also under amazonaws.com, with -fips variants)
// https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/using-govcloud-endpoints.html.
// A "*" stands for one DNS label: the region.

export type AwsEndpointField = "ecs" | "events" | "scheduler" | "logs" | "sts";
export const AWS_ENDPOINT_FIELDS: readonly AwsEndpointField[] = ["ecs", "events", "scheduler", "logs", "sts"];

const LABELS: Record<AwsEndpointField, string> = {
  ecs: "The ECS endpoint",
  events: "The EventBridge endpoint",
  scheduler: "The EventBridge Scheduler endpoint",
  logs: "The CloudWatch Logs endpoint",
  sts: "The STS endpoint",
};

function regional(service: string): string[] {
  return [`${service}.*.amazonaws.com`, `${service}-fips.*.amazonaws.com`, `${service}.*.amazonaws.com.cn`];
}

const HOSTS: Record<AwsEndpointField, readonly string[]> = {
  ecs: regional("ecs"),
  events: regional("events"),
  scheduler: regional("scheduler"),
  logs: regional("logs"),
  // STS also has the global endpoint sts.amazonaws.com.
  sts: ["sts.amazonaws.com", ...regional("sts")],
};

export function awsEndpointRule(field: AwsEndpointField): EndpointRule {
  return { label: LABELS[field], hosts: HOSTS[field] };
}

/** Why this URL may not be the account's `field` endpoint, or null. Reads the simulator origin each time. */
export function awsEndpointProblem(field: AwsEndpointField, url: string): string | null {
  return endpointProblem(url, awsEndpointRule(field), simulatorOrigin());
}

/** Refuses before anything is signed when `url` is not one of AWS's endpoints for the service. */
export function assertAwsEndpoint(field: AwsEndpointField, url: string): void {
  const problem = awsEndpointProblem(field, url);
  if (problem) {
    throw new ProviderError("invalid_request", `${problem} Edit the account's endpoints; nothing was sent.`, { providerCode: "EndpointNotAllowed" });
  }
}

/** The zod field for an endpoint URL: the same rule on the form and on every catalog row read. */
export function awsEndpointUrl(field: AwsEndpointField) {
  return z.string().superRefine((url, ctx) => {
    const problem = awsEndpointProblem(field, url);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}
