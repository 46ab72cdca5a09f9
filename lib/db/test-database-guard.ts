import { StartupError } from "./startup-error";

// The test runner drops and creates databases on the server it is given. A mistyped or leftover
// DATABASE_URL pointing at a real server must not get that treatment: only this machine's servers are
// used unless BATCHDECK_TEST_ALLOW_REMOTE_DATABASE=1 says the remote one is disposable.

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1"]);

/**
 * The host node-postgres connects to for this URL, read as pg-connection-string reads it: a ?host=
 * parameter wins over the host part, a socket: URL names a socket folder, and no host at all means PGHOST
 * or localhost.
 */
function hostOf(url: string, env: Record<string, string | undefined>): string {
  const parsed = new URL(url);
  if (parsed.protocol === "socket:") return decodeURI(parsed.pathname);
  const host = parsed.searchParams.get("host") || decodeURIComponent(parsed.hostname.replace(/^\[(.+)\]$/, "$1"));
  return host || env.PGHOST || "localhost";
}

/** True for loopback addresses and unix socket folders. */
export function isLocalDatabaseUrl(url: string, env: Record<string, string | undefined> = {}): boolean {
  const host = hostOf(url, env);
  return host.startsWith("/") || LOOPBACK.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Throws (one line, what to do) for a variable whose server is not on this machine, unless allowed explicitly. */
export function assertDisposableDatabase(variable: string, url: string | undefined, env: Record<string, string | undefined> = process.env): void {
  if (!url || env.BATCHDECK_TEST_ALLOW_REMOTE_DATABASE === "1") return;
  let local: boolean;
  try {
    local = isLocalDatabaseUrl(url, env);
  } catch {
    throw new StartupError(`${variable} is not a valid postgresql:// URL: fix it, or unset it to test on the embedded Postgres.`);
  }
  if (!local)
    throw new StartupError(
      `${variable} points at ${hostOf(url, env)}, not at this machine, and the tests drop and create databases there: ` +
        `use a local server (or unset it for the embedded one), or set BATCHDECK_TEST_ALLOW_REMOTE_DATABASE=1 if that server is disposable.`,
    );
}
