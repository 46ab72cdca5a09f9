// The headers proxy.ts puts on every page and API answer: a Content-Security-Policy with a fresh nonce
// per request, HSTS when the site is served over https, and the demo's Host check against DNS rebinding.
// The headers that never vary (nosniff, Referrer-Policy, X-Frame-Options) are in next.config.ts, which
// also covers the static files proxy.ts does not see.

/** Where sign-in sends the browser when no GOOGLE_ISSUER stands in for Google. */
const GOOGLE_ACCOUNTS = "https://accounts.google.com";

export interface PolicyOptions {
  /** Base64 random value, new for each request; Next reads it back from the request's CSP header. */
  nonce: string;
  /** `next dev`: React's dev build needs eval, and dev CSS arrives as inline <style> without a nonce. */
  dev: boolean;
  /** NEXTAUTH_URL: https turns on upgrade-insecure-requests. */
  siteUrl: string;
  /** GOOGLE_ISSUER (the demo's local issuer) when set. */
  issuer?: string;
}

/**
 * A strict, nonce-based policy, after Next's guide (node_modules/next/dist/docs/01-app/02-guides/
 * content-security-policy.md, https://nextjs.org/docs/app/guides/content-security-policy):
 * - script-src: only scripts carrying this request's nonce, and what they load ('strict-dynamic');
 *   Next puts the nonce on its own scripts when it finds it in the request's CSP header.
 * - style-src-attr 'unsafe-inline': React renders `style={{…}}` props as style attributes, which a
 *   nonce cannot cover; attributes cannot run script, and img-src still bounds any url() they name.
 * - form-action: next-auth's sign-in form (/api/auth/signin/google) answers with a redirect to the
 *   issuer, and Chromium applies form-action to redirects after a form submission as well.
 */
export function contentSecurityPolicy({ nonce, dev, siteUrl, issuer }: PolicyOptions): string {
  const styles = dev ? "'self' 'unsafe-inline'" : `'self' 'nonce-${nonce}'`;
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src ${styles}`,
    `style-src-elem ${styles}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self' ${new URL(issuer ?? GOOGLE_ACCOUNTS).origin}`,
    "frame-ancestors 'none'",
  ];
  if (new URL(siteUrl).protocol === "https:") directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/**
 * Two years, the value hstspreload.org asks for; only when people reach the site over https (behind a
 * TLS proxy the app itself may listen on plain http, so it goes by NEXTAUTH_URL, not by the request).
 */
export function strictTransportSecurity(siteUrl: string): string | null {
  return new URL(siteUrl).protocol === "https:" ? "max-age=63072000; includeSubDomains" : null;
}

/**
 * The demo listens on loopback, but a page on any site can point its own name at 127.0.0.1 (DNS
 * rebinding) and then read the demo as same-origin. Such requests carry that site's name in Host, so
 * the demo answers only requests addressed to NEXTAUTH_URL's own host and port. Returns the refusal.
 */
export function demoHostRefusal(host: string | null, siteUrl: string): string | null {
  const expected = new URL(siteUrl).host;
  if (host?.toLowerCase() === expected.toLowerCase()) return null;
  return `This Batchdeck demo answers only at ${new URL(siteUrl).origin}; open that address instead.\n`;
}
