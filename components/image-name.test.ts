import { describe, expect, it } from "vitest";
import { shortImage } from "./image-name";

describe("shortImage", () => {
  it("keeps the last path segment with its tag, and the first 12 hex digits of a digest", () => {
    expect(shortImage("asia-northeast1-docker.pkg.dev/lab/app/account-service:1.8.1")).toBe("account-service:1.8.1");
    expect(shortImage("nightly-etl:2.0.1")).toBe("nightly-etl:2.0.1");
    expect(shortImage(`ghcr.io/lab/etl@sha256:${"0123456789ab".repeat(5)}cdef`)).toBe("etl@0123456789ab");
  });
});
