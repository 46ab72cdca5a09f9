import { redirect } from "next/navigation";
import { CenteredCard } from "@/components/centered-card";
import { SignInButton } from "@/components/sign-in-button";
import { currentActor } from "@/lib/auth/session";

export const metadata = { title: "Sign in" };

// next-auth's error codes, in words a person can act on.
const ERRORS: Record<string, string> = {
  OAuthSignin: "Could not reach Google to start signing in. Try again in a moment.",
  OAuthCallback: "Google's answer could not be verified. Try signing in again.",
  Callback: "Signing in failed on our side. Try again; if it keeps failing, tell an admin.",
  AccessDenied: "This Google account is not allowed to sign in here.",
  SessionRequired: "Sign in to see that page.",
};

function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  if (await currentActor()) redirect(safeCallback(callbackUrl));
  return (
    <CenteredCard>
      <h1>Sign in</h1>
      <p className="muted">Batchdeck is for members of this lab. Use the Google account your invitation was sent to.</p>
      {error ? <p className="notice error" role="alert">{ERRORS[error] ?? "Signing in failed. Try again."}</p> : null}
      <SignInButton callbackUrl={safeCallback(callbackUrl)} />
    </CenteredCard>
  );
}
