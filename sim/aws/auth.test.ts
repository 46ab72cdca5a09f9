import { ListClustersCommand } from "@aws-sdk/client-ecs";
import { ListSchedulesCommand } from "@aws-sdk/client-scheduler";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../server";
import { startTestSimulator } from "../testing";
import { awsClients, failureOf, type AwsFailure, type TestCredentials } from "./testClients";

// SigV4 as AWS checks it: each way a signature can be wrong fails with the code and status AWS
// answers for that protocol (awsJson 400, restJson and STS 403), and IAM's deny names the action.

const failure = (e: AwsFailure) => [e.name, e.$metadata?.httpStatusCode];

let sim: Simulator;
let creds: TestCredentials;

beforeAll(async () => {
  sim = await startTestSimulator({ scenario: "empty" });
  creds = sim.aws.demoAccount;
});
afterAll(() => sim.close());

describe("SigV4", () => {
  it("accepts the issued key and refuses a wrong secret on every protocol", async () => {
    expect((await awsClients(sim.aws.endpoints, creds).ecs.send(new ListClustersCommand({}))).clusterArns).toHaveLength(1);
    const bad = awsClients(sim.aws.endpoints, { ...creds, secretAccessKey: `${creds.secretAccessKey.slice(0, -1)}x` });
    expect(failure(await failureOf(bad.ecs.send(new ListClustersCommand({}))))).toEqual(["InvalidSignatureException", 400]);
    expect(failure(await failureOf(bad.scheduler.send(new ListSchedulesCommand({}))))).toEqual(["InvalidSignatureException", 403]);
    const sts = await failureOf(bad.sts.send(new GetCallerIdentityCommand({})));
    expect(failure(sts)).toEqual(["SignatureDoesNotMatch", 403]);
    expect(sts.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
  });

  it("refuses a key it never issued", async () => {
    const stranger = awsClients(sim.aws.endpoints, { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" });
    const ecs = await failureOf(stranger.ecs.send(new ListClustersCommand({})));
    expect([...failure(ecs), ecs.message]).toEqual(["UnrecognizedClientException", 400, "The security token included in the request is invalid."]);
    expect(failure(await failureOf(stranger.sts.send(new GetCallerIdentityCommand({}))))).toEqual(["InvalidClientTokenId", 403]);
  });

  it("refuses a clock more than 5 minutes off, and the SDK recovers from the server's Date when it may retry", async () => {
    const skewed = awsClients(sim.aws.endpoints, creds, { systemClockOffset: -10 * 60_000 });
    const ecs = await failureOf(skewed.ecs.send(new ListClustersCommand({})));
    expect(failure(ecs)).toEqual(["InvalidSignatureException", 400]);
    expect(ecs.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
    const sts = await failureOf(skewed.sts.send(new GetCallerIdentityCommand({})));
    expect(failure(sts)).toEqual(["SignatureDoesNotMatch", 403]);
    const retrying = awsClients(sim.aws.endpoints, creds, { systemClockOffset: -10 * 60_000, maxAttempts: 2 });
    expect((await retrying.ecs.send(new ListClustersCommand({}))).clusterArns).toHaveLength(1);
  });

  it("expires an assumed role's session token on the simulated clock", async () => {
    const account = sim.aws.createAccount({ roleName: "Batchdeck", externalId: "ext-123" });
    const assumed = await awsClients(sim.aws.endpoints, account).sts.send(new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: "sync", ExternalId: "ext-123", DurationSeconds: 900 }));
    const session = awsClients(sim.aws.endpoints, { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! });
    expect((await session.ecs.send(new ListClustersCommand({}))).clusterArns).toEqual([account.clusterArn]);
    const withoutToken = awsClients(sim.aws.endpoints, { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey! });
    expect(failure(await failureOf(withoutToken.ecs.send(new ListClustersCommand({}))))).toEqual(["UnrecognizedClientException", 400]);
    sim.clock.advance(901);
    const expired = await failureOf(session.ecs.send(new ListClustersCommand({})));
    expect([...failure(expired), expired.message]).toEqual(["ExpiredTokenException", 400, "The security token included in the request is expired"]);
    expect(failure(await failureOf(session.sts.send(new GetCallerIdentityCommand({}))))).toEqual(["ExpiredToken", 403]);
  });

  it("answers IAM's AccessDenied naming the action, for the account or one role", async () => {
    const account = sim.aws.createAccount();
    sim.aws.deny(account.accountId, "ecs:ListClusters");
    const denied = await failureOf(awsClients(sim.aws.endpoints, account).ecs.send(new ListClustersCommand({})));
    expect([...failure(denied), denied.message]).toEqual(["AccessDeniedException", 400, `User: ${account.userArn} is not authorized to perform: ecs:ListClusters on resource: * because no identity-based policy allows the ecs:ListClusters action`]);
    sim.aws.allow(account.accountId);
    expect((await awsClients(sim.aws.endpoints, account).ecs.send(new ListClustersCommand({}))).clusterArns).toHaveLength(1);
  });

  it("never keeps a request's signature or key secret in the request log", async () => {
    const log = JSON.stringify(sim.requests());
    expect(log).not.toContain(creds.secretAccessKey);
    expect(log).not.toMatch(/Signature=[0-9a-f]{64}/);
    expect(sim.requests(sim.aws.demoAccount.accountId).length).toBeGreaterThan(3);
  });
});

describe("awsJson requests the SDKs would not send", () => {
  const signedPost = async (target: string, body: string, secret = creds.secretAccessKey) => {
    const url = new URL(`${sim.aws.endpoints.ecs}/`);
    const signer = new SignatureV4({ service: "ecs", region: "ap-northeast-1", sha256: Hash.bind(null, "sha256"), credentials: { accessKeyId: creds.accessKeyId, secretAccessKey: secret } });
    const signed = await signer.sign({ method: "POST", protocol: "https:", hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, body,
      headers: { host: url.host, "content-type": "application/x-amz-json-1.1", "x-amz-target": target } });
    const res = await fetch(url, { method: "POST", headers: signed.headers as Record<string, string>, body });
    return [res.status, res.headers.get("x-amzn-errortype"), ((await res.json()) as { __type: string }).__type];
  };

  it("checks the signature before the body, then answers SerializationException and UnknownOperationException", async () => {
    expect(await signedPost("AmazonEC2ContainerServiceV20141113.ListClusters", "{not json", "wrong")).toEqual([400, "InvalidSignatureException", "InvalidSignatureException"]);
    expect(await signedPost("AmazonEC2ContainerServiceV20141113.ListClusters", "{not json")).toEqual([400, "SerializationException", "SerializationException"]);
    expect(await signedPost("AmazonEC2ContainerServiceV20141113.DeleteCluster", "{}")).toEqual([400, "UnknownOperationException", "UnknownOperationException"]);
  });
});
