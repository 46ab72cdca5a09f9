import { describe, expect, it } from "vitest";
import { awsConsoleUrl } from "./console";

const job = { providerId: "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/batch", name: "batch" };
const account = { settings: {} };

describe("awsConsoleUrl", () => {
  it("opens the task in its cluster and region", () => {
    const id = "arn:aws:ecs:ap-northeast-1:123456789012:task/batch/0123456789abcdef0123456789abcdef#batch:2";
    expect(awsConsoleUrl(account, job, { providerId: id })).toBe(
      "https://ap-northeast-1.console.aws.amazon.com/ecs/v2/clusters/batch/tasks/0123456789abcdef0123456789abcdef/configuration?region=ap-northeast-1",
    );
  });

  it("uses the China and GovCloud consoles for their regions", () => {
    expect(awsConsoleUrl(account, job, { providerId: "arn:aws-cn:ecs:cn-north-1:123456789012:task/c/abc#f:1" })).toBe(
      "https://cn-north-1.console.amazonaws.cn/ecs/v2/clusters/c/tasks/abc/configuration?region=cn-north-1",
    );
    expect(awsConsoleUrl(account, job, { providerId: "arn:aws-us-gov:ecs:us-gov-west-1:123456789012:task/c/abc" })).toBe(
      "https://console.amazonaws-us-gov.com/ecs/v2/clusters/c/tasks/abc/configuration?region=us-gov-west-1",
    );
  });

  it("has no link for the older task ARN form, which does not name the cluster", () => {
    expect(awsConsoleUrl(account, job, { providerId: "arn:aws:ecs:eu-west-1:123456789012:task/abc#batch:1" })).toBeNull();
  });
});
