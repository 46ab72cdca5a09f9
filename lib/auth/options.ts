import type { NextAuthOptions } from "next-auth";
import GoogleProvider from "next-auth/providers/google";
import { serverEnv } from "@/lib/env";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import { batchdeckAdapter, type BatchdeckUser } from "./adapter";
import { decideAdmission, normaliseEmail } from "./admission";
import { sameOriginCallbackUrl } from "./callback-url";
import { refuseSignIn } from "./sign-in-limits";

const SESSION_DAYS = 30;

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = serverEnv();
  const policy = { ownerEmails: env.OWNER_EMAILS, allowedDomains: env.ALLOWED_EMAIL_DOMAINS };
  const issuer = env.GOOGLE_ISSUER;
  cached = {
    secret: env.NEXTAUTH_SECRET,
    adapter: batchdeckAdapter(policy),
    // Database sessions, so removing a member ends their sessions on their next request.
    session: { strategy: "database", maxAge: SESSION_DAYS * 24 * 3600, updateAge: 24 * 3600 },
    providers: [
      GoogleProvider({
        clientId: env.GOOGLE_CLIENT_ID!,
        clientSecret: env.GOOGLE_CLIENT_SECRET!,
        // The demo's local OpenID Connect issuer stands in for accounts.google.com; unset in production.
        ...(issuer ? { issuer, wellKnown: `${issuer}/.well-known/openid-configuration` } : {}),
        // next-auth drops Google's email_verified before createUser (it sets emailVerified: null), so it
        // travels as `verified`; the adapter re-checks admission with it.
        profile: (p) => ({ id: p.sub, name: p.name, email: p.email, image: p.picture, verified: p.email_verified === true }),
      }),
    ],
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      async signIn({ profile, user }) {
        const email = normaliseEmail(String(profile?.email ?? user.email ?? ""));
        const verified = (profile as { email_verified?: boolean } | undefined)?.email_verified === true;
        const admission = await decideAdmission(email, verified, policy);
        return admission.admitted || refuseSignIn(email, admission.reason);
      },
      // Every redirect next-auth makes after signing in or out: only to this site (callback-url.ts).
      redirect({ url }) {
        return sameOriginCallbackUrl(url, env.NEXTAUTH_URL);
      },
      session({ session, user }) {
        const member = user as BatchdeckUser;
        session.user = { id: member.id, email: member.email, name: member.name ?? null, image: member.image ?? null, role: member.role };
        return session;
      },
    },
    events: {
      async signIn({ user }) {
        await db().user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
        await recordAudit(db(), { actor: { id: user.id, email: user.email ?? null }, action: "auth.sign_in", result: "ok", targetType: "user", targetId: user.id, target: user.email ?? undefined });
      },
    },
  };
  return cached;
}
