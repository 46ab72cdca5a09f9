// How an account is doing, in words a member can act on: from its last sync's state and error kind
// (ProviderErrorKind, lib/providers/errors.ts). One reading for the overview's banners and the jobs
// list, so a cloud that is down, throttling or whose credentials expired says so in the same words
// everywhere while the other accounts keep working.

export type HealthLevel = "ok" | "warn" | "error";

export interface AccountHealth {
  level: HealthLevel;
  /** One line: what is wrong, or "Synced". */
  title: string;
  /** What to do about it, when a member can do something. */
  advice: string | null;
}

export interface AccountSyncState {
  syncState: "never" | "syncing" | "ok" | "error";
  lastSyncedAt: Date | null;
  lastErrorKind: string | null;
  lastError: string | null;
}

/** The sync runs every minute; three missed runs in a row is worth a word. */
export const STALE_AFTER_MS = 3 * 60_000;

const BY_KIND: Record<string, Omit<AccountHealth, "level"> & { level: Exclude<HealthLevel, "ok"> }> = {
  bad_credentials: { level: "error", title: "The cloud refused its credentials", advice: "An admin can enter new ones on the Accounts page." },
  permission_denied: { level: "error", title: "Missing a permission on the cloud", advice: "Grant the role the Accounts page lists for this cloud." },
  throttled: { level: "warn", title: "The cloud is throttling Batchdeck", advice: "Batchdeck slows down and retries by itself." },
  unreachable: { level: "error", title: "The cloud cannot be reached", advice: "Batchdeck retries every minute; the history shown is as of the last sync." },
  not_found: { level: "error", title: "Something this account names no longer exists", advice: "Check the account's settings on the Accounts page." },
  invalid_request: { level: "error", title: "The cloud rejected Batchdeck's request", advice: null },
};

export function accountHealth(account: AccountSyncState, now: Date): AccountHealth {
  if (account.syncState === "error") {
    const known = BY_KIND[account.lastErrorKind ?? ""];
    return known ?? { level: "error", title: "The last sync failed", advice: account.lastError };
  }
  if (account.syncState === "never" || !account.lastSyncedAt) return { level: "warn", title: "Waiting for its first sync", advice: null };
  const age = now.getTime() - account.lastSyncedAt.getTime();
  if (age > STALE_AFTER_MS) {
    return { level: "warn", title: `Last synced ${Math.round(age / 60_000)} minutes ago`, advice: "Check that a sync worker is running (npm run worker, or the app server's own)." };
  }
  return { level: "ok", title: "Synced", advice: null };
}
