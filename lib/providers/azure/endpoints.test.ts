import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, parseServerEnv, simulatorOrigin } from "../../env";
import { hostMatches } from "../endpoint-allow-list";
import { azureEndpointProblem, type AzureEndpointField } from "./endpoints";

// The allow-list on its own: what each endpoint field accepts and refuses, and when the simulator counts.

const saved = process.env.BATCHDECK_SIMULATOR_ORIGIN;
afterEach(() => {
  if (saved === undefined) delete process.env.BATCHDECK_SIMULATOR_ORIGIN;
  else process.env.BATCHDECK_SIMULATOR_ORIGIN = saved;
});

const FIELDS: AzureEndpointField[] = ["resourceManager", "authorityHost", "logAnalytics", "serviceBus"];
const BAD = ["http://169.254.169.254", "file:///etc/passwd", "gopher://127.0.0.1:25/x", "https://evil.example", "http://management.azure.com", "not a url"];

describe("Azure endpoint allow-list", () => {
  it.each(FIELDS)("%s refuses every bad URL with a message naming the field and what is allowed", (field) => {
    delete process.env.BATCHDECK_SIMULATOR_ORIGIN;
    for (const url of BAD) {
      const problem = azureEndpointProblem(field, url);
      expect(problem, url).toMatch(/^The (Resource Manager|Entra ID authority|Log Analytics|Service Bus) endpoint must /);
      expect(problem, url).toContain("https://");
    }
  });

  it("accepts the hosts of the public, China and US Government clouds, field by field", () => {
    delete process.env.BATCHDECK_SIMULATOR_ORIGIN;
    const good: Record<AzureEndpointField, string[]> = {
      resourceManager: ["https://management.azure.com", "https://management.chinacloudapi.cn/", "https://management.usgovcloudapi.net"],
      authorityHost: ["https://login.microsoftonline.com", "https://login.chinacloudapi.cn", "https://login.partner.microsoftonline.cn", "https://login.microsoftonline.us"],
      logAnalytics: ["https://api.loganalytics.io", "https://api.loganalytics.azure.com", "https://api.loganalytics.azure.cn", "https://api.loganalytics.us"],
      serviceBus: ["https://lab.servicebus.windows.net", "https://lab-1.servicebus.chinacloudapi.cn", "https://lab.servicebus.usgovcloudapi.net"],
    };
    for (const field of FIELDS) for (const url of good[field]) expect(azureEndpointProblem(field, url), `${field} ${url}`).toBeNull();
    // A host of the right family in the wrong field is still refused.
    expect(azureEndpointProblem("logAnalytics", "https://management.azure.com")).toMatch(/management\.azure\.com is not one of/);
  });

  it("refuses look-alikes: suffix tricks, user info, ports, nested wildcard labels", () => {
    delete process.env.BATCHDECK_SIMULATOR_ORIGIN;
    for (const url of [
      "https://management.azure.com.evil.example",
      "https://evilmanagement.azure.com",
      "https://management.azure.com@evil.example",
      "https://user:pw@management.azure.com",
      "https://management.azure.com:8443",
      "https://management.azure.com/?x=1",
    ]) {
      expect(azureEndpointProblem("resourceManager", url), url).not.toBeNull();
    }
    expect(hostMatches("a.b.servicebus.windows.net", "*.servicebus.windows.net")).toBe(false);
    expect(hostMatches(".servicebus.windows.net", "*.servicebus.windows.net")).toBe(false);
    expect(hostMatches("servicebus.windows.net.evil.example", "*.servicebus.windows.net")).toBe(false);
    expect(hostMatches("lab.servicebus.windows.net", "*.servicebus.windows.net")).toBe(true);
  });

  it("accepts the simulator only at exactly the origin BATCHDECK_SIMULATOR_ORIGIN names", () => {
    process.env.BATCHDECK_SIMULATOR_ORIGIN = "https://127.0.0.1:4599";
    expect(azureEndpointProblem("resourceManager", "https://127.0.0.1:4599/azure/arm")).toBeNull();
    expect(azureEndpointProblem("resourceManager", "https://127.0.0.1:4600/azure/arm")).toMatch(/or the simulator at https:\/\/127\.0\.0\.1:4599/);
    expect(azureEndpointProblem("resourceManager", "http://127.0.0.1:4599/azure/arm")).not.toBeNull();
    expect(azureEndpointProblem("resourceManager", "https://localhost:4599/azure/arm")).not.toBeNull();
    delete process.env.BATCHDECK_SIMULATOR_ORIGIN;
    expect(azureEndpointProblem("resourceManager", "https://127.0.0.1:4599/azure/arm")).not.toBeNull();
  });
});

describe("BATCHDECK_SIMULATOR_ORIGIN", () => {
  const real = {
    DATABASE_URL: "postgresql://u:p@db.internal:5432/batchdeck",
    NEXTAUTH_URL: "https://batchdeck.lab.example.edu",
    NEXTAUTH_SECRET: "s".repeat(40),
    GOOGLE_CLIENT_ID: "id",
    GOOGLE_CLIENT_SECRET: "secret",
    BATCHDECK_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    OWNER_EMAILS: "prof@lab.example.edu",
  };

  it("is refused at start-up outside demo mode and tests, and ignored by the allow-list there", () => {
    const env = { ...real, NODE_ENV: "production", BATCHDECK_SIMULATOR_ORIGIN: "https://127.0.0.1:4599" };
    expect(() => parseServerEnv(env)).toThrow(ConfigError);
    expect(() => parseServerEnv(env)).toThrow(/BATCHDECK_SIMULATOR_ORIGIN is set outside demo mode/);
    expect(simulatorOrigin(env)).toBeNull();
  });

  it("must be an https loopback origin and nothing more, even in the demo", () => {
    const demo = { NODE_ENV: "production", BATCHDECK_DEMO: "1" };
    for (const value of ["http://127.0.0.1:4599", "https://evil.example:4599", "https://127.0.0.1:4599/azure", "https://127.0.0.1"]) {
      expect(simulatorOrigin({ ...demo, BATCHDECK_SIMULATOR_ORIGIN: value }), value).toBeNull();
    }
    expect(simulatorOrigin({ ...demo, BATCHDECK_SIMULATOR_ORIGIN: "https://127.0.0.1:4599" })).toBe("https://127.0.0.1:4599");
    expect(simulatorOrigin({ NODE_ENV: "test", BATCHDECK_SIMULATOR_ORIGIN: "https://127.0.0.1:4599" })).toBe("https://127.0.0.1:4599");
  });
});
