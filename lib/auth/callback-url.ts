// Where to send someone after signing in. `callbackUrl` comes from the query string, so it is an
// attacker's choice: a prefix test ("starts with / but not //") lets `/\evil.example` and `/%09/evil.example`
// through, because browsers read a backslash as a slash and drop tabs and newlines
// (https://url.spec.whatwg.org/#concept-basic-url-parser). So the URL is parsed exactly as a browser will
// parse it, against the site's own origin, and kept only when it lands on that origin.

/** `url` as an absolute URL on `siteUrl`'s origin, or the site's home page when it would leave it. */
export function sameOriginCallbackUrl(url: string | null | undefined, siteUrl: string): string {
  const site = new URL(siteUrl);
  const home = new URL("/", site).href;
  if (!url) return home;
  let target: URL;
  try {
    target = new URL(url, site);
  } catch {
    return home;
  }
  // Absolute, not a path: a same-origin URL whose path starts with `//` would, as a bare path, leave the site.
  return target.origin === site.origin ? target.href : home;
}
