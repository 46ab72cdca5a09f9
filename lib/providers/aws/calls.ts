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

/** Reads, which may be sent again without changing anything. */
const READ_ONLY = /^[a-z]+:(List|Describe|Get|Filter)/;
/** A kept-alive socket the other side closed as it was reused: the request never got an answer. */
const STALE_SOCKET = new Set(["ECONNRESET", "EPIPE"]);

/**
 * `action` is the IAM action, "ecs:ListTasks": its prefix says which service answered. A read that
 * meets a stale kept-alive socket is sent once more (the SDK's own retries are off, see client.ts).
 */
export function awsCaller(c: AwsClients): AwsCall {
  return (region, action, call) => {
    const prefix = action.slice(0, action.indexOf(":"));
    const service = `${SERVICES[prefix] ?? "AWS"} (${region})`;
    return withTimeout(service, c.timeoutMs, async (signal) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await call(c.region(region), signal);
        } catch (error) {
          const failure = toProviderError(error, service, action);
          if (attempt === 1 && READ_ONLY.test(action) && STALE_SOCKET.has(failure.providerCode ?? "") && !signal.aborted) continue;
          throw failure;
        }
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
