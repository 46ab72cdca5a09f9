import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ProviderExecution } from "../types";
import { matchTriggeredExecution, namespaceHost, sharedAccessSignature } from "./servicebus";

describe("Service Bus SAS token", () => {
  it("signs the url-encoded resource URI and expiry with HMAC-SHA256", () => {
    const uri = "https://lab.servicebus.windows.net/orders";
    const token = sharedAccessSignature(uri, "send", "s3cret", new Date(1_700_000_000_000));
    const expected = createHmac("sha256", "s3cret").update(`${encodeURIComponent(uri)}\n1700000000`).digest("base64");
    expect(token).toBe(
      `SharedAccessSignature sr=${encodeURIComponent(uri)}&sig=${encodeURIComponent(expected)}&se=1700000000&skn=send`,
    );
  });

  it("accepts a namespace name or host, completing a bare name in the account's cloud", () => {
    expect(namespaceHost("lab", ".servicebus.windows.net")).toBe("lab.servicebus.windows.net");
    expect(namespaceHost("lab", ".servicebus.chinacloudapi.cn")).toBe("lab.servicebus.chinacloudapi.cn");
    expect(namespaceHost("lab", ".servicebus.usgovcloudapi.net")).toBe("lab.servicebus.usgovcloudapi.net");
    expect(namespaceHost("lab.servicebus.windows.net", ".servicebus.chinacloudapi.cn")).toBe("lab.servicebus.windows.net");
    expect(namespaceHost("https://lab.servicebus.windows.net/", ".servicebus.windows.net")).toBe("lab.servicebus.windows.net");
  });
});

describe("matching a trigger message to the execution it caused", () => {
  const sentAt = new Date("2025-03-01T10:00:00Z");
  const run = (id: string, secondsAfter: number, extra: Partial<ProviderExecution> = {}): ProviderExecution => ({
    providerId: id,
    jobProviderId: "job",
    status: "running",
    providerStatus: "Running",
    startedAt: new Date(sentAt.getTime() + secondsAfter * 1000),
    endedAt: null,
    exitCode: null,
    image: null,
    milliVcpu: null,
    memoryMiB: null,
    env: {},
    overrides: null,
    triggeredBy: "event",
    triggerProviderId: null,
    requestKey: null,
    ...extra,
  });

  it("takes the first unclaimed execution of the job started in the window", () => {
    const executions = [run("late", 500), run("second", 40), run("first", 30), run("before", -60), run("other-job", 10, { jobProviderId: "x" })];
    expect(matchTriggeredExecution({ sentAt, jobProviderId: "job", executions, claimedExecutionIds: [] })?.providerId).toBe("first");
    expect(matchTriggeredExecution({ sentAt, jobProviderId: "job", executions, claimedExecutionIds: ["first"] })?.providerId).toBe("second");
    expect(matchTriggeredExecution({ sentAt, jobProviderId: "job", executions, claimedExecutionIds: ["first", "second"] })).toBeNull();
  });

  it("never claims a run that Batchdeck started itself", () => {
    const executions = [run("clicked", 5, { requestKey: "k" })];
    expect(matchTriggeredExecution({ sentAt, jobProviderId: "job", executions, claimedExecutionIds: [] })).toBeNull();
  });
});
