import { describe, expect, it } from "vitest";
import { sameOriginCallbackUrl } from "./callback-url";

const site = "http://localhost:3000";

describe("the callback URL after signing in", () => {
  it("keeps a path on the site, with its query and fragment", () => {
    expect(sameOriginCallbackUrl("/jobs?account=a1&page=2#top", site)).toBe("http://localhost:3000/jobs?account=a1&page=2#top");
    expect(sameOriginCallbackUrl("/logs?job=nightly%20etl", site)).toBe("http://localhost:3000/logs?job=nightly%20etl");
    expect(sameOriginCallbackUrl("http://localhost:3000/members", site)).toBe("http://localhost:3000/members");
  });

  it("sends every way off the site to the home page", () => {
    for (const url of [
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "\\\\evil.example",
      "//evil.example/jobs",
      "https://evil.example/",
      "http://localhost:3001/jobs",
      "https://localhost:3000/jobs",
      "http://localhost:3000@evil.example/",
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
    ]) {
      expect(sameOriginCallbackUrl(url, site), url).toBe("http://localhost:3000/");
    }
  });

  it("keeps a same-origin path that starts with // absolute, so it can't become protocol-relative", () => {
    expect(sameOriginCallbackUrl("http://localhost:3000//evil.example", site)).toBe("http://localhost:3000//evil.example");
  });

  it("falls back to the home page for nothing or garbage", () => {
    expect(sameOriginCallbackUrl(undefined, site)).toBe("http://localhost:3000/");
    expect(sameOriginCallbackUrl("", site)).toBe("http://localhost:3000/");
    expect(sameOriginCallbackUrl("http://[::1", site)).toBe("http://localhost:3000/");
  });
});
