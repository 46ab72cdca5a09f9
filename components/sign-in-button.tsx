"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { sameOriginCallbackUrl } from "@/lib/auth/callback-url";

export function SignInButton({ callbackUrl, label = "Sign in with Google" }: { callbackUrl: string; label?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        // The same check as the server's (and next-auth's redirect callback), on the origin the page is on.
        void signIn("google", { callbackUrl: sameOriginCallbackUrl(callbackUrl, window.location.origin) });
      }}
    >
      {pending ? "Redirecting…" : label}
    </button>
  );
}
