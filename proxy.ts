import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { serverEnv } from "@/lib/env";
import { contentSecurityPolicy, demoHostRefusal, strictTransportSecurity } from "@/lib/http/security-headers";

// Runs before every page, server action and API route (see the matcher): refuses a demo request
// addressed to another host, gives each request its own CSP nonce, and passes the requested path to
// server components, so a signed-out visitor returns to it after sign-in.
export function proxy(request: NextRequest) {
  const env = serverEnv();
  if (env.demo) {
    const refusal = demoHostRefusal(request.headers.get("host"), env.NEXTAUTH_URL);
    if (refusal) return new NextResponse(refusal, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const policy = contentSecurityPolicy({
    nonce: randomBytes(16).toString("base64"),
    dev: process.env.NODE_ENV === "development",
    siteUrl: env.NEXTAUTH_URL,
    issuer: env.GOOGLE_ISSUER,
  });
  const headers = new Headers(request.headers);
  headers.set("x-batchdeck-path", request.nextUrl.pathname + request.nextUrl.search);
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  const hsts = strictTransportSecurity(env.NEXTAUTH_URL);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

// Everything but build output and the icon: API routes too, so the demo's Host check covers them.
export const config = { matcher: ["/((?!_next/static/|_next/image|favicon.ico).*)"] };
