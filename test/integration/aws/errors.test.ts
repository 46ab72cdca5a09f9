import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount, startHarness, type Sim } from "./harness";
import { createAwsProvider } from "../../../lib/providers/aws/provider";
import { ProviderError } from "../../../lib/providers/errors";

// AWS failures reach the app as the same ProviderError kinds as Azure's (test/integration/azure/jobs.test.ts):
// a wrong secret is bad_credentials naming what to fix, a 429 is throttled with its Retry-After, a hang
// is unreachable at the per-call deadline; and a role is assumed through STS with its external id.

let sim: Sim;
let accountId: string;
beforeAll(async () => {
  ({ sim, accountId } = await startHarness());
});
afterAll(() => sim.close());

async function failure(work: Promise<unknown>): Promise<ProviderError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("AWS errors on the simulator", () => {
  it("connects with the keys and names the cluster it found", async () => {
    expect(await createAwsProvider(demoAccount(sim)).testConnection()).toEqual({ ok: true, detail: "Found cluster batch (ap-northeast-1)" });
  });

  it("a wrong secret is bad_credentials and says to paste the secret again", async () => {
    const error = await failure(createAwsProvider(demoAccount(sim, { secretAccessKey: "wrong-secret-0000000000000000000000000000" })).testConnection());
    expect([error.kind, error.providerCode, error.message]).toEqual([
      "bad_credentials",
      "InvalidSignatureException",
      expect.stringMatching(/^Amazon ECS \(ap-northeast-1\) did not accept this account's credentials \(InvalidSignatureException\): the secret access key does not match the access key ID\. Paste the secret access key again\.$/),
    ]);
  });

  it("throttling is throttled; AWS names no wait (no Retry-After), so the message says a minute", async () => {
    sim.faults.add({ account: accountId, kind: "throttle", retryAfterSeconds: 2, count: 1 });
    const error = await failure(createAwsProvider(demoAccount(sim)).listJobs());
    expect([error.kind, error.providerCode, error.retryAfterSeconds, error.message]).toEqual(["throttled", "ThrottlingException", null, "Amazon EventBridge (ap-northeast-1) is throttling this account (ThrottlingException). Try again in a minute."]);
  });

  it("a hang is unreachable at the per-call deadline", async () => {
    sim.faults.add({ account: accountId, kind: "hang", count: 1 });
    const started = Date.now();
    const error = await failure(createAwsProvider(demoAccount(sim, { timeoutMs: 1_000 })).testConnection());
    expect([error.kind, error.providerCode]).toEqual(["unreachable", "Timeout"]);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("a refused action is permission_denied naming the IAM action", async () => {
    sim.aws.deny(accountId, "ecs:RunTask");
    try {
      const provider = createAwsProvider(demoAccount(sim));
      const [job] = await provider.listJobs();
      const error = await failure(provider.startExecution({ job: { providerId: job!.providerId, name: job!.name }, overrides: {}, requestKey: "req-denied" }));
      expect([error.kind, error.message]).toEqual(["permission_denied", expect.stringContaining("not allowed to perform ecs:RunTask")]);
    } finally {
      sim.aws.allow(accountId);
    }
  });

  it("assumes a role through STS with the external id, and a wrong external id is refused", async () => {
    const { roleArn, externalId } = sim.aws.demoAccount;
    const base = demoAccount(sim);
    const withRole = (id: string) => createAwsProvider({ ...base, credentials: { ...(base.credentials as object), roleArn, externalId: id } });
    expect((await withRole(externalId!).testConnection()).ok).toBe(true);
    const error = await failure(withRole("not-the-external-id").testConnection());
    expect([error.kind, error.message]).toEqual(["bad_credentials", expect.stringContaining("sts:AssumeRole was refused. Check the role ARN and the external id")]);
  });
});
