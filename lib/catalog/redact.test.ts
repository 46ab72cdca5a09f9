import { describe, expect, it } from "vitest";
import { isSecretName, redactEnv } from "./redact";

describe("redactEnv", () => {
  it("hides the values of secret-looking names, in any case, and keeps the rest as they are", () => {
    expect(
      redactEnv({
        BATCH: "no2",
        DB_PASSWORD: "hunter2",
        api_token: "t0k",
        ClientSecret: "s3",
        STORAGE_KEY: "k",
        keyring: "k2",
        MODE: "full",
      }),
    ).toEqual({
      BATCH: "no2",
      DB_PASSWORD: "[redacted]",
      api_token: "[redacted]",
      ClientSecret: "[redacted]",
      STORAGE_KEY: "[redacted]",
      keyring: "[redacted]",
      MODE: "full",
    });
  });

  it("passes null and an empty env through, and does not change its argument", () => {
    expect(redactEnv(null)).toEqual(null);
    expect(redactEnv({})).toEqual({});
    const env = { GITHUB_TOKEN: "ghp_x" };
    expect(redactEnv(env)).toEqual({ GITHUB_TOKEN: "[redacted]" });
    expect(env).toEqual({ GITHUB_TOKEN: "ghp_x" });
  });

  it("says which names count as secret", () => {
    expect(["PASSWORD", "x_secret_y", "Token", "MONKEY", "BATCH", "BATCHDECK_REQUEST"].map(isSecretName)).toEqual([true, true, true, true, false, false]);
  });
});
