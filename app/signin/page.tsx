import { redirect } from "next/navigation";
import { CenteredCard } from "@/components/centered-card";
import { SignInButton } from "@/components/sign-in-button";
import { sameOriginCallbackUrl } from "@/lib/auth/callback-url";
import { SIGN_IN_LIMITED } from "@/lib/auth/sign-in-limits";
import { currentActor } from "@/lib/auth/session";
import { serverEnv } from "@/lib/env";
import { loadSignInParams } from "./search-params";

export const metadata = { title: "Sign in" };

// next-auth's error codes, in words a person can act on.
const ERRORS: Record<string, string> = {
  OAuthSignin: "Could not reach Google to start signing in. Try again in a moment.",
  OAuthCallback: "Google's answer could not be verified. Try signing in again.",
  Callback: "Signing in failed on our side. Try again; if it keeps failing, tell an admin.",
  AccessDenied: "This Google account is not allowed to sign in here.",
  SessionRequired: "Sign in to see that page.",
};

function errorMessage(error: string, waitMinutes: number | null): string {
  if (error === SIGN_IN_LIMITED) return `Too many sign-in attempts. Try again in ${waitMinutes ?? 15} min.`;
  return ERRORS[error] ?? "Signing in failed. Try again.";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl, error, wait } = loadSignInParams(await searchParams);
  const target = sameOriginCallbackUrl(callbackUrl, serverEnv().NEXTAUTH_URL);
  if (await currentActor()) redirect(target);
  return (
    <CenteredCard>
      <h1>Sign in</h1>
      <p className="muted">Batchdeck is for members of this lab. Use the Google account your invitation was sent to.</p>
      {error ? <p className="notice error" role="alert">{errorMessage(error, wait)}</p> : null}
      <SignInButton callbackUrl={target} />
    </CenteredCard>
  );
}
