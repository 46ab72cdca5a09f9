import { describe, expect, it } from "vitest";
import { accountHealth, STALE_AFTER_MS } from "./account-health";

const now = new Date("2026-11-30T12:00:00Z");
const synced = { syncState: "ok" as const, lastSyncedAt: new Date(now.getTime() - 30_000), lastErrorKind: null, lastError: null };

describe("accountHealth", () => {
  it("is ok after a recent sync", () => {
    expect(accountHealth(synced, now)).toEqual({ level: "ok", title: "Synced", advice: null });
  });

  it("names expired or wrong credentials and who can fix them", () => {
    expect(accountHealth({ ...synced, syncState: "error", lastErrorKind: "bad_credentials", lastError: "AADSTS7000215" }, now)).toEqual({
      level: "error",
      title: "The cloud refused its credentials",
      advice: "An admin can enter new ones on the Accounts page.",
    });
  });

  it("says throttling is a warning that fixes itself", () => {
    expect(accountHealth({ ...synced, syncState: "error", lastErrorKind: "throttled", lastError: "429" }, now).level).toBe("warn");
  });

  it("falls back to the sync's own message for an error of no known kind", () => {
    expect(accountHealth({ ...synced, syncState: "error", lastErrorKind: "internal", lastError: "Sync failed: boom" }, now)).toEqual({
      level: "error",
      title: "The last sync failed",
      advice: "Sync failed: boom",
    });
  });

  it("warns when the syncs stopped, and before the first one", () => {
    const stale = new Date(now.getTime() - STALE_AFTER_MS - 60_000);
    expect(accountHealth({ ...synced, lastSyncedAt: stale }, now).title).toBe("Last synced 4 minutes ago");
    expect(accountHealth({ ...synced, syncState: "never", lastSyncedAt: null }, now)).toEqual({ level: "warn", title: "Waiting for its first sync", advice: null });
    // A sync under way on a recently synced account is fine.
    expect(accountHealth({ ...synced, syncState: "syncing" }, now).level).toBe("ok");
  });
});
