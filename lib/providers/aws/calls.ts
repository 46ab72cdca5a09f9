import { withTimeout } from "../timeout";
import type { AwsClients, RegionClients } from "./client";
import { toProviderError } from "./errors";

// One AWS call: under the per-call deadline (the SDK gets the signal and stops the socket), with AWS
// errors mapped to ProviderError naming the IAM action a refusal is about.

const SERVICES: Record<string, string> = {
  ecs: "Amazon ECS",
  events: "Amazon EventBridge",
  scheduler: "EventBridge Scheduler",
  logs: "CloudWatch Logs",
  sts: "AWS STS",
};

export type AwsCall = <T>(region: string, action: string, call: (clients: RegionClients, signal: AbortSignal) => Promise<T>) => Promise<T>;

/** `action` is the IAM action, "ecs:ListTasks": its prefix says which service answered. */
export function awsCaller(c: AwsClients): AwsCall {
  return (region, action, call) => {
    const prefix = action.slice(0, action.indexOf(":"));
    const service = `${SERVICES[prefix] ?? "AWS"} (${region})`;
    return withTimeout(service, c.timeoutMs, async (signal) => {
      try {
        return await call(c.region(region), signal);
      } catch (error) {
        throw toProviderError(error, service, action);
      }
    });
  };
}

/** Every page of a NextToken/nextToken listing, one call per page. */
export async function allPages<P, I>(page: (token: string | undefined) => Promise<P>, items: (p: P) => I[] | undefined, next: (p: P) => string | undefined): Promise<I[]> {
  const all: I[] = [];
  let token: string | undefined;
  // Bounded: a listing that keeps handing back tokens is a cloud bug, not a reason to loop forever.
  for (let pages = 0; pages < 1_000; pages++) {
    const answer = await page(token);
    all.push(...(items(answer) ?? []));
    token = next(answer);
    if (!token) break;
  }
  return all;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
