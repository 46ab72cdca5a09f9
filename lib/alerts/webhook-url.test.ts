import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { resolvedWebhookUrlProblem, urlHint, webhookUrlProblem } from "./webhook-url";
import { receiverAddressProblem } from "./receiver-address";
import { postJson } from "./post";

// Where alerts may go: https to public addresses; http and loopback only in demo mode and tests.

describe("webhook URL rules", () => {
  it("refuses plain http to a public host, even where loopback is allowed", () => {
    expect(webhookUrlProblem("http://hooks.slack.com/services/T/B/x", true)).toBe("The webhook URL must use https:// (it carries the alert, and the URL itself is a secret).");
    expect(webhookUrlProblem("https://hooks.slack.com/services/T/B/x", false)).toBeNull();
  });

  it("allows http to loopback only in demo mode and tests", () => {
    expect(webhookUrlProblem("http://127.0.0.1:8080/hook", true)).toBeNull();
    expect(webhookUrlProblem("http://127.0.0.1:8080/hook", false)).toBe("The webhook URL must use https:// (it carries the alert, and the URL itself is a secret).");
  });

  it("refuses private, loopback, link-local and metadata addresses outside demo mode", () => {
    for (const address of ["10.1.2.3", "172.16.0.1", "192.168.1.10", "127.0.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1"]) {
      expect(receiverAddressProblem(address, false), address).toBe(`${address} is a private, loopback or link-local address: alerts only go to receivers on the internet.`);
    }
    expect(receiverAddressProblem("127.0.0.1", true)).toBeNull();
    expect(receiverAddressProblem("10.1.2.3", true)).not.toBeNull();
    expect(receiverAddressProblem("140.82.112.3", false)).toBeNull();
    expect(webhookUrlProblem("https://169.254.169.254/latest/meta-data", false)).toBe("169.254.169.254 is a private, loopback or link-local address: alerts only go to receivers on the internet.");
  });

  it("checks the addresses a name resolves to", async () => {
    expect(await resolvedWebhookUrlProblem("https://localhost:8443/hook", false)).toMatch(/^localhost resolves to (127\.0\.0\.1|::1) is a private, loopback or link-local address/);
    expect(await resolvedWebhookUrlProblem("https://localhost:8443/hook", true)).toBeNull();
  });

  it("refuses credentials in the URL and shows only its host and last characters", () => {
    expect(webhookUrlProblem("https://user:pw@hooks.example.com/x", false)).toBe("The webhook URL must not contain a user name or password.");
    expect(urlHint("https://hooks.slack.com/services/T000/B000/XXXXsecretabcd")).toBe("hooks.slack.com …abcd");
  });

  it("never connects to a refused address when posting, whatever the name resolves to", async () => {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests++;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const answer = await postJson(`https://localhost:${port}/hook`, {}, { timeoutMs: 2_000, loopbackAllowed: false });
      expect(answer.ok).toBe(false);
      expect(answer.detail).toMatch(/^localhost resolves to .* is a private, loopback or link-local address/);
      expect(await postJson(`http://127.0.0.1:${port}/hook`, {}, { timeoutMs: 2_000, loopbackAllowed: true })).toEqual({ ok: true, status: 200, detail: "The receiver answered 200." });
      expect(requests).toBe(1);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
