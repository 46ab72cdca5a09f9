import { generateKeyPairSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { gcpClientEndpoint, gcpEndpointProblem, tokenUriProblem } from "./endpoints";
import { gcpCredentialsSchema, gcpSettingsSchema } from "./settings";
import { gcpDescriptor } from "./index";

// What a Google account may hold: settings, endpoints on Google's hosts (or the simulator's origin), and a
// service-account key whose token_uri is Google's.

const saved = process.env.BATCHDECK_SIMULATOR_ORIGIN;
afterEach(() => {
  if (saved === undefined) delete process.env.BATCHDECK_SIMULATOR_ORIGIN;
  else process.env.BATCHDECK_SIMULATOR_ORIGIN = saved;
});

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PEM = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const key = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: "service_account",
    project_id: "lab-accounts",
    private_key_id: "0123456789abcdef",
    private_key: PEM,
    client_email: "batchdeck@lab-accounts.iam.gserviceaccount.com",
    client_id: "101",
    token_uri: "https://oauth2.googleapis.com/token",
    ...over,
  });
const problems = (serviceAccountKey: string) => {
  const parsed = gcpCredentialsSchema.safeParse({ serviceAccountKey });
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe("Google account settings", () => {
  it("take a project id and one or more regions, from the form's text or the catalog's list", () => {
    expect(gcpSettingsSchema.parse({ projectId: "lab-accounts", regions: "us-central1, europe-west1" })).toEqual({ projectId: "lab-accounts", regions: ["us-central1", "europe-west1"] });
    expect(gcpSettingsSchema.parse({ projectId: "lab-accounts", regions: ["asia-northeast1"] })).toEqual({ projectId: "lab-accounts", regions: ["asia-northeast1"] });
    const bad = gcpSettingsSchema.safeParse({ projectId: "Lab Accounts", regions: "" });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual([
      "A project ID is 6–30 lowercase letters, digits and hyphens, starting with a letter, e.g. lab-batch-123 (the ID, not the project's display name or number).",
      "Name at least one region, e.g. us-central1 (several: us-central1, europe-west1).",
    ]);
  });

  it("the form reports each bad field with how to fix it", () => {
    const result = gcpDescriptor.formValues.safeParse({ projectId: "123456", regions: "us central", serviceAccountKey: "{not json" });
    expect(result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path[0], i.message]))).toEqual({
      projectId: "A project ID is 6–30 lowercase letters, digits and hyphens, starting with a letter, e.g. lab-batch-123 (the ID, not the project's display name or number).",
      regions: "A region is a Cloud Run location such as us-central1 or europe-west1.",
      serviceAccountKey: "Paste the whole service-account key file (JSON, starting with {), as downloaded from IAM → Service accounts → Keys.",
    });
  });
});

describe("service-account key", () => {
  it("accepts a key file as IAM writes it", () => {
    expect(problems(key())).toEqual([]);
  });

  it("refuses what is not a service-account key, saying what is wrong", () => {
    expect(problems(key({ type: "authorized_user" }))).toEqual(['This is not a service-account key: its "type" must be "service_account" (an OAuth client file or a user credential will not do).']);
    expect(problems(key({ private_key: "abc" }))).toEqual(["The key's private_key is not a PEM private key; download the key again."]);
    expect(problems(key({ client_email: "nobody" }))).toEqual(["The key's client_email is not a service account's e-mail address."]);
  });

  it("sends its JWT only to Google's token endpoint, or to the simulator's origin when one is set", () => {
    delete process.env.BATCHDECK_SIMULATOR_ORIGIN;
    expect(tokenUriProblem("https://oauth2.googleapis.com/token")).toBeNull();
    for (const uri of ["https://evil.example/token", "http://oauth2.googleapis.com/token", "https://oauth2.googleapis.com:8443/token", "https://oauth2.googleapis.com/steal", "https://127.0.0.1:4599/token"]) {
      expect(tokenUriProblem(uri), uri).toMatch(/^The key's token_uri must /);
    }
    expect(problems(key({ token_uri: "https://evil.example/token" }))[0]).toMatch(/^The key's token_uri must be https:\/\/ on oauth2\.googleapis\.com; evil\.example is not/);
    process.env.BATCHDECK_SIMULATOR_ORIGIN = "https://127.0.0.1:4599";
    expect(tokenUriProblem("https://127.0.0.1:4599/token")).toBeNull();
  });
});

describe("Google endpoint allow-list", () => {
  it("accepts Google's hosts for each API, the regional Cloud Run hosts included", () => {
    delete process.env.BATCHDECK_SIMULATOR_ORIGIN;
    expect(gcpEndpointProblem("run", "https://run.googleapis.com")).toBeNull();
    expect(gcpEndpointProblem("run", "https://us-central1-run.googleapis.com")).toBeNull();
    expect(gcpEndpointProblem("scheduler", "https://cloudscheduler.googleapis.com")).toBeNull();
    expect(gcpEndpointProblem("logging", "https://logging.googleapis.com")).toBeNull();
  });

  it("refuses other hosts and schemes, naming what is allowed", () => {
    delete process.env.BATCHDECK_SIMULATOR_ORIGIN;
    expect(gcpEndpointProblem("run", "https://evil-run.googleapis.com.example")).toBe(
      "The Cloud Run endpoint must be https:// on run.googleapis.com, <region>-run.googleapis.com; evil-run.googleapis.com.example is not one of the cloud's own endpoints.",
    );
    expect(gcpEndpointProblem("logging", "http://logging.googleapis.com")).toMatch(/^The Cloud Logging endpoint must use https/);
    expect(gcpEndpointProblem("scheduler", "https://run.googleapis.com")).toMatch(/^The Cloud Scheduler endpoint must be https:\/\/ on cloudscheduler\.googleapis\.com;/);
    expect(() => gcpClientEndpoint("run", "https://127.0.0.1:4599")).toThrow(expect.objectContaining({ kind: "invalid_request", providerCode: "EndpointNotAllowed" }));
  });

  it("hands the clients the host and the port apart, Google's public host when none is set", () => {
    process.env.BATCHDECK_SIMULATOR_ORIGIN = "https://127.0.0.1:4599";
    expect(gcpClientEndpoint("run", "https://127.0.0.1:4599")).toEqual({ apiEndpoint: "127.0.0.1", port: 4599, protocol: "https" });
    expect(gcpClientEndpoint("logging", undefined)).toEqual({ apiEndpoint: "logging.googleapis.com", port: 443, protocol: "https" });
  });
});
