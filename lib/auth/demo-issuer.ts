import http from "node:http";
import type { AddressInfo } from "node:net";
import { OAuth2Issuer, OAuth2Service } from "oauth2-mock-server";

// Demo mode's stand-in for accounts.google.com: a real OpenID Connect issuer (discovery, JWKS, signed
// id_tokens, PKCE) on loopback, with a small "sign in as" form in front of /authorize. next-auth's
// Google provider talks to it exactly as it talks to Google; only the discovery URL differs.

export interface DemoIssuer {
  url: string;
  close(): Promise<void>;
}

/** The demo's first owner unless OWNER_EMAILS says otherwise; the sign-in form suggests it. */
export const DEMO_OWNER = "owner@batchdeck.demo";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function signInForm(query: URLSearchParams, owners: string[], error?: string, email = ""): string {
  const hidden = [...query.entries()]
    .filter(([k]) => k !== "login_email")
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sign in — Batchdeck demo</title>
<style>
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:Canvas;color:CanvasText}
main{width:min(92vw,380px);padding:28px;border:1px solid color-mix(in srgb,CanvasText 15%,transparent);border-radius:14px}
h1{font-size:1.2rem;margin:0 0 4px}p{margin:0 0 18px;opacity:.75;font-size:.9rem;line-height:1.4}
label{display:block;font-weight:600;font-size:.9rem;margin-bottom:6px}
input[type=email]{box-sizing:border-box;width:100%;padding:10px 12px;font:inherit;border-radius:8px;border:1px solid color-mix(in srgb,CanvasText 30%,transparent);background:Canvas;color:CanvasText}
button{margin-top:14px;width:100%;padding:10px;font:inherit;font-weight:600;border:0;border-radius:8px;background:#2563eb;color:#fff;cursor:pointer}
.error{color:#dc2626;font-size:.85rem;margin-top:6px}
</style></head><body><main>
<h1>Demo sign-in</h1>
<p>This local issuer stands in for Google in the Batchdeck demo. There is no password: choose the email to sign in as.</p>
<form method="get" action="/authorize" novalidate>${hidden}
<label for="login_email">Email</label>
<input id="login_email" name="login_email" type="email" autocomplete="email" required autofocus value="${escapeHtml(email)}" aria-invalid="${error ? "true" : "false"}" aria-describedby="err">
${error ? `<div class="error" id="err" role="alert">${escapeHtml(error)}</div>` : ""}
<button type="submit">Continue</button>
<p style="margin:14px 0 0">Owner${owners.length > 1 ? "s" : ""} of this demo: ${owners.map((o) => `<code>${escapeHtml(o)}</code>`).join(", ")}. Anyone else needs an invitation.</p>
</form></main></body></html>`;
}

/** What next-auth's Google provider uses; the rest of oauth2-mock-server (password and client_credentials
 * grants, revocation, end-session with its own redirect) is not served. */
const SERVED_PATHS = new Set(["/.well-known/openid-configuration", "/jwks", "/token", "/authorize", "/userinfo"]);

/**
 * Why a request is refused, or null to serve it. oauth2-mock-server redirects to any redirect_uri and
 * answers CORS for any origin, so any web page could have it mint codes for itself. Only the app's own
 * callback may receive a code; no browser page may read the issuer (next-auth calls it from the server and
 * the browser only navigates to /authorize, neither of which sends a foreign Origin); and the Host must be
 * the loopback name the issuer was started on, so a DNS-rebound name can't reach it either.
 */
function refusal(req: http.IncomingMessage, url: URL, allowedHosts: Set<string>, callback: string): string | null {
  if (!allowedHosts.has(req.headers.host ?? "")) return `This issuer only answers on ${[...allowedHosts].join(" or ")}.`;
  const origin = req.headers.origin;
  if (req.method === "OPTIONS" || (origin !== undefined && origin !== url.origin)) return "This issuer does not answer other sites.";
  if (!SERVED_PATHS.has(url.pathname)) return "Not served by the demo issuer.";
  if (url.pathname === "/authorize" && url.searchParams.get("redirect_uri") !== callback) {
    return `This demo issuer signs in to ${callback} only; the request named another redirect_uri.`;
  }
  return null;
}

export async function startDemoIssuer(options: { port: number; host?: string; owners?: string[]; appUrl: string }): Promise<DemoIssuer> {
  const owners = options.owners ?? [DEMO_OWNER];
  const host = options.host ?? "127.0.0.1";
  const issuer = new OAuth2Issuer();
  const callback = new URL("/api/auth/callback/google", options.appUrl).href;
  const allowedHosts = new Set<string>();
  await issuer.keys.generate("RS256");
  const service = new OAuth2Service(issuer);
  const emailByCode = new Map<string, string>();

  service.on("beforeAuthorizeRedirect", (redirect: { url: URL }, req: http.IncomingMessage) => {
    const email = new URL(req.url ?? "/", issuer.url).searchParams.get("login_email");
    const code = redirect.url.searchParams.get("code");
    if (email && code) emailByCode.set(code, email.trim().toLowerCase());
  });
  service.on("beforeTokenSigning", (token: { payload: Record<string, unknown> }, req: { body?: { code?: string } }) => {
    const email = req.body?.code ? emailByCode.get(req.body.code) : undefined;
    if (!email) return;
    const local = email.split("@")[0] ?? email;
    Object.assign(token.payload, {
      sub: `demo-${email}`,
      email,
      email_verified: true,
      name: local.replace(/[._-]+/g, " ").replace(/\b\w/g, (c) => c.toUpperCase()),
      aud: token.payload.aud,
    });
  });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer.url);
    const refused = refusal(req, url, allowedHosts, callback);
    if (refused) {
      res.writeHead(403, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end(refused);
      return;
    }
    if (req.method === "GET" && url.pathname === "/authorize") {
      const email = url.searchParams.get("login_email");
      if (email === null || !EMAIL.test(email.trim())) {
        res.writeHead(email === null ? 200 : 400, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        res.end(signInForm(url.searchParams, owners, email === null ? undefined : "Enter a full email address, like ada@lab.example.edu.", email ?? ""));
        return;
      }
    }
    service.requestHandler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, resolve);
  });
  // Known once listening (port 0 picks one). The issuer string must be exactly what next-auth discovers and
  // then finds in id_token.iss.
  const port = (server.address() as AddressInfo).port;
  issuer.url = `http://localhost:${port}`;
  allowedHosts.add(`localhost:${port}`).add(`${host}:${port}`);
  return {
    url: issuer.url,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
