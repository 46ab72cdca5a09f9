import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ECSServiceException } from "@aws-sdk/client-ecs";
import { awsDescriptor } from "./index";
import { awsEndpointProblem } from "./endpoints";
import { toProviderError } from "./errors";
import { READ_ONLY_POLICY, OPERATOR_POLICY } from "./policy";

describe("AWS account shape", () => {
  it("stores lists as arrays and accepts the form's text", () => {
    expect(awsDescriptor.settings.parse({ regions: "eu-west-1, us-east-1", clusters: "batch", stateChangeLogGroup: "/batchdeck/ecs" })).toEqual({
      regions: ["eu-west-1", "us-east-1"],
      clusters: ["batch"],
      families: [],
      stateChangeLogGroup: "/batchdeck/ecs",
    });
    expect(awsDescriptor.settings.parse({ regions: ["ap-northeast-1"], clusters: ["batch"], families: [], stateChangeLogGroup: null })).toEqual({
      regions: ["ap-northeast-1"],
      clusters: ["batch"],
      families: [],
      stateChangeLogGroup: null,
    });
    expect(awsDescriptor.settings.safeParse({ regions: [], clusters: ["batch"] }).success).toBe(false);
  });

  it("says how to fix each form field", () => {
    const result = awsDescriptor.formValues.safeParse({ regions: "Ireland", clusters: "", roleArn: "batchdeck", accessKeyId: "lowercase" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(messages).toEqual({
      regions: "Regions are codes like eu-west-1 or ap-northeast-1, separated by commas.",
      clusters: "Enter at least one cluster name or ARN.",
      roleArn: "A role ARN like arn:aws:iam::123456789012:role/batchdeck.",
      accessKeyId: "An access key ID is upper-case letters and digits, like AKIAIOSFODNN7EXAMPLE.",
    });
    expect(awsDescriptor.formValues.parse({ regions: " eu-west-1 ", clusters: "batch", families: "", roleArn: "arn:aws:iam::123456789012:role/batchdeck" })).toEqual({
      regions: "eu-west-1",
      clusters: "batch",
      roleArn: "arn:aws:iam::123456789012:role/batchdeck",
    });
  });

  it("takes keys, a role, or both, never half a key", () => {
    const ok = (c: object) => awsDescriptor.credentials.safeParse(c).success;
    expect([
      ok({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "s" }),
      ok({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "s", sessionToken: "t" }),
      ok({ roleArn: "arn:aws:iam::123456789012:role/x", externalId: "e" }),
      ok({ accessKeyId: "AKIAIOSFODNN7EXAMPLE" }),
      ok({ sessionToken: "t", roleArn: "arn:aws:iam::123456789012:role/x" }),
      ok({ externalId: "e" }),
    ]).toEqual([true, true, true, false, false, false]);
  });

  it("allows AWS's own hosts for each service only", () => {
    expect([
      awsEndpointProblem("ecs", "https://ecs.eu-west-1.amazonaws.com"),
      awsEndpointProblem("ecs", "https://ecs-fips.us-gov-west-1.amazonaws.com"),
      awsEndpointProblem("logs", "https://logs.cn-north-1.amazonaws.com.cn"),
      awsEndpointProblem("sts", "https://sts.amazonaws.com"),
    ]).toEqual([null, null, null, null]);
    expect(awsEndpointProblem("ecs", "https://logs.eu-west-1.amazonaws.com")).toMatch(/^The ECS endpoint must be https:\/\/ on ecs\.\*\.amazonaws\.com/);
    expect(awsEndpointProblem("ecs", "https://ecs.eu-west-1.amazonaws.com.evil.example")).toMatch(/not one of the cloud's own endpoints/);
    expect(awsEndpointProblem("ecs", "http://ecs.eu-west-1.amazonaws.com")).toMatch(/must use https/);
  });

  it("names iam:PassRole for the operator and nothing that writes for the watcher", () => {
    const readOnly = JSON.parse(READ_ONLY_POLICY) as { Statement: { Action: string[] }[] };
    expect(readOnly.Statement.flatMap((s) => s.Action).filter((a) => !/:(Describe|List|Get|Filter)/.test(a))).toEqual([]);
    const operator = JSON.parse(OPERATOR_POLICY) as { Statement: { Action: string | string[] }[] };
    expect(operator.Statement.flatMap((s) => s.Action)).toEqual(expect.arrayContaining(["ecs:RunTask", "ecs:StopTask", "ecs:RegisterTaskDefinition", "events:PutTargets", "scheduler:UpdateSchedule", "iam:PassRole"]));
  });
});

describe("docs/aws.md", () => {
  it("repeats the descriptor's policies verbatim, and every JSON block in it parses", () => {
    const doc = readFileSync("docs/aws.md", "utf8");
    expect(doc).toContain(READ_ONLY_POLICY);
    expect(doc).toContain(OPERATOR_POLICY);
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBe(4);
    for (const block of blocks) expect(() => JSON.parse(block)).not.toThrow();
  });
});

describe("AWS errors", () => {
  const failure = (name: string, status: number, headers: Record<string, string> = {}) =>
    Object.assign(new ECSServiceException({ name, $fault: "client", $metadata: { httpStatusCode: status }, message: `${name} said so` }), { $response: { headers } });

  it("maps AWS's codes to kinds, whatever the status", () => {
    const kinds = [
      toProviderError(failure("ThrottlingException", 400, { "retry-after": "7" }), "Amazon ECS (eu-west-1)", "ecs:ListTasks"),
      toProviderError(failure("InvalidSignatureException", 403), "Amazon ECS (eu-west-1)", "ecs:ListTasks"),
      toProviderError(failure("UnrecognizedClientException", 403), "Amazon ECS (eu-west-1)", "ecs:ListTasks"),
      toProviderError(failure("AccessDeniedException", 400), "Amazon ECS (eu-west-1)", "ecs:RunTask"),
      toProviderError(failure("ClusterNotFoundException", 400), "Amazon ECS (eu-west-1)", "ecs:ListTasks"),
      toProviderError(failure("ServerException", 500), "Amazon ECS (eu-west-1)", "ecs:ListTasks"),
      toProviderError(failure("ClientException", 400), "Amazon ECS (eu-west-1)", "ecs:ListTasks"),
    ].map((e) => [e.kind, e.providerCode, e.retryAfterSeconds]);
    expect(kinds).toEqual([
      ["throttled", "ThrottlingException", 7],
      ["bad_credentials", "InvalidSignatureException", null],
      ["bad_credentials", "UnrecognizedClientException", null],
      ["permission_denied", "AccessDeniedException", null],
      ["not_found", "ClusterNotFoundException", null],
      ["unreachable", "ServerException", null],
      ["invalid_request", "ClientException", null],
    ]);
  });

  it("says what to fix", () => {
    expect(toProviderError(failure("InvalidSignatureException", 403), "Amazon ECS (eu-west-1)", "ecs:ListTasks").message).toBe(
      "Amazon ECS (eu-west-1) did not accept this account's credentials (InvalidSignatureException): the secret access key does not match the access key ID. Paste the secret access key again.",
    );
    expect(toProviderError(failure("AccessDeniedException", 400), "Amazon ECS (eu-west-1)", "ecs:RunTask").message).toBe(
      "Amazon ECS (eu-west-1) refused ecs:RunTask (AccessDeniedException): the account's IAM identity is not allowed to perform ecs:RunTask. Allow ecs:RunTask to the account's IAM identity (docs/aws.md has the policy), then try again.",
    );
  });
});
