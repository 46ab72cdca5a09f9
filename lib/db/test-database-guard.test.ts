import { describe, expect, it } from "vitest";
import { assertDisposableDatabase, isLocalDatabaseUrl } from "./test-database-guard";

// The test runner drops databases: only servers on this machine, unless explicitly allowed.
describe("test database guard", () => {
  it("accepts loopback hosts and unix sockets", () => {
    const local = [
      "postgresql://u:p@127.0.0.1:5432/d",
      "postgresql://u:p@127.1.2.3/d",
      "postgres://u@localhost/d",
      "postgresql://u@LOCALHOST:5433/d",
      "postgresql://u:p@[::1]:5432/d",
      "postgresql://u@%2Fvar%2Frun%2Fpostgresql/d",
      "postgresql:///d?host=/var/run/postgresql",
      "socket:/var/run/postgresql?db=d",
      "postgresql:///d",
    ];
    expect(local.filter((url) => !isLocalDatabaseUrl(url))).toEqual([]);
  });

  it("refuses every other host, including look-alikes and a ?host= that overrides the host part", () => {
    const remote = [
      "postgresql://u:p@db.example.com/d",
      "postgresql://u:p@10.0.0.5:5432/d",
      "postgresql://u:p@127.0.0.1.evil.example/d",
      "postgresql://u:p@localhost.evil.example/d",
      "postgresql://u:p@[2001:db8::1]/d",
      "postgresql://u@localhost/d?host=db.example.com",
    ];
    expect(remote.filter((url) => isLocalDatabaseUrl(url))).toEqual([]);
  });

  it("reads PGHOST when the URL names no host, as node-postgres does", () => {
    expect(isLocalDatabaseUrl("postgresql:///d", { PGHOST: "db.example.com" })).toBe(false);
    expect(isLocalDatabaseUrl("postgresql:///d", { PGHOST: "/tmp" })).toBe(true);
  });

  it("says what to do in one line, and lets an explicit opt-in through", () => {
    const url = "postgresql://u:p@db.example.com:5432/d";
    expect(() => assertDisposableDatabase("DATABASE_URL", url, {})).toThrow(
      "DATABASE_URL points at db.example.com, not at this machine, and the tests drop and create databases there: " +
        "use a local server (or unset it for the embedded one), or set BATCHDECK_TEST_ALLOW_REMOTE_DATABASE=1 if that server is disposable.",
    );
    expect(() => assertDisposableDatabase("DATABASE_URL", url, { BATCHDECK_TEST_ALLOW_REMOTE_DATABASE: "true" })).toThrow("points at db.example.com");
    expect(() => assertDisposableDatabase("DATABASE_URL", url, { BATCHDECK_TEST_ALLOW_REMOTE_DATABASE: "1" })).not.toThrow();
    expect(() => assertDisposableDatabase("TEST_DATABASE_URL", "not a url", {})).toThrow("TEST_DATABASE_URL is not a valid postgresql:// URL");
    expect(() => assertDisposableDatabase("DATABASE_URL", undefined, {})).not.toThrow();
  });
});
